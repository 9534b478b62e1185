"""What the AI services take and give back (the API serves these shapes as they are)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field, field_validator

MAX_TEXT_CHARS = 2_000
MAX_JOB_CHARS = 50_000
Tone = Literal["professional", "confident", "friendly", "concise"]
ClaimKind = Literal["number", "date", "organisation", "skill", "title", "confidential"]
Status = Literal["matched", "hidden", "missing"]
Importance = Literal["required", "preferred"]
DiffOp = Literal["equal", "delete", "insert"]


class TextContext(BaseModel):
    """Where a text lives, so the rewrite fits it (tense, kind) and uses the right facts."""

    kind: Literal["bullet", "summary", "description"] = "bullet"
    experience_id: str | None = None
    project_id: str | None = None
    tense: Literal["past", "present"] | None = None
    target_role: str | None = Field(default=None, max_length=200)


class OptimizeTextIn(BaseModel):
    text: str = Field(min_length=1, max_length=MAX_TEXT_CHARS)
    context: TextContext | None = None

    @field_validator("context", mode="before")
    @classmethod
    def _note_as_context(cls, value: Any) -> Any:
        # A bare string names the kind of text ("bullet", "summary").
        return {"kind": value} if isinstance(value, str) else value


class TextPlace(BaseModel):
    """Where a text of the profile is stored: an item's field, or one of its bullets."""

    section: str = Field(max_length=40, description='A section key, or "profile" for its summary')
    item_id: str = Field(default="", max_length=40, description='"" for the profile')
    field: str = Field(max_length=40, description="e.g. responsibilities, description, summary")
    index: int = Field(default=-1, ge=-1, description="The bullet's position; -1: the whole field")


class AcceptSuggestionIn(BaseModel):
    original: str = Field(max_length=10_000, description="The text the suggestion was made from")
    suggestion: str = Field(max_length=10_000, description="The text to store in its place")
    target: TextPlace


class SuggestSkillsIn(BaseModel):
    role: str = Field(min_length=1, max_length=200)
    limit: int = Field(default=15, ge=1, le=50)


class GapAnalysisIn(BaseModel):
    job_description: str | dict[str, Any] = Field(
        description="The advert as text, or a JSON Resume job object"
    )
    cv_id: str | None = None


class SummaryIn(BaseModel):
    cv_id: str | None = None
    tone: Tone | None = None
    variant: int = Field(
        default=0, ge=0, le=1000, description='"Try again": 1, 2… gives another structure'
    )


class UnsupportedClaim(BaseModel):
    """Something an AI text states that the user's data does not back (to highlight)."""

    kind: ClaimKind
    text: str
    start: int
    end: int
    message: str


class DiffSegment(BaseModel):
    op: DiffOp
    text: str


class TextSuggestion(BaseModel):
    original: str
    suggestion: str
    diff: list[DiffSegment]
    warnings: list[UnsupportedClaim]
    changes: list[str] = Field(description="What was changed and why")
    tips: list[str] = Field(description="What only the user can add (e.g. a real number)")
    provider: str
    cached: bool = False
    unchanged: bool = Field(
        default=False,
        description="Nothing to improve: the suggestion is the original (not counted in the quota)",
    )
    reason: str | None = Field(default=None, description="Why nothing was changed")


class SkillIdea(BaseModel):
    name: str
    category: str | None
    reason: str
    already_have: bool


class SkillSuggestions(BaseModel):
    role: str | None = Field(description="The taxonomy role the request matched")
    skills: list[SkillIdea]
    alternatives: list[str] = Field(default_factory=list, description="Roles with close names")
    message: str | None = Field(
        default=None, description="Why there are no suggestions (an unknown role)"
    )
    provider: str
    cached: bool = False


class Requirement(BaseModel):
    """One thing a job advert asks for."""

    name: str
    kind: Literal["skill", "qualification", "experience", "language", "soft", "seniority"] = "skill"
    importance: Importance = "required"
    source: str = ""
    years: float | None = None
    degree: str | None = None
    field: str | None = None
    alternatives: list[str] = Field(
        default_factory=list,
        description='"Go or Python": any one satisfies it (for a skill, or the field of years)',
    )


class Evidence(BaseModel):
    section: str
    id: str
    label: str
    on_cv: bool
    snippet: str | None = None


class RequirementResult(BaseModel):
    requirement: Requirement
    status: Status
    evidence: list[Evidence]
    note: str | None = None


class Suggestion(BaseModel):
    kind: Literal["add_to_cv", "add_evidence", "add_to_profile", "close_gap"]
    message: str
    requirements: list[str]
    section: str | None = None
    item_id: str | None = None


class ScoreExplanation(BaseModel):
    method: str
    weights: dict[str, float]
    credits: dict[str, float]
    earned: float
    possible: float
    potential_score: int = Field(description="The score once every hidden item is shown")


class GapAnalysis(BaseModel):
    score: int = Field(ge=0, le=100)
    score_explanation: ScoreExplanation
    matched: list[RequirementResult]
    hidden: list[RequirementResult]
    missing: list[RequirementResult]
    suggestions: list[Suggestion]
    job_title: str | None = None
    cv_id: str | None = None
    provider: str
    cached: bool = False


class SummarySuggestion(BaseModel):
    summary: str
    original: str | None = Field(description="The summary in use now (kept for undo)")
    tone: Tone
    variant: int = Field(default=0, description="Which attempt this is (0: the first)")
    warnings: list[UnsupportedClaim]
    provider: str
    cached: bool = False


class QuotaStatus(BaseModel):
    plan: str
    limit: int
    used: int
    remaining: int
    resets_at: str


class ProviderInfo(BaseModel):
    provider: Literal["offline", "openai"]
    model: str | None
    base_url: str | None
    offline: bool
    cache_ttl_seconds: int
    daily_quotas: dict[str, int]
