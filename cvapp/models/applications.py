"""Job applications the user tracks: the advert, where it stands, and what happened when."""

from datetime import date, datetime
from typing import Any

from sqlalchemy import Index, Text
from sqlmodel import Field

from cvapp.models.base import TableBase, check_in, fk, json_dict, json_list, timestamp

APPLICATION_STATUSES = (
    "wishlist",
    "applied",
    "interview",
    "offer",
    "accepted",
    "rejected",
    "withdrawn",
)


class Application(TableBase, table=True):
    """One job the user considers or applied for.

    ``contacts`` is ``[{name, role, email}]``; ``job`` keeps the JSON Resume job document it
    was imported from (fields cvapp has no column for survive an export); ``reminders_sent``
    maps a reminder kind to the date or time it was sent for, so a changed date re-arms it.
    """

    __tablename__ = "applications"
    __table_args__ = (
        check_in("status", APPLICATION_STATUSES),
        Index("ix_applications_user_id_archived", "user_id", "archived"),
    )

    user_id: str = fk("users.id", index=False)
    company: str = Field(max_length=200)
    role: str = Field(max_length=200)
    job_url: str | None = Field(default=None, max_length=500)
    job_text: str | None = Field(default=None, sa_type=Text)
    location: str | None = Field(default=None, max_length=200)
    salary: str | None = Field(default=None, max_length=100)
    source: str | None = Field(default=None, max_length=100)
    deadline: date | None = None
    status: str = Field(default="wishlist", max_length=16)
    status_changed_at: datetime | None = timestamp()
    notes: str | None = Field(default=None, sa_type=Text)
    contacts: list[dict[str, Any]] = json_list()
    follow_up_on: date | None = None
    interview_at: datetime | None = timestamp()
    reminders_sent: dict[str, Any] = json_dict()
    job: dict[str, Any] = json_dict()
    # The CV version sent, and the gap analysis of the advert against the profile.
    cv_id: str | None = fk("cv_versions.id", nullable=True, ondelete="SET NULL")
    gap_analysis: dict[str, Any] = json_dict()
    archived: bool = False
    # Optimistic locking, as for CV versions: a change based on an older version is refused.
    version: int = Field(default=1, sa_column_kwargs={"server_default": "1"})


class ApplicationEvent(TableBase, table=True):
    """A dated entry of an application's timeline: created, a status change, a reminder."""

    __tablename__ = "application_events"

    application_id: str = fk("applications.id")
    user_id: str = fk("users.id")
    kind: str = Field(max_length=16)
    from_status: str | None = Field(default=None, max_length=16)
    to_status: str | None = Field(default=None, max_length=16)
    at: datetime = timestamp(required=True)
    detail: str | None = Field(default=None, max_length=300)


class ApplicationBoard(TableBase, table=True):
    """The user's own names for the statuses (``labels``: ``{status: label}``)."""

    __tablename__ = "application_boards"

    user_id: str = fk("users.id", unique=True)
    labels: dict[str, Any] = json_dict()
