"""One-pager auto-fit: make a CV exactly one page.

First tighten spacing and font size level by level (never below 9 pt); only when the
tightest level still runs over, drop items, least relevant for the target role first (no
keyword overlap, oldest first). Each section's most relevant item is dropped only after
every other candidate, so a section empties last; and once the page fits, every dropped item
that fits back in the room left is given back, most relevant first, so nothing (and no whole
section) goes while space remains. The result says what was dropped and at which level.
Each step's page count comes from a real layout; the item count is binary-searched.
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
# Below this much room on the page (mm), no item fits back: not worth a layout to try.
MIN_ROOM_MM = 4.0


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
"""(cv, density level) → a laid-out document with ``.pages`` (and ``.blank_mm()``)."""


def candidates(cv: ResolvedCv) -> list[Dropped]:
    """Droppable items, least relevant first; each section's most relevant item comes after
    every other one (so dropping a prefix never empties a section needlessly)."""
    role = keywords(cv.target_role)
    ranked: list[tuple[int, int, str, int, Dropped]] = []
    for section in cv.sections:
        if section.key not in DROPPABLE:
            continue
        keep_newest = section.key == "experiences"
        newest = max((recency(i) for i in section.items), default="") if keep_newest else None
        rows = []
        for item in section.items:
            if "id" not in item or (keep_newest and recency(item) == newest):
                continue
            entry = Dropped(section.key, str(item["id"]), label(item))
            score = overlap(item, role) if role else 0
            rows.append((score, recency(item), DROPPABLE.index(section.key), entry))
        kept_by_newest = len(rows) < len(section.items)
        keeper = max(rows, key=lambda r: (r[0], r[1]), default=None)
        for row in rows:
            last = not kept_by_newest and row is keeper
            ranked.append((int(last), *row))
    ranked.sort(key=lambda r: r[:4])
    return [r[4] for r in ranked]


_WHAT = ("title", "name", "position", "study_type", "area", "language")
_WHERE = ("company", "institution", "organization", "issuer", "publisher", "awarder", "entity")


def label(item: dict[str, Any]) -> str:
    """How the editor names a left-out item: what and where ("Software Engineer · Kestrel
    Data"), so that two roles of the same title are told apart."""
    what = next((str(item[k]) for k in _WHAT if item.get(k)), "")
    where = next((str(item[k]) for k in _WHERE if item.get(k)), "")
    return " · ".join(dict.fromkeys(part for part in (what, where) if part))


def fit_one_page(cv: ResolvedCv, layout: Layout) -> Fit:
    """The CV on one page, or as close as the readable bounds allow."""
    as_designed = layout(cv, 0)
    if as_designed.pages <= 1:
        return Fit(cv=cv, level=0, pages=as_designed.pages, laid_out=as_designed)
    tightest = DENSITY_LEVELS - 1
    laid_out = layout(cv, tightest)
    if laid_out.pages <= 1:  # tightening is enough: the loosest level that fits
        fit = Fit(cv=cv, level=tightest, pages=laid_out.pages, laid_out=laid_out)
        return _lowest(1, tightest, fit, lambda level: _attempt(cv, layout, level, [])) or fit
    pool = candidates(cv)
    # Nothing dropped at the tightest level was just tried: two pages.
    found = _lowest(1, len(pool), None, lambda n: _attempt(cv, layout, tightest, pool[:n]))
    if found is None:  # even without every droppable item: as short as it gets
        return _attempt(cv, layout, tightest, pool)
    return _given_back(cv, layout, found)


def _attempt(cv: ResolvedCv, layout: Layout, level: int, dropped: list[Dropped]) -> Fit:
    smaller = cv.without({(d.section, d.id) for d in dropped}) if dropped else cv
    laid_out = layout(smaller, level)
    return Fit(smaller, level, laid_out.pages, list(dropped), laid_out)


def _lowest(low: int, high: int, known: Fit | None, attempt: Callable[[int], Fit]) -> Fit | None:
    """The fit of the smallest step in ``low..high`` that gives one page, by binary search;
    ``known`` is the fit of ``high`` when already laid out (None: untried, maybe no step fits)."""
    best, top = known, (high if known is not None else high + 1)
    while low < top:
        middle = (low + top) // 2
        trial = attempt(middle)
        if trial.pages <= 1:
            best, top = trial, middle
        else:
            low = middle + 1
    return best


def _given_back(cv: ResolvedCv, layout: Layout, fit: Fit) -> Fit:
    """``fit`` with each dropped item that fits back on the page restored, most relevant
    first (a binary search over a prefix can drop a large item, then small ones after it)."""
    for item in reversed(list(fit.dropped)):
        if _room_mm(fit) < MIN_ROOM_MM:
            break
        trial = _attempt(cv, layout, fit.level, [d for d in fit.dropped if d != item])
        if trial.pages <= 1:
            fit = trial
    return fit


def _room_mm(fit: Fit) -> float:
    blank = getattr(fit.laid_out, "blank_mm", None)
    return blank()[-1] if blank else float("inf")
