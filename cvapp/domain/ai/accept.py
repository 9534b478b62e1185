"""Accepting an improved text: it replaces the stored one, through the owner-checked profile
and section services, only in the fields a suggestion may write and only while the stored
text is still the one the suggestion was made from (an edit made meanwhile is never lost)."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session

from cvapp.domain.ai.schemas import TextPlace
from cvapp.domain.history.actor import acting
from cvapp.domain.profiles import service as profiles_service
from cvapp.domain.profiles.lookup import get_or_create_profile
from cvapp.domain.sections import SECTIONS
from cvapp.errors import Conflict, ValidationFailed

PROFILE = "profile"
"""The target section of the profile's own fields (its summary)."""

WRITABLE: dict[str, tuple[str, ...]] = {
    PROFILE: ("summary",),
    "experiences": ("responsibilities", "description"),
    "projects": ("highlights", "description"),
    "volunteering": ("highlights", "summary"),
}
"""Per section, the text fields an accepted suggestion may replace."""

CHANGED = "This text was changed since the suggestion was made, so it was left as it is."


def _same(stored: str | None, expected: str) -> bool:
    return " ".join((stored or "").split()) == " ".join(expected.split())


def accept_suggestion(
    session: Session, *, user_id: str, target: TextPlace, original: str, suggestion: str
) -> None:
    """Store ``suggestion`` at ``target`` if the text there is still ``original`` (spacing
    aside); undoing is the same call with the two swapped. The profile's history shows it as
    an accepted AI suggestion."""
    with acting(session, "ai", target.section):
        _accept(session, user_id=user_id, target=target, original=original, suggestion=suggestion)


def _accept(
    session: Session, *, user_id: str, target: TextPlace, original: str, suggestion: str
) -> None:
    if target.field not in WRITABLE.get(target.section, ()):
        raise ValidationFailed.field("target", "This text cannot be changed from here")
    if target.section == PROFILE:
        profile = get_or_create_profile(session, user_id=user_id)
        if not _same(getattr(profile, target.field), original):
            raise Conflict(CHANGED)
        profiles_service.update_profile(
            session, user_id=user_id, changes={target.field: suggestion}
        )
        return
    service = SECTIONS[target.section]
    item = service.get(session, user_id=user_id, item_id=target.item_id)
    stored = getattr(item, target.field)
    if isinstance(stored, list):
        if target.index < 0:
            raise ValidationFailed.field("target.index", "Name the bullet to change")
        texts = list(stored)
        if target.index >= len(texts) or not _same(texts[target.index], original):
            raise Conflict(CHANGED)
        texts[target.index] = suggestion
        changes: dict[str, Any] = {target.field: texts}
    else:
        if not _same(stored, original):
            raise Conflict(CHANGED)
        changes = {target.field: suggestion}
    service.update(session, user_id=user_id, item_id=target.item_id, changes=changes)
