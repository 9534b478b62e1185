"""The other JSON Resume sections of a profile, one table each, in the user's order."""

from sqlalchemy import Text, UniqueConstraint
from sqlmodel import Field

from cvapp.models.base import TableBase, fk, json_list
from cvapp.models.career import DATE_LENGTH


class Education(TableBase, table=True):
    """JSON Resume ``education``."""

    __tablename__ = "education"

    profile_id: str = fk("profiles.id")
    institution: str = Field(max_length=200)
    url: str | None = Field(default=None, max_length=500)
    area: str | None = Field(default=None, max_length=200)
    study_type: str | None = Field(default=None, max_length=100)
    start_date: str | None = Field(default=None, max_length=DATE_LENGTH)
    end_date: str | None = Field(default=None, max_length=DATE_LENGTH)
    score: str | None = Field(default=None, max_length=50)
    courses: list[str] = json_list()
    location: str | None = Field(default=None, max_length=200)
    sort_order: int = 0


class Certification(TableBase, table=True):
    """JSON Resume ``certificates``."""

    __tablename__ = "certifications"

    profile_id: str = fk("profiles.id")
    name: str = Field(max_length=200)
    issuer: str | None = Field(default=None, max_length=200)
    date: str | None = Field(default=None, max_length=DATE_LENGTH)
    url: str | None = Field(default=None, max_length=500)
    credential_id: str | None = Field(default=None, max_length=200)
    expires_date: str | None = Field(default=None, max_length=DATE_LENGTH)
    sort_order: int = 0


class Achievement(TableBase, table=True):
    """JSON Resume ``awards``."""

    __tablename__ = "achievements"

    profile_id: str = fk("profiles.id")
    title: str = Field(max_length=200)
    awarder: str | None = Field(default=None, max_length=200)
    date: str | None = Field(default=None, max_length=DATE_LENGTH)
    summary: str | None = Field(default=None, sa_type=Text)
    sort_order: int = 0


class Language(TableBase, table=True):
    """JSON Resume ``languages``; one row per language and profile."""

    __tablename__ = "languages"
    __table_args__ = (UniqueConstraint("profile_id", "language"),)

    profile_id: str = fk("profiles.id")
    language: str = Field(max_length=100)
    fluency: str | None = Field(default=None, max_length=100)
    sort_order: int = 0


class Publication(TableBase, table=True):
    """JSON Resume ``publications``."""

    __tablename__ = "publications"

    profile_id: str = fk("profiles.id")
    name: str = Field(max_length=300)
    publisher: str | None = Field(default=None, max_length=200)
    release_date: str | None = Field(default=None, max_length=DATE_LENGTH)
    url: str | None = Field(default=None, max_length=500)
    summary: str | None = Field(default=None, sa_type=Text)
    sort_order: int = 0


class Volunteering(TableBase, table=True):
    """JSON Resume ``volunteer``."""

    __tablename__ = "volunteering"

    profile_id: str = fk("profiles.id")
    organization: str = Field(max_length=200)
    position: str | None = Field(default=None, max_length=200)
    url: str | None = Field(default=None, max_length=500)
    start_date: str | None = Field(default=None, max_length=DATE_LENGTH)
    end_date: str | None = Field(default=None, max_length=DATE_LENGTH)
    summary: str | None = Field(default=None, sa_type=Text)
    highlights: list[str] = json_list()
    sort_order: int = 0
