"""The sections a CV version can show, their default order, and what may be overridden."""

from __future__ import annotations

from typing import Literal

SectionKey = Literal[
    "summary",
    "experiences",
    "projects",
    "skills",
    "education",
    "certifications",
    "publications",
    "achievements",
    "volunteering",
    "languages",
    "interests",
    "references",
]

SECTION_KEYS: tuple[str, ...] = (
    "summary",
    "experiences",
    "projects",
    "skills",
    "education",
    "certifications",
    "publications",
    "achievements",
    "volunteering",
    "languages",
    "interests",
    "references",
)
"""Every section in its default order."""

PROFILE_SECTIONS: tuple[str, ...] = ("summary", "interests", "references")
"""Sections taken whole from the profile's own fields, not from item rows."""

ITEM_SECTIONS: tuple[str, ...] = tuple(k for k in SECTION_KEYS if k not in PROFILE_SECTIONS)
"""Sections whose items are master rows with ids (shown, hidden, reordered, overridden)."""

TEXT_FIELDS: dict[str, tuple[str, ...]] = {
    "experiences": ("title", "company", "location", "description"),
    "projects": ("name", "role", "description"),
    "skills": ("name",),
    "education": ("institution", "area", "study_type", "score"),
    "certifications": ("name", "issuer"),
    "publications": ("name", "publisher", "summary"),
    "achievements": ("title", "awarder", "summary"),
    "volunteering": ("organization", "position", "summary"),
    "languages": ("fluency",),
}
"""Per section, the item fields an override may rewrite."""

BULLET_FIELDS: dict[str, str] = {
    "experiences": "responsibilities",
    "projects": "highlights",
    "volunteering": "highlights",
}
"""Per section, the list of bullets whose entries can be rewritten or hidden one by one."""
