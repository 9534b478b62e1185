"""Which text of the profile an improvement is for, and writing an accepted one back.

A target comes from the browser, so only the text fields below can be written, through the
owner-checked profile and section services, and only while the stored text is still the one
the suggestion was made from (an edit made meanwhile elsewhere is never overwritten).
"""

from __future__ import annotations

import dataclasses
from typing import Any

from sqlmodel import Session

from cvapp.domain.profiles import service as profiles_service
from cvapp.domain.profiles.lookup import get_or_create_profile
from cvapp.domain.sections import SECTIONS
from cvapp.errors import Conflict, ValidationFailed

PROFILE = "profile"
"""The target section of the profile's own fields (its summary)."""

KINDS = ("bullet", "summary", "description")
WRITABLE: dict[str, tuple[str, ...]] = {
    PROFILE: ("summary",),
    "experiences": ("responsibilities", "description"),
    "projects": ("highlights", "description"),
    "volunteering": ("highlights", "summary"),
}
"""Per section, the text fields an accepted suggestion may replace."""

_CHANGED = (
    "This text was changed since the suggestion was made, so it was left as it is. "
    "Close this and choose “Improve” again."
)


@dataclasses.dataclass
class TextTarget:
    """A text to improve; ``section`` "" means nowhere to save (the suggestion is copied)."""

    text: str = ""
    kind: str = "bullet"  # bullet | summary | description
    section: str = ""
    item_id: str = ""
    field: str = ""
    index: int = -1  # the bullet's position in ``field``; -1 for a whole field
    channel: str = ""  # which dialog of the page shows it
    tense: str = ""  # past | present; "" lets the item's dates decide
    target_role: str = ""

    def context(self) -> dict[str, Any]:
        """What ``ai.optimize_text`` is told about where the text lives."""
        context: dict[str, Any] = {"kind": self.kind if self.kind in KINDS else "bullet"}
        if self.section == "experiences" and self.item_id:
            context["experience_id"] = self.item_id
        if self.section == "projects" and self.item_id:
            context["project_id"] = self.item_id
        if self.tense in ("past", "present"):
            context["tense"] = self.tense
        if self.target_role.strip():
            context["target_role"] = self.target_role.strip()[:200]
        return context


def _same(stored: str | None, expected: str) -> bool:
    return " ".join((stored or "").split()) == " ".join(expected.split())


def replace_text(
    session: Session, *, user_id: str, target: TextTarget, expected: str, new: str
) -> None:
    """Write ``new`` where ``target`` points if the stored text is still ``expected``."""
    if target.field not in WRITABLE.get(target.section, ()):
        raise ValidationFailed.field("target", "This text cannot be changed from here")
    if target.section == PROFILE:
        profile = get_or_create_profile(session, user_id=user_id)
        if not _same(getattr(profile, target.field), expected):
            raise Conflict(_CHANGED)
        profiles_service.update_profile(session, user_id=user_id, changes={target.field: new})
        return
    service = SECTIONS[target.section]
    item = service.get(session, user_id=user_id, item_id=target.item_id)
    stored = getattr(item, target.field)
    if isinstance(stored, list):
        texts = list(stored)
        if not 0 <= target.index < len(texts) or not _same(texts[target.index], expected):
            raise Conflict(_CHANGED)
        texts[target.index] = new
        changes: dict[str, Any] = {target.field: texts}
    else:
        if not _same(stored, expected):
            raise Conflict(_CHANGED)
        changes = {target.field: new}
    service.update(session, user_id=user_id, item_id=target.item_id, changes=changes)
