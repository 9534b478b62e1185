"""Experiences (JSON Resume ``work``): positions with ordered responsibility bullets."""

from __future__ import annotations

from typing import Any

from pydantic import Field, computed_field, field_validator

from cvapp.domain.sections.dates import PartialDate
from cvapp.domain.sections.fields import (
    Body,
    Bullets,
    Ids,
    LongText,
    Name,
    Text32,
    Text200,
    Text500,
    Url,
    unset,
)
from cvapp.domain.sections.service import Link, SectionService, current_filter, skill_filter
from cvapp.domain.sections.views import DatedItemView, ProjectRef, SkillRef, in_order
from cvapp.models import Experience, ExperienceSkill, Project, Skill


class ExperienceIn(Body):
    """An experience as written by its owner (POST and PUT body)."""

    company: Name
    title: Name
    company_description: Text500 | None = None
    location: Text200 | None = None
    employment_type: Text32 | None = None
    url: Url | None = None
    start_date: PartialDate
    end_date: PartialDate | None = Field(default=None, description="null means current")
    description: LongText | None = None
    responsibilities: Bullets = Field(default_factory=list, description="Ordered bullets")
    skill_ids: Ids = Field(default_factory=list)
    project_ids: Ids = Field(default_factory=list)
    order: int | None = Field(default=None, ge=0, le=100_000)


class ExperiencePatch(Body):
    """Partial update of ExperienceIn: only the fields sent change."""

    company: Name = unset()
    title: Name = unset()
    company_description: Text500 | None = unset()
    location: Text200 | None = unset()
    employment_type: Text32 | None = unset()
    url: Url | None = unset()
    start_date: PartialDate = unset()
    end_date: PartialDate | None = unset(description="null means current")
    description: LongText | None = unset()
    responsibilities: Bullets = unset(description="Ordered bullets")
    skill_ids: Ids = unset()
    project_ids: Ids = unset()
    order: int | None = unset(ge=0, le=100_000)


class ExperienceView(DatedItemView):
    """An experience with its skills and projects."""

    company: str
    title: str
    company_description: str | None = None
    location: str | None = None
    employment_type: str | None = None
    url: str | None = None
    start_date: str
    end_date: str | None = None
    description: str | None = None
    responsibilities: list[str] = []
    skills: list[SkillRef] = []
    projects: list[ProjectRef] = []

    @field_validator("skills", "projects")
    @classmethod
    def _in_order(cls, refs: list[Any]) -> list[Any]:
        return in_order(refs)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def skill_ids(self) -> list[str]:
        return [skill.id for skill in self.skills]

    @computed_field  # type: ignore[prop-decorator]
    @property
    def project_ids(self) -> list[str]:
        return [project.id for project in self.projects]


service: SectionService[Experience, ExperienceIn, ExperienceView] = SectionService(
    key="experiences",
    label="Experience",
    model=Experience,
    schema=ExperienceIn,
    patch=ExperiencePatch,
    view=ExperienceView,
    sort_fields=("start_date", "end_date", "company", "title"),
    links={
        "skill_ids": Link("skills", Skill, "skill"),
        "project_ids": Link("projects", Project, "project"),
    },
    loads=("skills", "projects"),
    date_pairs=(("start_date", "end_date"),),
    filters={
        "current": current_filter(Experience),
        "skill_id": skill_filter(
            Experience, ExperienceSkill.experience_id, ExperienceSkill.skill_id
        ),
    },
)
