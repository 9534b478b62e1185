"""Rewritten texts: which paths may be overridden, the master text behind each, review flags.

Each override remembers a hash of the master text it was written against
(``override_sources``); when the master text changes the override is flagged for review.
"""

from __future__ import annotations

import hashlib
from typing import Any

from pydantic import BaseModel

from cvapp.domain.cvs.sections import BULLET_FIELDS, TEXT_FIELDS
from cvapp.errors import ValidationFailed

SUMMARY_KEY = "summary"


def source_key(section: str, item_id: str, path: str) -> str:
    return f"{section}:{item_id}:{path}"


def fingerprint(text: str | None) -> str:
    """A short hash of a master text (None, a deleted bullet, has its own)."""
    return hashlib.sha256((text if text is not None else "\x00none").encode()).hexdigest()[:16]


def master_text(item: BaseModel | dict[str, Any], path: str) -> str | None:
    """The master's text at ``path`` (``title`` or ``responsibilities.2``), None if absent."""
    data = item.model_dump() if isinstance(item, BaseModel) else item
    field, _, index = path.partition(".")
    value = data.get(field)
    if index:
        position = int(index)
        return value[position] if isinstance(value, list) and position < len(value) else None
    return value if isinstance(value, str) else None


def check_paths(section: str, entry: dict[str, Any], where: str) -> None:
    """Refuse override and hidden paths the section does not have."""
    bullets = BULLET_FIELDS.get(section)
    for path in entry.get("overrides", {}):
        field, _, index = path.partition(".")
        ok = (field in TEXT_FIELDS.get(section, ()) and not index) or (
            field == bullets and index != ""
        )
        if not ok:
            raise ValidationFailed.field(f"{where}.overrides.{path}", "Cannot be overridden")
    for path in entry.get("hidden", []):
        field, _, index = path.partition(".")
        if field != bullets or not index:
            raise ValidationFailed.field(f"{where}.hidden", f"{path!r} is not a bullet")


def restamp(
    *,
    old_sources: dict[str, str],
    old_items: dict[str, list[dict[str, Any]]],
    new_items: dict[str, list[dict[str, Any]]],
    masters: dict[str, dict[str, BaseModel]],
) -> dict[str, str]:
    """Sources for ``new_items``: unchanged overrides keep theirs, changed ones stamp now."""
    previous = {
        source_key(section, entry["id"], path): text
        for section, entries in old_items.items()
        for entry in entries
        for path, text in (entry.get("overrides") or {}).items()
    }
    sources: dict[str, str] = {}
    for section, entries in new_items.items():
        for entry in entries:
            for path, text in entry["overrides"].items():
                key = source_key(section, entry["id"], path)
                if previous.get(key) == text and key in old_sources:
                    sources[key] = old_sources[key]
                else:
                    sources[key] = fingerprint(master_text(masters[section][entry["id"]], path))
    return sources


def needs_review(
    sources: dict[str, Any], section: str, item: BaseModel, overrides: dict[str, str]
) -> list[str]:
    """The paths of ``overrides`` whose master text changed since they were written."""
    item_id = str(item.model_dump()["id"])
    return [
        path
        for path in overrides
        if sources.get(source_key(section, item_id, path)) != fingerprint(master_text(item, path))
    ]
