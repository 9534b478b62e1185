"""The profile's own fields from Profile.csv, Profile Summary.csv, Email Addresses.csv and
PhoneNumbers.csv (LinkedIn writes one row per address or number)."""

from __future__ import annotations

import re
from typing import Any

from cvapp.domain.imports.csvtable import Row
from cvapp.domain.imports.draft import compact
from cvapp.domain.imports.places import location, web_url

_TYPED = re.compile(r"^\s*(?P<kind>[A-Za-z_ ]+):(?!//)\s*(?P<value>.+)$")
_PERSONAL = ("personal", "portfolio", "blog", "other")


def _entries(value: str) -> list[tuple[str | None, str]]:
    """``[TYPE:value,…]`` lists of Profile.csv (Websites, Twitter Handles) as pairs."""
    entries: list[tuple[str | None, str]] = []
    for part in value.strip().strip("[]").split(","):
        match = _TYPED.match(part)
        if match:
            entries.append((match.group("kind").strip().lower(), match.group("value").strip()))
        elif part.strip():
            entries.append((None, part.strip()))
    return entries


def _links(row: Row) -> tuple[str | None, list[dict[str, Any]]]:
    website: str | None = None
    links: list[dict[str, Any]] = []
    for kind, value in _entries(row.get("Websites")):
        url = web_url(value)
        if url is None:
            continue
        links.append({"network": (kind or "website").replace("_", " ").title(), "url": url})
        if website is None and (kind is None or kind in _PERSONAL):
            website = url
    for _, handle in _entries(row.get("Twitter Handles")):
        username = handle.lstrip("@")
        if username:
            links.append(
                {"network": "Twitter", "username": username, "url": f"https://x.com/{username}"}
            )
    return website, links


def from_profile(rows: list[Row]) -> dict[str, Any]:
    """Name, headline, summary, location and web links from Profile.csv's one row."""
    if not rows:
        return {}
    row = rows[0]
    place = compact(
        {
            **location(row.get("Geo Location")),
            "address": row.get("Address") or None,
            "postal_code": row.get("Zip Code") or None,
        }
    )
    website, links = _links(row)
    full_name = " ".join(part for part in (row.get("First Name"), row.get("Last Name")) if part)
    return compact(
        {
            "full_name": full_name,
            "headline": row.get("Headline"),
            "summary": row.get("Summary"),
            "location": place,
            "website": website,
            "links": links,
        }
    )


def summary(rows: list[Row]) -> str | None:
    """The "About" text of Profile Summary.csv."""
    for row in rows:
        text = row.get("Profile Summary") or row.get("Summary")
        if text:
            return text
    return None


def emails(rows: list[Row]) -> list[str]:
    """Every address, the primary one (``Primary=Yes``) first, then the confirmed ones."""
    ordered = sorted(
        rows,
        key=lambda row: (
            row.get("Primary").lower() != "yes",
            row.get("Confirmed").lower() != "yes",
        ),
    )
    return list(
        dict.fromkeys(row.get("Email Address") for row in ordered if row.get("Email Address"))
    )


def phones(rows: list[Row]) -> list[str]:
    """Every number (with its extension and type), mobile ones first."""
    ordered = sorted(rows, key=lambda row: row.get("Type").lower() != "mobile")
    found = []
    for row in ordered:
        number = row.get("Number")
        if number and row.get("Extension"):
            number = f"{number} ext. {row.get('Extension')}"
        if number:
            kind = row.get("Type").strip().lower()
            found.append((number, kind))
    return [
        f"{number} ({kind})" if index and kind else number
        for index, (number, kind) in enumerate(dict.fromkeys(found))
    ]
