"""The evidence of a career: experiences, projects, skills, and the links between them.

Dates are JSON Resume strings (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``); ``end_date`` NULL
means current. ``sort_order`` is the user's manual order within a section.
"""

from sqlalchemy import CheckConstraint, Index, Text, UniqueConstraint, text
from sqlmodel import Field, Relationship, SQLModel

from cvapp.models.base import TableBase, fk, json_list, postgresql_only

DATE_LENGTH = 10

# Parenthesized as PostgreSQL stores it, so autogenerate sees no difference.
PROJECT_SEARCH_DOCUMENT = (
    "to_tsvector('simple', (coalesce(name, '') || ' ') || coalesce(description, ''))"
)
"""The indexed full-text document of project search; queries must use this expression."""


class ExperienceSkill(SQLModel, table=True):
    """A skill used in an experience."""

    __tablename__ = "experience_skills"

    experience_id: str = fk("experiences.id", primary_key=True, index=False)
    skill_id: str = fk("skills.id", primary_key=True)


class ProjectSkill(SQLModel, table=True):
    """A skill used in a project."""

    __tablename__ = "project_skills"

    project_id: str = fk("projects.id", primary_key=True, index=False)
    skill_id: str = fk("skills.id", primary_key=True)


class ProjectExperience(SQLModel, table=True):
    """A project done during an experience."""

    __tablename__ = "project_experiences"

    project_id: str = fk("projects.id", primary_key=True, index=False)
    experience_id: str = fk("experiences.id", primary_key=True)


class Experience(TableBase, table=True):
    """A position held (JSON Resume ``work``); ``responsibilities`` are its bullets."""

    __tablename__ = "experiences"
    __table_args__ = (
        postgresql_only(
            Index("ix_experiences_responsibilities", "responsibilities", postgresql_using="gin")
        ),
    )

    profile_id: str = fk("profiles.id")
    company: str = Field(max_length=200)
    company_description: str | None = Field(default=None, max_length=500)
    title: str = Field(max_length=200)
    location: str | None = Field(default=None, max_length=200)
    employment_type: str | None = Field(default=None, max_length=32)
    url: str | None = Field(default=None, max_length=500)
    start_date: str = Field(max_length=DATE_LENGTH)
    end_date: str | None = Field(default=None, max_length=DATE_LENGTH)
    description: str | None = Field(default=None, sa_type=Text)
    responsibilities: list[str] = json_list()
    sort_order: int = 0

    skills: list["Skill"] = Relationship(
        back_populates="experiences",
        link_model=ExperienceSkill,
        passive_deletes=True,
        sa_relationship_kwargs={"lazy": "selectin", "order_by": "Skill.sort_order"},
    )
    projects: list["Project"] = Relationship(
        back_populates="experiences",
        link_model=ProjectExperience,
        passive_deletes=True,
        sa_relationship_kwargs={"lazy": "select"},
    )


# Newest first per profile; needs the column objects for DESC, so it is declared here.
postgresql_only(
    Index(
        "ix_experiences_profile_id_start_date",
        Experience.__table__.c.profile_id,  # type: ignore[attr-defined]
        Experience.__table__.c.start_date.desc(),  # type: ignore[attr-defined]
    )
)


class Project(TableBase, table=True):
    """A project (JSON Resume ``projects``); the client may be anonymized behind an alias."""

    __tablename__ = "projects"
    __table_args__ = (
        postgresql_only(
            Index("ix_projects_search", text(PROJECT_SEARCH_DOCUMENT), postgresql_using="gin")
        ),
    )

    profile_id: str = fk("profiles.id")
    name: str = Field(max_length=200)
    description: str | None = Field(default=None, sa_type=Text)
    role: str | None = Field(default=None, max_length=200)
    url: str | None = Field(default=None, max_length=500)
    entity: str | None = Field(default=None, max_length=200)
    type: str | None = Field(default=None, max_length=64)
    start_date: str | None = Field(default=None, max_length=DATE_LENGTH)
    end_date: str | None = Field(default=None, max_length=DATE_LENGTH)
    highlights: list[str] = json_list()
    keywords: list[str] = json_list()
    client_name: str | None = Field(default=None, max_length=200)
    client_alias: str | None = Field(default=None, max_length=200)
    anonymize: bool = False
    sensitive_terms: list[str] = json_list()
    sort_order: int = 0

    skills: list["Skill"] = Relationship(
        back_populates="projects",
        link_model=ProjectSkill,
        passive_deletes=True,
        sa_relationship_kwargs={"lazy": "selectin", "order_by": "Skill.sort_order"},
    )
    experiences: list[Experience] = Relationship(
        back_populates="projects",
        link_model=ProjectExperience,
        passive_deletes=True,
        sa_relationship_kwargs={"lazy": "selectin", "order_by": "Experience.sort_order"},
    )


class Skill(TableBase, table=True):
    """A skill; ``name_normalized`` (casefolded, trimmed) is unique per profile."""

    __tablename__ = "skills"
    __table_args__ = (
        UniqueConstraint("profile_id", "name_normalized"),
        CheckConstraint("level BETWEEN 1 AND 5", name="level"),
        CheckConstraint("years >= 0", name="years"),
    )

    profile_id: str = fk("profiles.id")
    name: str = Field(max_length=100)
    name_normalized: str = Field(max_length=100)
    category: str | None = Field(default=None, max_length=64)
    level: int | None = None
    # The level as its owner (or an imported file) wrote it: "Fluent", "4/5"; None: use level.
    level_label: str | None = Field(default=None, max_length=64)
    years: float | None = None
    last_used: str | None = Field(default=None, max_length=DATE_LENGTH)
    keywords: list[str] = json_list()
    sort_order: int = 0

    experiences: list[Experience] = Relationship(
        back_populates="skills",
        link_model=ExperienceSkill,
        passive_deletes=True,
        sa_relationship_kwargs={"lazy": "select"},
    )
    projects: list[Project] = Relationship(
        back_populates="skills",
        link_model=ProjectSkill,
        passive_deletes=True,
        sa_relationship_kwargs={"lazy": "select"},
    )
