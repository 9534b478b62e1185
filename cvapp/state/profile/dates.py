"""Career dates in the editor: ``YYYY-MM`` strings split into the month/year pickers and back.

The domain stores ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; the pickers show a month and a
year. A day the user never sees is kept as long as the month and year stay the same.
"""

from __future__ import annotations

from datetime import date

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
FIRST_YEAR = 1950
PRESENT = "Present"


def year_choices() -> list[str]:
    """The years a picker offers, newest first (a few ahead, for expected end dates)."""
    return [str(year) for year in range(date.today().year + 6, FIRST_YEAR - 1, -1)]


def split(value: str | None) -> tuple[str, str]:
    """``"2020-03-14"`` → ``("2020", "03")``; empty parts for a missing value or month."""
    if not value:
        return "", ""
    year, _, rest = value.partition("-")
    return year, rest[:2]


def join(year: str, month: str, original: str = "") -> str | None:
    """The date the pickers show (None when no year), keeping ``original``'s hidden day."""
    if not year:
        return None
    picked = f"{year}-{month}" if month else year
    if len(original) == 10 and original.startswith(picked) and month:
        return original
    return picked


def label(value: str | None) -> str:
    """``"2020-03"`` → ``"Mar 2020"``; ``"2020"`` stays; empty for none."""
    year, month = split(value)
    if month.isdigit() and 1 <= int(month) <= 12:
        return f"{MONTHS[int(month) - 1]} {year}"
    return year


def period(start: str | None, end: str | None, *, open_ended: bool = True) -> str:
    """``"Mar 2020 – Present"``; a missing end reads "Present" when ``open_ended``."""
    first, last = label(start), label(end)
    if not last and open_ended and first:
        last = PRESENT
    return " – ".join(part for part in (first, last) if part)
