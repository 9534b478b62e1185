"""Place names as people write them ("Lyon, Auvergne-Rhône-Alpes, France") into the profile's
location fields, and bare web addresses into URLs."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from babel import Locale

_LOCALES = ("en", "fr", "de", "es", "it", "pt", "nl")
# Names and abbreviations people write for countries that CLDR spells otherwise.
_ALIASES = {
    "usa": "US", "us": "US", "u.s.": "US", "u.s.a.": "US", "america": "US",
    "united states of america": "US", "uk": "GB", "u.k.": "GB", "england": "GB",
    "scotland": "GB", "wales": "GB", "great britain": "GB", "britain": "GB",
    "russia": "RU", "south korea": "KR", "korea": "KR", "czech republic": "CZ",
    "holland": "NL", "the netherlands": "NL", "uae": "AE", "vietnam": "VN", "türkiye": "TR",
    "turkey": "TR", "ivory coast": "CI",
}  # fmt: skip


@lru_cache(maxsize=1)
def _countries() -> dict[str, str]:
    names: dict[str, str] = dict(_ALIASES)
    for code in _LOCALES:
        for territory, name in Locale(code).territories.items():
            if len(territory) == 2 and territory.isalpha():
                names.setdefault(name.casefold(), territory)
    return names


def country_code(name: str) -> str | None:
    """The ISO 3166 code of a country name in a few languages ("Germany", "Allemagne", "USA"),
    or of a code itself ("de")."""
    cleaned = " ".join(name.split())
    if len(cleaned) == 2 and cleaned.upper() in _codes():
        return cleaned.upper()
    return _countries().get(cleaned.casefold())


@lru_cache(maxsize=1)
def _codes() -> frozenset[str]:
    return frozenset(_countries().values())


def location(text: str | None) -> dict[str, Any]:
    """``{city, region, country_code}`` from "City, Region, Country" (parts may be missing)."""
    parts = [part.strip() for part in (text or "").split(",") if part.strip()]
    if not parts:
        return {}
    code = country_code(parts[-1])
    if code is None:
        return {"city": parts[0], "region": parts[1] if len(parts) > 1 else None}
    rest = parts[:-1]
    return {
        "city": rest[0] if rest else None,
        "region": rest[1] if len(rest) > 1 else None,
        "country_code": code,
    }


def web_url(value: str | None) -> str | None:
    """``value`` as an http(s) URL ("www.x.dev/a" → "https://www.x.dev/a"); None if it isn't one."""
    if not value or not value.strip():
        return None
    url = value.strip()
    if re.match(r"^https?://", url, re.IGNORECASE):
        return url
    if re.match(r"^[\w-]+(\.[\w-]+)+(/\S*)?$", url) and "://" not in url:
        return f"https://{url}"
    return None
