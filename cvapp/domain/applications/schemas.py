"""Request and read schemas of job applications."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, EmailStr, Field, StringConstraints

from cvapp.domain.sections.fields import (
    Body,
    ItemId,
    LongText,
    Name,
    Text100,
    Text200,
    Url,
    unset,
)

Status = Literal["wishlist", "applied", "interview", "offer", "accepted", "rejected", "withdrawn"]
MAX_AD_CHARS = 50_000
AdText = Annotated[str, StringConstraints(strip_whitespace=True, max_length=MAX_AD_CHARS)]
Label = Annotated[str, StringConstraints(strip_whitespace=True, max_length=32)]


class Contact(Body):
    """Someone at the company: the recruiter, the hiring manager…"""

    name: Name
    role: Text200 | None = None
    email: EmailStr | None = None


class ApplicationIn(Body):
    """An application as its owner writes it (POST and PUT body)."""

    company: Name
    role: Name
    job_url: Url | None = None
    job_text: AdText | None = Field(default=None, description="The advert's full text")
    location: Text200 | None = None
    salary: Text100 | None = Field(default=None, description='A range as said, "€60–70k"')
    source: Text100 | None = Field(default=None, description='Where you found it: "LinkedIn"')
    deadline: date | None = None
    status: Status = "wishlist"
    notes: LongText | None = None
    contacts: Annotated[list[Contact], Field(max_length=50)] = Field(default_factory=list)
    follow_up_on: date | None = Field(default=None, description="A reminder is mailed that day")
    interview_at: datetime | None = Field(
        default=None, description="A reminder is mailed the day before"
    )
    cv_id: ItemId | None = Field(default=None, description="The CV version sent")
    archived: bool = False
    version: int | None = Field(
        default=None, description="The version you read: refused (409) if it changed since"
    )


class ApplicationPatch(Body):
    """Partial update of ApplicationIn: only the fields sent change."""

    company: Name = unset()
    role: Name = unset()
    job_url: Url | None = unset()
    job_text: AdText | None = unset()
    location: Text200 | None = unset()
    salary: Text100 | None = unset()
    source: Text100 | None = unset()
    deadline: date | None = unset()
    status: Status = unset()
    notes: LongText | None = unset()
    contacts: Annotated[list[Contact], Field(max_length=50)] = unset()
    follow_up_on: date | None = unset()
    interview_at: datetime | None = unset()
    cv_id: ItemId | None = unset()
    archived: bool = unset()
    version: int | None = unset()


class StatusMove(Body):
    """Move an application to another column of the board."""

    status: Status
    version: int | None = None


class TimelineEntry(BaseModel):
    """What happened and when: created, a status change, a reminder sent, a link opened."""

    model_config = ConfigDict(from_attributes=True)

    kind: str
    at: datetime
    from_status: str | None = None
    to_status: str | None = None
    detail: str | None = None


class ApplicationSummary(BaseModel):
    """An application in a list or on the board."""

    model_config = ConfigDict(from_attributes=True)

    id: str
    company: str
    role: str
    location: str | None
    salary: str | None
    source: str | None
    deadline: date | None
    status: Status
    status_changed_at: datetime | None
    follow_up_on: date | None
    interview_at: datetime | None
    archived: bool
    version: int
    created_at: datetime
    updated_at: datetime


class ApplicationView(ApplicationSummary):
    """One application with everything it holds and its timeline, oldest first."""

    job_url: str | None
    job_text: str | None
    notes: str | None
    contacts: list[dict[str, Any]]
    cv_id: str | None
    gap_analysis: dict[str, Any] | None = Field(
        default=None, description="The last gap analysis of the advert (POST …/tailor)"
    )
    timeline: list[TimelineEntry] = Field(default_factory=list)


class StatusLabel(BaseModel):
    """A column of the board: the status, its name as the user calls it, its place."""

    status: Status
    label: str
    order: int


class StatusLabelsIn(Body):
    """The user's names for statuses; a status left out (or empty) keeps its default name."""

    labels: dict[Status, Label | None]


class ApplicationShareIn(Body):
    """A share link for one application; the label defaults to "Company – Role"."""

    label: Text100 | None = None


class AdIn(Body):
    """A pasted job advert."""

    text: AdText


class AdDraft(BaseModel):
    """What an advert says plainly (``null`` where it does not): check it, then POST it."""

    company: str | None
    role: str | None
    location: str | None
    job_text: str
