"""Case- and accent-insensitive matching that maps matches back onto the original text."""

from __future__ import annotations

import unicodedata
from functools import lru_cache

# Letters NFKD leaves whole, spelled the way people type them without the diacritic.
_EXTRA = str.maketrans({"ø": "o", "ł": "l", "đ": "d", "ħ": "h", "ı": "i", "æ": "ae", "œ": "oe"})


@lru_cache(maxsize=4096)
def fold_char(char: str) -> str:
    """``char`` without diacritics, casefolded (may become empty or several characters)."""
    decomposed = unicodedata.normalize("NFKD", char)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return bare.casefold().translate(_EXTRA)


def fold(text: str) -> tuple[str, list[int]]:
    """The folded text and, for each folded character, the index of its source character."""
    parts: list[str] = []
    sources: list[int] = []
    for index, char in enumerate(text):
        folded = fold_char(char)
        parts.append(folded)
        sources.extend([index] * len(folded))
    return "".join(parts), sources


def source_span(text: str, sources: list[int], start: int, end: int) -> tuple[int, int]:
    """The span of ``text`` that produced folded ``[start, end)`` (with trailing accents)."""
    first, last = sources[start], sources[end - 1] + 1
    while last < len(text) and fold_char(text[last]) == "":
        last += 1
    return first, last
