"""The one interface both providers answer (offline rules, OpenAI-compatible models)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, Protocol

from cvapp.domain.ai.facts import ProfileFacts
from cvapp.domain.ai.jobposting import JobPosting
from cvapp.domain.ai.letter import LetterBrief, LetterText
from cvapp.domain.ai.rewrite import Rewrite, TextKind
from cvapp.domain.ai.schemas import GapAnalysis, Tone
from cvapp.domain.ai.verbs import Tense


@dataclass(frozen=True)
class SkillIdeaDraft:
    name: str
    category: str | None
    reason: str


@dataclass
class SkillIdeaList:
    role: str | None
    ideas: list[SkillIdeaDraft] = field(default_factory=list)
    alternatives: list[str] = field(default_factory=list)


class Provider(Protocol):
    """What an AI provider does; the service adds caching, quotas and the invention check."""

    name: str
    model: str | None

    def optimize_text(
        self, *, text: str, kind: TextKind, tense: Tense, facts: ProfileFacts, about: str | None
    ) -> Rewrite: ...

    def suggest_skills(self, *, role: str, limit: int, facts: ProfileFacts) -> SkillIdeaList: ...

    def gap_analysis(self, *, job: JobPosting, facts: ProfileFacts, today: date) -> GapAnalysis: ...

    def generate_summary(
        self, *, facts: ProfileFacts, tone: Tone, today: date, variant: int = 0
    ) -> str: ...

    def structure_resume(self, *, text: str) -> Any: ...

    def write_letter(
        self, *, job: JobPosting, facts: ProfileFacts, analysis: GapAnalysis, brief: LetterBrief
    ) -> LetterText: ...
