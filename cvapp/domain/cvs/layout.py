"""Merge a CV version's stored choices with the master as it is now.

A version stores ids, flags, order and rewritten texts only. Items added to the master
since appear (shown, at their master position), items deleted from it vanish.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from cvapp.domain.cvs.sections import ITEM_SECTIONS, SECTION_KEYS
from cvapp.domain.profiles.schemas import ProfileView
from cvapp.models import CvVersion


def master_items(view: ProfileView) -> dict[str, list[Any]]:
    """The master's items of every item section, in the master's order."""
    return {key: list(getattr(view, key)) for key in ITEM_SECTIONS}


def effective_sections(stored: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Every section once, stored ones in their order, unknown ones after (shown)."""
    known = {entry["key"]: entry for entry in stored if entry.get("key") in SECTION_KEYS}
    default_rank = {key: index for index, key in enumerate(SECTION_KEYS)}
    listed = sorted(known.values(), key=lambda e: (e.get("order", 0), default_rank[e["key"]]))
    missing = [{"key": key, "visible": True, "title": None} for key in SECTION_KEYS]
    merged = listed + [entry for entry in missing if entry["key"] not in known]
    return [
        {
            "key": entry["key"],
            "visible": bool(entry.get("visible", True)),
            "order": position,
            "title": entry.get("title"),
        }
        for position, entry in enumerate(merged)
    ]


def effective_items(stored: list[dict[str, Any]], masters: list[Any]) -> list[dict[str, Any]]:
    """The section's items: stored ones in their order, new master items at their master place."""
    master_rank = {item.id: index for index, item in enumerate(masters)}
    kept = [entry for entry in stored if entry.get("id") in master_rank]
    kept.sort(key=lambda e: (e.get("order", 0), master_rank[e["id"]]))
    seen = {entry["id"] for entry in kept}
    result = list(kept)
    for item_id, rank in master_rank.items():
        if item_id in seen:
            continue
        entry = {"id": item_id, "visible": True, "overrides": {}, "hidden": []}
        position = next(
            (i for i, e in enumerate(result) if master_rank[e["id"]] > rank), len(result)
        )
        result.insert(position, entry)
    return [
        {
            "id": entry["id"],
            "visible": bool(entry.get("visible", True)),
            "order": position,
            "overrides": dict(entry.get("overrides") or {}),
            "hidden": list(entry.get("hidden") or []),
        }
        for position, entry in enumerate(result)
    ]


def effective_layout(
    cv: CvVersion, masters: dict[str, list[Any]]
) -> tuple[list[dict[str, Any]], dict[str, list[dict[str, Any]]]]:
    """The version's sections and items, merged with the master."""
    items = {
        key: effective_items(list((cv.items or {}).get(key) or []), masters[key])
        for key in ITEM_SECTIONS
    }
    return effective_sections(list(cv.sections or [])), items


def item_label(section: str, item: BaseModel) -> str:
    """A short human label of a master item (for editors and messages)."""
    data = item.model_dump()
    if section == "experiences":
        return f"{data['title']} — {data['company']}"
    if section == "education":
        return " — ".join(p for p in (data.get("study_type"), data["institution"]) if p)
    for name in ("name", "title", "organization", "language", "institution"):
        if data.get(name):
            return str(data[name])
    return str(data.get("id", ""))
