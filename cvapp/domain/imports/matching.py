"""Which existing item an imported one is (fuzzy, with rapidfuzz), and how sure we are.

Each section compares a few fields, weighted; the main field (company, institution, name…)
must be close for any match. A *clear* and a *possible* match are both merged by default (the
preview says which is which). Each existing item matches at most one imported item, best
first.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from rapidfuzz import fuzz

from cvapp.domain.imports.keys import MINOR_WORDS, name_key, org_key, text_key

Compare = Callable[[Any, Any], float]


def _forms(value: Any) -> set[str]:
    """An organisation's name and the parts a degree line or a list puts it in
    ("Master of Science – MS, TUM" → …, "tum")."""
    parts = re.split(r"\s[–—-]\s|[,|()/]", value) if isinstance(value, str) else []
    forms = {org_key(value)} | {org_key(part) for part in parts if len(org_key(part)) >= 3}
    return {form for form in forms if form}


def initials(value: Any) -> str:
    """The initials a name is known by ("Technische Universität München" → "tum")."""
    if not isinstance(value, str):
        return ""
    words = [w for w in re.findall(r"[^\W\d_]+", value) if w.casefold() not in MINOR_WORDS]
    letters = "".join(word[0] for word in words if word[0].isupper())
    return org_key(letters) if len(words) >= 2 and len(letters) >= 2 else ""


def org(a: Any, b: Any) -> float:
    """Names of one organisation score 100 however they are written: legal forms aside,
    as initials ("TUM"), or inside a longer line ("Master of Science – MS, TUM")."""
    left, right = _forms(a), _forms(b)
    if (initials(a) and initials(a) in right) or (initials(b) and initials(b) in left):
        return 100.0
    return max(fuzz.token_sort_ratio(x, y) for x in left for y in right) if left and right else 0.0


def words(a: Any, b: Any) -> float:
    left, right = text_key(a), text_key(b)
    return max(fuzz.token_sort_ratio(left, right), 0.9 * fuzz.token_set_ratio(left, right))


def name(a: Any, b: Any) -> float:
    return fuzz.ratio(name_key(a), name_key(b))


def _month(value: str) -> int:
    return int(value[:4]) * 12 + (int(value[5:7]) - 1 if len(value) >= 7 else 0)


def date(a: Any, b: Any) -> float:
    """100 for the same date at the precision both have, less the further apart they are."""
    precision = min(len(a), len(b))
    if a[:precision] == b[:precision]:
        return 100.0
    if precision < 7:
        return 40.0 if abs(int(a[:4]) - int(b[:4])) == 1 else 0.0
    months = abs(_month(a) - _month(b))
    return 85.0 if months <= 2 else 60.0 if months <= 6 else 40.0 if months <= 12 else 0.0


@dataclass(frozen=True)
class Rule:
    """How one section's items are compared."""

    fields: tuple[tuple[str, Compare, float], ...]
    clear: float
    possible: float
    main_floor: float = 85.0

    def score(self, incoming: dict[str, Any], existing: dict[str, Any]) -> float:
        """The weighted similarity; 0 when the main (first) field is not close enough."""
        total = weight_sum = 0.0
        for index, (field, compare, weight) in enumerate(self.fields):
            left, right = incoming.get(field), existing.get(field)
            if not left and not right:
                continue
            value = compare(left, right) if left and right else 50.0
            if index == 0 and value < self.main_floor:
                return 0.0
            total += value * weight
            weight_sum += weight
        return total / weight_sum if weight_sum else 0.0


RULES: dict[str, Rule] = {
    "experiences": Rule(
        (("company", org, 0.4), ("title", words, 0.35), ("start_date", date, 0.25)), 88, 70
    ),
    "education": Rule(
        (("institution", org, 0.5), ("study_type", words, 0.2), ("area", words, 0.1),
         ("start_date", date, 0.2)), 85, 70,
    ),
    "projects": Rule((("name", words, 0.7), ("start_date", date, 0.3)), 88, 75),
    "skills": Rule((("name", name, 1.0),), 95, 88, main_floor=88),
    "languages": Rule((("language", name, 1.0),), 95, 88, main_floor=88),
    "certifications": Rule(
        (("name", words, 0.6), ("issuer", org, 0.2), ("date", date, 0.2)), 88, 75
    ),
    "achievements": Rule((("title", words, 0.7), ("date", date, 0.3)), 88, 75),
    "publications": Rule((("name", words, 0.8), ("release_date", date, 0.2)), 88, 75),
    "volunteering": Rule(
        (("organization", org, 0.5), ("position", words, 0.3), ("start_date", date, 0.2)),
        85, 70,
    ),
}  # fmt: skip


@dataclass(frozen=True)
class Match:
    """The existing item an imported one matches."""

    existing: dict[str, Any]
    score: float
    clear: bool


def match_section(
    section: str, incoming: Sequence[dict[str, Any]], existing: Sequence[dict[str, Any]]
) -> list[Match | None]:
    """For each incoming item its match among ``existing`` (or None)."""
    rule = RULES[section]
    pairs = []
    for i, item in enumerate(incoming):
        for j, current in enumerate(existing):
            score = rule.score(item, current)
            if score >= rule.possible:
                pairs.append((score, i, j))
    pairs.sort(key=lambda pair: (-pair[0], pair[1], pair[2]))
    matches: list[Match | None] = [None] * len(incoming)
    taken: set[int] = set()
    for score, i, j in pairs:
        if matches[i] is None and j not in taken:
            matches[i] = Match(existing[j], round(score, 1), score >= rule.clear)
            taken.add(j)
    return matches
