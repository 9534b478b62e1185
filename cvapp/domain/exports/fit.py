"""One-pager auto-fit: make a CV exactly one page.

First drop the least relevant items for the target role (no keyword overlap, oldest first),
then tighten spacing and font size level by level (never below 9 pt), and only then drop
relevant items too (lowest overlap, oldest first). The result says what was dropped.
Each step's page count comes from a real layout; the item counts are binary-searched.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from cvapp.domain.exports.relevance import keywords, overlap, recency
from cvapp.domain.exports.resolve import ResolvedCv
from cvapp.domain.exports.styles import DENSITY_LEVELS

# Sections whose items may go, least important first; the most recent experience stays.
DROPPABLE = (
    "references",
    "interests",
    "volunteering",
    "achievements",
    "publications",
    "certifications",
    "projects",
    "education",
    "experiences",
)


@dataclass(frozen=True)
class Dropped:
    section: str
    id: str
    label: str


@dataclass
class Fit:
    cv: ResolvedCv
    level: int
    pages: int
    dropped: list[Dropped] = field(default_factory=list)
    laid_out: Any = None


Layout = Callable[[ResolvedCv, int], Any]
"""(cv, density level) → a laid-out document with ``.pages``."""


def candidates(cv: ResolvedCv) -> tuple[list[Dropped], list[Dropped]]:
    """Droppable items, least relevant first: (no overlap with the role, the others)."""
    role = keywords(cv.target_role)
    ranked: list[tuple[int, str, int, Dropped]] = []
    for section in cv.sections:
        if section.key not in DROPPABLE:
            continue
        keep_newest = section.key == "experiences"
        newest = max((recency(i) for i in section.items), default="") if keep_newest else None
        for item in section.items:
            if "id" not in item or (keep_newest and recency(item) == newest):
                continue
            label = str(item.get("title") or item.get("name") or item.get("institution") or "")
            entry = Dropped(section.key, str(item["id"]), label)
            priority = DROPPABLE.index(section.key)
            ranked.append((overlap(item, role) if role else 0, recency(item), priority, entry))
    ranked.sort(key=lambda r: (r[0], r[1], r[2]))
    irrelevant = [r[3] for r in ranked if r[0] == 0]
    relevant = [r[3] for r in ranked if r[0] > 0]
    return irrelevant, relevant


def fit_one_page(cv: ResolvedCv, layout: Layout) -> Fit:
    """The CV on one page, or as close as the readable bounds allow."""
    first = layout(cv, 0)
    if first.pages <= 1:
        return Fit(cv=cv, level=0, pages=first.pages, laid_out=first)
    irrelevant, relevant = candidates(cv)
    fit = _fewest_dropped(cv, layout, level=0, base=[], pool=irrelevant)
    if fit.pages <= 1:
        return fit
    for level in range(1, DENSITY_LEVELS):
        laid_out = layout(fit.cv, level)
        if laid_out.pages <= 1:
            return Fit(fit.cv, level, laid_out.pages, fit.dropped, laid_out)
    return _fewest_dropped(cv, layout, level=DENSITY_LEVELS - 1, base=irrelevant, pool=relevant)


def _fewest_dropped(
    cv: ResolvedCv, layout: Layout, *, level: int, base: list[Dropped], pool: list[Dropped]
) -> Fit:
    """Drop ``base`` plus the shortest prefix of ``pool`` that yields one page."""

    def attempt(count: int) -> Fit:
        dropped = base + pool[:count]
        smaller = cv.without({(d.section, d.id) for d in dropped})
        laid_out = layout(smaller, level)
        return Fit(smaller, level, laid_out.pages, dropped, laid_out)

    best = attempt(len(pool))
    if best.pages > 1:
        return best
    low, high = 0, len(pool)  # attempt(high) fits
    while low < high:
        middle = (low + high) // 2
        trial = attempt(middle)
        if trial.pages <= 1:
            best, high = trial, middle
        else:
            low = middle + 1
    return best
