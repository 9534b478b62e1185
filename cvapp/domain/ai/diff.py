"""A word-level diff of an original and its suggestion, for a side-by-side view."""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from cvapp.domain.ai.schemas import DiffOp, DiffSegment

_TOKENS = re.compile(r"\s+|[^\s]+")


def word_diff(original: str, suggestion: str) -> list[DiffSegment]:
    """Segments that rebuild both texts: ``equal`` + ``delete`` is the original, ``equal`` +
    ``insert`` the suggestion. Whitespace travels with the words around it."""
    left, right = _TOKENS.findall(original), _TOKENS.findall(suggestion)
    segments: list[DiffSegment] = []
    matcher = SequenceMatcher(a=left, b=right, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            _append(segments, "equal", "".join(left[a1:a2]))
            continue
        if op in ("delete", "replace"):
            _append(segments, "delete", "".join(left[a1:a2]))
        if op in ("insert", "replace"):
            _append(segments, "insert", "".join(right[b1:b2]))
    return segments


def _append(segments: list[DiffSegment], op: DiffOp, text: str) -> None:
    if not text:
        return
    if segments and segments[-1].op == op:
        segments[-1] = DiffSegment(op=segments[-1].op, text=segments[-1].text + text)
    else:
        segments.append(DiffSegment(op=op, text=text))
