"""How relevant an item is to the CV's target role: keyword overlap, then recency."""

from __future__ import annotations

import re
from typing import Any

from cvapp.domain.anonymize.folding import fold

_WORD = re.compile(r"[a-z0-9][a-z0-9+#.]*[a-z0-9+#]|[a-z0-9]")
_STOP = frozenset(
    "a an and at de der die el en et for from in la le of on or the to with senior junior "
    "lead staff principal head role job position remote".split()
)


def keywords(text: str | None) -> set[str]:
    """Content words of ``text``: folded, without stop words and seniority titles."""
    if not text:
        return set()
    return {w for w in _WORD.findall(fold(text)[0]) if w not in _STOP and len(w) > 1}


def item_words(item: dict[str, Any]) -> set[str]:
    """Every word of an item's texts, tags and linked skills."""
    words: set[str] = set()
    for value in item.values():
        if isinstance(value, str):
            words |= keywords(value)
        elif isinstance(value, list):
            for element in value:
                if isinstance(element, str):
                    words |= keywords(element)
                elif isinstance(element, dict) and isinstance(element.get("name"), str):
                    words |= keywords(element["name"])
    return words


def recency(item: dict[str, Any]) -> str:
    """A sortable end date: current items are the most recent of all."""
    for start, end in (("start_date", "end_date"), ("date", "date"), ("release_date", "")):
        if start in item or end in item:
            if end and end in item and item[end] is None and item.get(start):
                return "9999"
            return str(item.get(end) or item.get(start) or "")
    return ""


def overlap(item: dict[str, Any], role_words: set[str]) -> int:
    """How many of the role's keywords the item mentions."""
    return len(item_words(item) & role_words)
