"""Time on a CV: how many years the experiences cover, overlaps counted once."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

from cvapp.domain.ai.facts import Item

_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?")


def month_index(value: str | None, *, today: date) -> int | None:
    """Months since year 0 of a ``YYYY[-MM[-DD]]`` date; ``None`` means today (current)."""
    if value is None:
        return today.year * 12 + today.month - 1
    match = _DATE.match(value)
    if match is None:
        return None
    return int(match.group(1)) * 12 + int(match.group(2) or 1) - 1


def covered_months(items: Iterable[Item], *, today: date) -> int:
    """Months covered by the items' date ranges (a month counts once however many overlap)."""
    months: set[int] = set()
    for item in items:
        start = month_index(item.start, today=today) if item.start else None
        end = month_index(item.end, today=today)
        if start is None or end is None or end < start:
            continue
        months.update(range(start, end + 1))
    return len(months)


def covered_years(items: Iterable[Item], *, today: date) -> float:
    """Years covered, to one decimal (rounded down, so never more than the data shows)."""
    return int(covered_months(items, today=today) * 10 / 12) / 10


RANGED_SECTIONS = ("experiences", "projects", "education", "volunteering")


def years_spanned(items: Iterable[Item], *, today: date) -> set[int]:
    """Every calendar year an item's dates name or its range touches (an open range runs on
    to today only in sections with ranges; a certificate's single date stays one year)."""
    years: set[int] = set()
    for item in items:
        start = month_index(item.start, today=today) if item.start else None
        open_ended = item.end is None and item.section in RANGED_SECTIONS
        end = month_index(item.end, today=today) if item.end or open_ended else None
        if start is not None and end is not None and end >= start:
            years.update(range(start // 12, end // 12 + 1))
        years.update(value // 12 for value in (start, end) if value is not None)
    return years
