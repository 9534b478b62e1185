"""What the version history hands out (API and UI alike)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from pydantic import BaseModel, Field, StringConstraints


class ChangeView(BaseModel):
    field: str = Field(description="A stable path, e.g. `items.experiences.<id>.visible`")
    label: str = Field(description="The change in words")
    before: Any = None
    after: Any = None


class RevisionSummary(BaseModel):
    """One entry of a CV's history timeline."""

    number: int = Field(description="1 for the CV's first state, counting up")
    created_at: datetime
    action: str = Field(description="created, changed, restored or deleted")
    actor: str = Field(description="user (the app), api_key, restore or system")
    label: str
    name: str | None = Field(default=None, description="The name given to this version")
    changes: list[ChangeView] = Field(description="What this revision changed")
    current: bool = Field(description="Whether the CV is in this state now")


class RevisionView(RevisionSummary):
    """A revision with the CV's state then and what differs from now."""

    state: dict[str, Any] = Field(description="The CV's editable fields at this revision")
    differences: list[ChangeView] = Field(
        description="From this revision to the CV as it is now (empty: the same)"
    )


class HistoryPage(BaseModel):
    cv_id: str
    exists: bool = Field(description="False once the CV was deleted (restorable from here)")
    kept_days: int = Field(description="How long revisions are kept on the owner's plan")
    data: list[RevisionSummary]


class RevisionName(BaseModel):
    name: Annotated[str, StringConstraints(strip_whitespace=True, max_length=100)] | None = None


class DeletedCv(BaseModel):
    """A deleted CV that can still be brought back (within its owner's retention)."""

    id: str
    name: str
    target_role: str | None = None
    deleted_at: datetime
    kept_until: datetime = Field(description="Restorable until then")
    revision: int = Field(description="Restore it with POST /cvs/{id}/history/{revision}/restore")


class DeletedCvs(BaseModel):
    data: list[DeletedCv]


class ProfileHistoryPage(BaseModel):
    profile_id: str
    kept_days: int = Field(description="How long revisions are kept on the owner's plan")
    data: list[RevisionSummary]


class ProfileRestored(BaseModel):
    """What a restore of the profile did (itself a new revision, so it can be undone)."""

    number: int = Field(description="The revision the profile (or the items named) came from")
    items: int = Field(description="How many items were created, changed or deleted")
