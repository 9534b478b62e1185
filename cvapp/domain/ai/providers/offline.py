"""The default provider: rules, the bundled taxonomy and fuzzy matching. No network, no
model download, the same answer for the same input."""

from __future__ import annotations

from datetime import date

from cvapp.domain.ai.facts import ProfileFacts
from cvapp.domain.ai.gaps import analyse_gaps
from cvapp.domain.ai.jobposting import JobPosting
from cvapp.domain.ai.letter import LetterBrief, LetterText, compose_letter
from cvapp.domain.ai.providers.base import SkillIdeaDraft, SkillIdeaList
from cvapp.domain.ai.requirements import extract_requirements
from cvapp.domain.ai.rewrite import Rewrite, TextKind, rewrite
from cvapp.domain.ai.schemas import GapAnalysis, Tone
from cvapp.domain.ai.summary import compose_summary
from cvapp.domain.ai.taxonomy import closest_roles, find_role
from cvapp.domain.ai.verbs import Tense
from cvapp.domain.ai.vocabulary import skill_category


class OfflineProvider:
    name = "offline"
    model: str | None = None

    def optimize_text(
        self, *, text: str, kind: TextKind, tense: Tense, facts: ProfileFacts, about: str | None
    ) -> Rewrite:
        return rewrite(text, tense=tense, kind=kind)

    def suggest_skills(self, *, role: str, limit: int, facts: ProfileFacts) -> SkillIdeaList:
        found = find_role(role)
        if found is None:
            return SkillIdeaList(role=None, alternatives=closest_roles(role))
        ideas = [
            SkillIdeaDraft(name, skill_category(name), f"Core skill for {found.name} roles")
            for name in found.core
        ] + [
            SkillIdeaDraft(name, skill_category(name), f"Often asked for {found.name} roles")
            for name in found.related
        ]
        return SkillIdeaList(role=found.name, ideas=ideas[:limit])

    def gap_analysis(self, *, job: JobPosting, facts: ProfileFacts, today: date) -> GapAnalysis:
        requirements = extract_requirements(job)
        return analyse_gaps(
            requirements, facts, provider=self.name, job_title=job.title, today=today
        )

    def structure_resume(self, *, text: str) -> None:
        """No model here: the offline reader's result is the import's."""
        return None

    def generate_summary(
        self, *, facts: ProfileFacts, tone: Tone, today: date, variant: int = 0
    ) -> str:
        return compose_summary(facts, tone=tone, today=today, variant=variant)

    def write_letter(
        self, *, job: JobPosting, facts: ProfileFacts, analysis: GapAnalysis, brief: LetterBrief
    ) -> LetterText:
        return compose_letter(facts, analysis, brief)
