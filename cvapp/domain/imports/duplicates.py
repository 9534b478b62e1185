"""Items that appear twice in one upload merged into one.

A LinkedIn profile kept in two languages is exported with each entry twice: same company and
dates, title and description translated. The first row (the profile's main language) is kept;
its blank fields are filled from the other.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from cvapp.domain.imports.draft import Draft, DraftItem
from cvapp.domain.imports.keys import name_key, org_key, text_key

Key = Callable[[dict[str, Any]], tuple[Any, ...]]
_DATES = ("start_date", "end_date", "date", "release_date")


def _neutral(*fields: str, fallback: str) -> Key:
    """Key on language-neutral fields and the dates; on the name when no such field is set."""

    def key(data: dict[str, Any]) -> tuple[Any, ...]:
        dates = tuple(data.get(name) for name in _DATES)
        values = tuple(data.get(field) for field in fields)
        if any(values):
            return (*values, *dates)
        return (text_key(data.get(fallback)), *dates)

    return key


KEYS: dict[str, Key] = {
    "experiences": lambda d: (org_key(d.get("company")), d.get("start_date"), d.get("end_date")),
    "education": lambda d: (org_key(d.get("institution")), d.get("start_date"), d.get("end_date")),
    "volunteering": lambda d: (
        org_key(d.get("organization")), d.get("start_date"), d.get("end_date")
    ),
    "skills": lambda d: (name_key(d.get("name")),),
    "languages": lambda d: (name_key(d.get("language")),),
    "projects": _neutral("url", fallback="name"),
    "certifications": _neutral("credential_id", "url", fallback="name"),
    "publications": _neutral("url", fallback="name"),
    "achievements": lambda d: (text_key(d.get("title")), d.get("date")),
}  # fmt: skip


def merge_duplicates(draft: Draft, sections: Iterable[str], reason: str) -> None:
    """Merge items of ``sections`` with the same key; one warning per section merged."""
    wanted = set(sections)
    kept: list[DraftItem] = []
    first_by_key: dict[tuple[Any, ...], DraftItem] = {}
    merged: dict[str, int] = {}
    for item in draft.items:
        if item.section not in wanted:
            kept.append(item)
            continue
        key = (item.section, *KEYS[item.section](item.data))
        first = first_by_key.get(key)
        if first is None:
            first_by_key[key] = item
            kept.append(item)
            continue
        for field, value in item.data.items():
            if first.data.get(field) in (None, "", []):
                first.data[field] = value
        merged[item.section] = merged.get(item.section, 0) + 1
    draft.items = kept
    for section, count in merged.items():
        noun = "entry" if count == 1 else "entries"
        draft.warn(
            "duplicates_merged", f"{count} {section} {noun} appeared twice ({reason}); merged"
        )
