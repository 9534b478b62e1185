"""Skills: category, level, years and last use, with the evidence that backs them."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field, field_validator
from sqlalchemy import ColumnElement, func
from sqlmodel import Session, select

from cvapp.domain.sections.dates import PartialDate
from cvapp.domain.sections.fields import Body, Keyword, Keywords, Text64, unset
from cvapp.domain.sections.service import SectionService
from cvapp.domain.sections.views import ExperienceRef, ItemView, ProjectRef, in_order
from cvapp.errors import Conflict
from cvapp.models import Skill


class SkillIn(Body):
    """A skill as written by its owner (POST and PUT body)."""

    name: Keyword
    category: Text64 | None = None
    level: int | None = Field(default=None, ge=1, le=5, description="1 (basic) to 5 (expert)")
    level_label: Text64 | None = Field(
        default=None,
        description='The level as written ("Fluent", "4/5"); exports print it instead of '
        "the word for `level`. Changing `level` alone drops it.",
    )
    years: float | None = Field(default=None, ge=0, le=80)
    last_used: PartialDate | None = None
    keywords: Keywords = Field(default_factory=list)
    order: int | None = Field(default=None, ge=0, le=100_000)


class SkillPatch(Body):
    """Partial update of SkillIn: only the fields sent change."""

    name: Keyword = unset()
    category: Text64 | None = unset()
    level: int | None = unset(ge=1, le=5, description="1 (basic) to 5 (expert)")
    level_label: Text64 | None = unset(
        description='The level as written ("Fluent", "4/5"); exports print it instead of '
        "the word for `level`. Changing `level` alone drops it."
    )
    years: float | None = unset(ge=0, le=80)
    last_used: PartialDate | None = unset()
    keywords: Keywords = unset()
    order: int | None = unset(ge=0, le=100_000)


class SkillEvidence(BaseModel):
    """Where the skill was used: the experiences and projects linked to it (read-only)."""

    experiences: list[ExperienceRef] = []
    projects: list[ProjectRef] = []

    @field_validator("experiences", "projects")
    @classmethod
    def _in_order(cls, refs: list[Any]) -> list[Any]:
        return in_order(refs)


class SkillView(ItemView):
    """A skill and its evidence."""

    name: str
    category: str | None = None
    level: int | None = None
    level_label: str | None = None
    years: float | None = None
    last_used: str | None = None
    keywords: list[str] = []
    evidence: SkillEvidence = SkillEvidence()


def normalized(name: str) -> str:
    """The key a skill is unique by within a profile: trimmed, single-spaced, casefolded."""
    return " ".join(name.split()).casefold()


def _to_view(skill: Skill) -> SkillView:
    evidence = {"experiences": skill.experiences, "projects": skill.projects}
    return SkillView.model_validate(
        {**skill.model_dump(), "evidence": evidence}, from_attributes=True
    )


def _to_row(row: dict[str, Any]) -> dict[str, Any]:
    return {**row, "name_normalized": normalized(row["name"])}


def _unique_name(session: Session, profile_id: str, item_id: str | None, data: SkillIn) -> None:
    statement = select(Skill.id).where(
        Skill.profile_id == profile_id, Skill.name_normalized == normalized(data.name)
    )
    existing = session.exec(statement).first()
    if existing is not None and existing != item_id:
        raise Conflict(
            "You already have this skill",
            details=[{"field": "name", "message": f"{data.name!r} is already a skill"}],
        )


def _category(category: str, _: str) -> ColumnElement[bool]:
    return func.lower(Skill.category) == category.strip().lower()


class SkillService(SectionService[Skill, SkillIn, SkillView]):
    def _patched(self, sent: dict[str, Any]) -> dict[str, Any]:
        """A new ``level`` without a new ``level_label`` drops the old words: they described
        the old level."""
        if "level" in sent and "level_label" not in sent:
            return {**sent, "level_label": None}
        return sent


service = SkillService(
    key="skills",
    label="Skill",
    model=Skill,
    schema=SkillIn,
    patch=SkillPatch,
    view=SkillView,
    sort_fields=("name", "category", "level", "years", "last_used"),
    loads=("experiences", "projects"),
    filters={"category": _category},
    conflict_check=_unique_name,
    to_row=_to_row,
    to_view=_to_view,
)
