"""Undoing an applied import: one action puts the profile back as it was before.

Items the import created are deleted; items it merged into get their earlier values back,
field by field, unless the user changed that field since (their later edit is kept, and
counted). An import is undone once; its summary says when.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel
from sqlmodel import Session

from cvapp.domain.events import coalesced
from cvapp.domain.imports.applying import locked_batch, saved
from cvapp.domain.imports.preview import profile_fields
from cvapp.domain.profiles.lookup import get_or_create_profile
from cvapp.domain.profiles.service import update_profile
from cvapp.domain.sections import SECTIONS
from cvapp.errors import Conflict, NotFound
from cvapp.models.base import utcnow

_NESTED = ("contact", "location")


def _current(session: Session, user_id: str, section: str, item_id: str) -> dict[str, Any] | None:
    if section == "profile":
        return profile_fields(get_or_create_profile(session, user_id=user_id))
    try:
        item: BaseModel = SECTIONS[section].get(session, user_id=user_id, item_id=item_id)
        return item.model_dump(mode="json")
    except NotFound:
        return None  # deleted since


def _unchanged(now: Any, written: Any) -> bool:
    return bool(now == written or (not now and not written))


def _back(
    current: dict[str, Any], before: dict[str, Any], after: dict[str, Any]
) -> tuple[dict[str, Any], int]:
    """The values to restore, and how many fields the user changed since (kept)."""
    changes: dict[str, Any] = {}
    kept = 0
    for name, old in before.items():
        written = after.get(name)
        if name in _NESTED and isinstance(old, dict) and isinstance(written, dict):
            now = current.get(name) or {}
            parts = {k: v for k, v in old.items() if _unchanged(now.get(k), written.get(k))}
            kept += len(old) - len(parts)
            if parts:
                changes[name] = parts
        elif _unchanged(current.get(name), written):
            changes[name] = old
        else:
            kept += 1
    return changes, kept


def undo(session: Session, *, user_id: str, import_id: str) -> dict[str, Any]:
    """Take an applied import back; ``{removed, restored, kept}`` (kept: later edits left)."""
    batch = locked_batch(session, user_id=user_id, import_id=import_id)
    summary = dict(batch.summary or {})
    log = (batch.preview or {}).get("undo")
    if batch.status != "applied" or log is None:
        raise Conflict("Only an applied import can be undone")
    if summary.get("undone_at"):
        raise Conflict("This import was already undone")
    removed = restored = kept = 0
    with coalesced(session):
        for section, item_id, before, after in reversed(log["restore"]):
            current = _current(session, user_id, section, item_id)
            if current is None:
                continue
            changes, later = _back(current, before, after)
            kept += later
            if not changes:
                continue
            if section == "profile":
                update_profile(session, user_id=user_id, changes=changes)
            else:
                SECTIONS[section].update(session, user_id=user_id, item_id=item_id, changes=changes)
            restored += 1
        for section, item_id in log["created"]:
            try:
                SECTIONS[section].delete(session, user_id=user_id, item_id=item_id)
            except NotFound:
                continue  # the user deleted it already
            removed += 1
    result = {"removed": removed, "restored": restored, "kept": kept}
    batch.summary = {**summary, "undone_at": utcnow().isoformat(), "undone": result}
    saved(session, batch)
    return {"import_id": batch.id, **result}
