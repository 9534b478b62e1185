"""Version history: every saved state of a CV version, append-only."""

from typing import Any

from sqlalchemy import UniqueConstraint
from sqlmodel import Field

from cvapp.models.base import ID_LENGTH, TableBase, fk, json_dict, json_list


class Revision(TableBase, table=True):
    """One state of a CV version (its editable fields) and what changed to reach it.

    ``subject_id`` is the CV's id without a foreign key: a deleted CV's revisions stay (for
    the retention window) so it can be restored. ``number`` counts from 1 per CV. A state
    equal to the previous one is not stored again.
    """

    __tablename__ = "revisions"
    __table_args__ = (UniqueConstraint("subject_id", "number"),)

    user_id: str = fk("users.id")
    subject: str = Field(default="cv", max_length=16)
    subject_id: str = Field(max_length=ID_LENGTH, index=True)
    number: int
    # What made it: "created", "changed", "restored" or "deleted".
    action: str = Field(max_length=16)
    # Who: "user" (the app), "api_key" (with its id), "restore", "system".
    actor: str = Field(default="user", max_length=16)
    actor_id: str | None = Field(default=None, max_length=64)
    label: str = Field(max_length=300)
    name: str | None = Field(default=None, max_length=100)
    state: dict[str, Any] = json_dict()
    changes: list[dict[str, Any]] = json_list()
    # A deletion keeps what bringing the CV back needs (its row and share links).
    restore_data: dict[str, Any] = json_dict()
