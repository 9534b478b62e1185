"""Projects (JSON Resume ``projects``), linked to experiences and skills, maybe anonymized."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import Field, StringConstraints, computed_field, field_validator
from sqlalchemy import ColumnElement

from cvapp.domain.sections.dates import PartialDate
from cvapp.domain.sections.fields import (
    Body,
    Bullets,
    Ids,
    Keywords,
    LongText,
    Name,
    Text64,
    Text200,
    Url,
    unset,
)
from cvapp.domain.sections.search import text_match
from cvapp.domain.sections.service import Link, SectionService, current_filter, skill_filter
from cvapp.domain.sections.views import DatedItemView, ExperienceRef, SkillRef, in_order
from cvapp.models import Experience, Project, ProjectSkill, Skill
from cvapp.models.career import PROJECT_SEARCH_DOCUMENT

SensitiveTerm = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=2, max_length=100)
]


class ProjectIn(Body):
    """A project as written by its owner (POST and PUT body)."""

    name: Name
    description: LongText | None = None
    role: Text200 | None = None
    url: Url | None = None
    entity: Text200 | None = None
    type: Text64 | None = None
    start_date: PartialDate | None = None
    end_date: PartialDate | None = Field(default=None, description="null means current")
    highlights: Bullets = Field(default_factory=list)
    keywords: Keywords = Field(default_factory=list)
    client_name: Text200 | None = None
    client_alias: Text200 | None = Field(
        default=None, description='Shown instead of the client, e.g. "a Tier-1 European bank"'
    )
    anonymize: bool = False
    sensitive_terms: Annotated[list[SensitiveTerm], Field(max_length=200)] = Field(
        default_factory=list, description="Also masked wherever they appear when anonymized"
    )
    experience_ids: Ids = Field(default_factory=list)
    skill_ids: Ids = Field(default_factory=list)
    order: int | None = Field(default=None, ge=0, le=100_000)


class ProjectPatch(Body):
    """Partial update of ProjectIn: only the fields sent change."""

    name: Name = unset()
    description: LongText | None = unset()
    role: Text200 | None = unset()
    url: Url | None = unset()
    entity: Text200 | None = unset()
    type: Text64 | None = unset()
    start_date: PartialDate | None = unset()
    end_date: PartialDate | None = unset(description="null means current")
    highlights: Bullets = unset()
    keywords: Keywords = unset()
    client_name: Text200 | None = unset()
    client_alias: Text200 | None = unset(
        description='Shown instead of the client, e.g. "a Tier-1 European bank"'
    )
    anonymize: bool = unset()
    sensitive_terms: Annotated[list[SensitiveTerm], Field(max_length=200)] = unset(
        description="Also masked wherever they appear when anonymized"
    )
    experience_ids: Ids = unset()
    skill_ids: Ids = unset()
    order: int | None = unset(ge=0, le=100_000)


class ProjectView(DatedItemView):
    """A project with its experiences and skills (client details are the owner's view)."""

    name: str
    description: str | None = None
    role: str | None = None
    url: str | None = None
    entity: str | None = None
    type: str | None = None
    start_date: str | None = None
    end_date: str | None = None
    highlights: list[str] = []
    keywords: list[str] = []
    client_name: str | None = None
    client_alias: str | None = None
    anonymize: bool = False
    sensitive_terms: list[str] = []
    experiences: list[ExperienceRef] = []
    skills: list[SkillRef] = []

    @field_validator("skills", "experiences")
    @classmethod
    def _in_order(cls, refs: list[Any]) -> list[Any]:
        return in_order(refs)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def experience_ids(self) -> list[str]:
        return [experience.id for experience in self.experiences]

    @computed_field  # type: ignore[prop-decorator]
    @property
    def skill_ids(self) -> list[str]:
        return [skill.id for skill in self.skills]


def _search(query: str, dialect: str) -> ColumnElement[bool]:
    columns = (Project.name, Project.description)
    return text_match(dialect, document=PROJECT_SEARCH_DOCUMENT, columns=columns, query=query)


service: SectionService[Project, ProjectIn, ProjectView] = SectionService(
    key="projects",
    label="Project",
    model=Project,
    schema=ProjectIn,
    patch=ProjectPatch,
    view=ProjectView,
    sort_fields=("start_date", "end_date", "name"),
    links={
        "experience_ids": Link("experiences", Experience, "experience"),
        "skill_ids": Link("skills", Skill, "skill"),
    },
    loads=("experiences", "skills"),
    date_pairs=(("start_date", "end_date"),),
    filters={
        "current": current_filter(Project),
        "skill_id": skill_filter(Project, ProjectSkill.project_id, ProjectSkill.skill_id),
        "q": _search,
    },
)
