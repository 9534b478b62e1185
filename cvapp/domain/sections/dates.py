"""Career dates as JSON Resume writes them: ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``."""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated

from pydantic import AfterValidator

from cvapp.errors import ValidationFailed

_PATTERN = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def parse_partial_date(value: str) -> str:
    """``value`` if it is a real ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` date; else ValueError."""
    match = _PATTERN.match(value)
    if match is None:
        raise ValueError("Use YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = match.groups()
    try:
        date(int(year), int(month or 1), int(day or 1))
    except ValueError:
        raise ValueError("Not a real date") from None
    if int(year) < 1900:
        raise ValueError("Year must be 1900 or later")
    return value


PartialDate = Annotated[str, AfterValidator(parse_partial_date)]
"""A validated career date string (no time zone, any precision from year to day)."""


def is_before(end: str, start: str) -> bool:
    """Whether ``end`` is before ``start`` at the precision both share (``2020`` ≥ ``2020-06``)."""
    precision = min(len(end), len(start))
    return end[:precision] < start[:precision]


def check_order(values: dict[str, object], start_field: str, end_field: str) -> None:
    """Refuse an end before its start, naming the end field."""
    start, end = values.get(start_field), values.get(end_field)
    if isinstance(start, str) and isinstance(end, str) and is_before(end, start):
        raise ValidationFailed.field(end_field, f"Must not be before {start_field}")
