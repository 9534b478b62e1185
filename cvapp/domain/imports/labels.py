"""Short human labels of items ("Senior Engineer · Acme (2019-03 – present)")."""

from __future__ import annotations

from typing import Any

_MAIN = {
    "experiences": ("title", "company"),
    "projects": ("name", "role"),
    "skills": ("name", "category"),
    "education": ("study_type", "institution"),
    "certifications": ("name", "issuer"),
    "achievements": ("title", "awarder"),
    "languages": ("language", "fluency"),
    "publications": ("name", "publisher"),
    "volunteering": ("position", "organization"),
}
_PERIODS = (("start_date", "end_date"), ("date", None), ("release_date", None))


def label(section: str, data: dict[str, Any]) -> str:
    """What a person calls the item."""
    if section == "profile":
        return str(data.get("full_name") or "Profile")
    text = " · ".join(str(data[name]) for name in _MAIN[section] if data.get(name))
    for start, end in _PERIODS:
        if data.get(start):
            if end is None:
                return f"{text} ({data[start]})"
            finish = data.get(end) or ("present" if section == "experiences" else "")
            return f"{text} ({data[start]} – {finish})" if finish else f"{text} ({data[start]})"
    return text
