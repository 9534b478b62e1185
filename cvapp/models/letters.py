"""Cover letters: standalone or for an application, with their own undo history."""

from typing import Any

from sqlalchemy import Text
from sqlmodel import Field

from cvapp.models.base import TableBase, fk, json_list


class CoverLetter(TableBase, table=True):
    """One cover letter. ``cv_id`` chooses the letterhead (the CV's template, design and
    contact details); ``revisions`` keeps the saved states (``{fields…, at}``) the letter's
    undo and redo step through, ``revision`` being the one shown now."""

    __tablename__ = "cover_letters"

    user_id: str = fk("users.id")
    application_id: str | None = fk("applications.id", nullable=True, ondelete="SET NULL")
    cv_id: str | None = fk("cv_versions.id", nullable=True, ondelete="SET NULL")
    title: str = Field(max_length=200)
    recipient: str | None = Field(default=None, max_length=500)
    greeting: str | None = Field(default=None, max_length=200)
    body: str = Field(default="", sa_type=Text)
    closing: str | None = Field(default=None, max_length=200)
    language: str = Field(default="en", max_length=16)
    revisions: list[dict[str, Any]] = json_list()
    revision: int = Field(default=0, sa_column_kwargs={"server_default": "0"})
    # Optimistic locking, as for CV versions: a change based on an older version is refused.
    version: int = Field(default=1, sa_column_kwargs={"server_default": "1"})
