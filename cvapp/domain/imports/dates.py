"""Dates as people and LinkedIn write them (``Jan 2020``, ``2020``, ``Sept 2019``, ``03/2021``,
``Mar 15, 2019``, ``janv. 2020``) turned into career dates (``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``).
"""

from __future__ import annotations

import re
import unicodedata

from cvapp.domain.sections.dates import parse_partial_date

_MONTHS = {
    1: ("january", "jan", "janvier", "janv", "januar", "jän", "enero", "ene", "gennaio", "gen"),
    2: ("february", "feb", "février", "févr", "fevrier", "fevr", "fév", "fev", "februar",
        "febrero", "febbraio"),
    3: ("march", "mar", "mars", "märz", "marz", "mär", "marzo"),
    4: ("april", "apr", "avril", "avr", "abril", "abr", "aprile"),
    5: ("may", "mai", "mayo", "maggio", "mag"),
    6: ("june", "jun", "juin", "juni", "junio", "giugno", "giu"),
    7: ("july", "jul", "juillet", "juil", "juli", "julio", "luglio", "lug"),
    8: ("august", "aug", "août", "aout", "agosto", "ago"),
    9: ("september", "sep", "sept", "septembre", "septiembre", "set", "settembre"),
    10: ("october", "oct", "octobre", "oktober", "okt", "octubre", "ottobre", "ott"),
    11: ("november", "nov", "novembre", "noviembre"),
    12: ("december", "dec", "décembre", "decembre", "déc", "dezember", "dez", "diciembre",
         "dic", "dicembre"),
}  # fmt: skip
_MONTH_BY_NAME = {name: month for month, names in _MONTHS.items() for name in names}
PRESENT = frozenset(
    {"present", "current", "now", "today", "ongoing", "aujourd'hui", "heute", "actualidad",
     "presente", "oggi"}
)  # fmt: skip

_YEAR = r"(?P<year>\d{4})"
_PATTERNS = (
    re.compile(rf"^{_YEAR}$"),
    re.compile(rf"^{_YEAR}-(?P<month>\d{{1,2}})(?:-(?P<day>\d{{1,2}}))?$"),
    re.compile(rf"^(?P<month>\d{{1,2}})[/.](?:(?P<day>\d{{1,2}})[/.])?{_YEAR}$"),
    re.compile(rf"^(?P<name>[^\W\d_]+)\.?\s+(?:(?P<day>\d{{1,2}}),?\s+)?{_YEAR}$"),
    re.compile(rf"^(?P<day>\d{{1,2}})\.?\s+(?P<name>[^\W\d_]+)\.?\s+{_YEAR}$"),
)


def _fold(value: str) -> str:
    return value.casefold().strip().rstrip(".")


def _month_number(name: str) -> int | None:
    folded = _fold(name)
    if folded in _MONTH_BY_NAME:
        return _MONTH_BY_NAME[folded]
    plain = "".join(
        c for c in unicodedata.normalize("NFKD", folded) if not unicodedata.combining(c)
    )
    return _MONTH_BY_NAME.get(plain)


class UnreadableDate(ValueError):
    """The text is not a date this module understands."""


def career_date(value: str | None) -> str | None:
    """``value`` as ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; None when blank or "Present".

    Raises :class:`UnreadableDate` for anything else (including impossible dates).
    """
    if value is None or not value.strip():
        return None
    cleaned = " ".join(value.split())
    if _fold(cleaned) in PRESENT:
        return None
    for pattern in _PATTERNS:
        match = pattern.match(cleaned)
        if match is None:
            continue
        parts = match.groupdict()
        month: int | None = int(parts["month"]) if parts.get("month") else None
        if parts.get("name"):
            month = _month_number(parts["name"])
            if month is None:
                break
        day = int(parts["day"]) if parts.get("day") else None
        return _checked(parts["year"], month, day, value)
    raise UnreadableDate(f"unreadable date {value!r}")


def _checked(year: str, month: int | None, day: int | None, original: str) -> str:
    text = year
    if month is not None:
        text += f"-{month:02d}"
        if day is not None:
            text += f"-{day:02d}"
    try:
        return parse_partial_date(text)
    except ValueError as exc:
        raise UnreadableDate(f"unreadable date {original!r}: {exc}") from None
