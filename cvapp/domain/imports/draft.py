"""What an upload holds, section by section, before it meets the profile.

A reader (LinkedIn or JSON Resume) fills a :class:`Draft`: the profile's own fields in the
shape of ``ProfileUpdate`` and one :class:`DraftItem` per section item in the shape of that
section's request schema (``ExperienceIn``…). Warnings say what could not be read and where.
The draft is stored on the import, so applying it later needs no second read of the file.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

SECTION_ORDER = (
    "experiences",
    "projects",
    "skills",
    "education",
    "certifications",
    "achievements",
    "languages",
    "publications",
    "volunteering",
)
"""Sections in the order a preview lists them and ``apply`` writes them."""


@dataclass
class Notice:
    """A warning about the input: ``code`` for programs, ``message`` for people."""

    code: str
    message: str
    location: str | None = None


REVIEW_BELOW = 0.7
"""Items read with a lower confidence are flagged for review in the preview."""


@dataclass
class DraftItem:
    """One item to import into ``section``; ``source`` says where it was read.

    ``links`` names other items of the same upload this one is linked to, by section
    (a skill's experiences and projects): ``{"experiences": ["experiences-0"]}``.
    """

    section: str
    data: dict[str, Any]
    source: str
    item_ref: str = ""
    links: dict[str, list[str]] = field(default_factory=dict)
    confidence: float = 1.0  # how sure the reader is (a parsed CV file); files with fields: 1


@dataclass
class Draft:
    """Everything read from one upload."""

    source: str
    profile: dict[str, Any] = field(default_factory=dict)
    items: list[DraftItem] = field(default_factory=list)
    warnings: list[Notice] = field(default_factory=list)
    files: list[str] = field(default_factory=list)

    def warn(self, code: str, message: str, location: str | None = None) -> None:
        self.warnings.append(Notice(code, message, location))

    def add(self, section: str, data: dict[str, Any], source: str) -> None:
        self.items.append(DraftItem(section, data, source))

    def section(self, name: str) -> list[DraftItem]:
        return [item for item in self.items if item.section == name]

    def numbered(self) -> Draft:
        """The items in section order, each with its ``item_ref`` (``experiences-0``…)."""
        ordered: list[DraftItem] = []
        for name in SECTION_ORDER:
            for index, item in enumerate(self.section(name)):
                item.item_ref = f"{name}-{index}"
                ordered.append(item)
        self.items = ordered
        return self

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Draft:
        return cls(
            source=data["source"],
            profile=data.get("profile", {}),
            items=[DraftItem(**item) for item in data.get("items", [])],
            warnings=[Notice(**notice) for notice in data.get("warnings", [])],
            files=data.get("files", []),
        )


def text(value: Any) -> str | None:
    """A stripped string, or None for blanks and non-strings."""
    if not isinstance(value, str):
        return None
    stripped = value.strip()
    return stripped or None


def compact(data: dict[str, Any]) -> dict[str, Any]:
    """``data`` without None values and empty lists or dicts."""
    return {key: value for key, value in data.items() if value not in (None, [], {}, "")}
