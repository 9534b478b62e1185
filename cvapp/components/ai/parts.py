"""An AI suggestion cut into the pieces the review shows: removed, added and unsupported words."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from itertools import pairwise

from cvapp.domain.ai.schemas import DiffSegment, UnsupportedClaim

# How a piece is drawn: unchanged, added, removed, or stating something the profile lacks.
PLAIN, INSERT, DELETE, WARNING = "plain", "insert", "delete", "warning"


@dataclasses.dataclass
class TextPart:
    """A run of text drawn one way; ``note`` says why a warning is one."""

    text: str = ""
    tag: str = PLAIN
    note: str = ""


@dataclasses.dataclass
class Claim:
    """Something the suggestion states that the user's data does not back."""

    text: str = ""
    kind: str = ""
    message: str = ""


def claims(warnings: Sequence[UnsupportedClaim]) -> list[Claim]:
    return [Claim(w.text, w.kind, w.message) for w in warnings]


def mostly_rewritten(diff: Sequence[DiffSegment]) -> bool:
    """Less than half of the suggestion is kept from the original: marking every change
    would only add noise."""
    kept = sum(len(s.text) for s in diff if s.op == "equal")
    added = sum(len(s.text) for s in diff if s.op == "insert")
    return kept < (kept + added) / 2


def review_parts(
    diff: Sequence[DiffSegment], warnings: Sequence[UnsupportedClaim], *, marked: bool = True
) -> tuple[list[TextPart], list[TextPart]]:
    """The original (unchanged and removed words) and the suggestion (unchanged and added
    words, with the claims it cannot back marked as warnings). Unless ``marked``, removed
    and added words are drawn like the others."""
    original: list[TextPart] = []
    suggestion: list[TextPart] = []
    offset = 0  # where the next piece starts in the suggestion (the warnings' offsets)
    for segment in diff:
        if segment.op in ("equal", "delete"):
            removed = marked and segment.op == "delete"
            _add(original, TextPart(segment.text, DELETE if removed else PLAIN))
        if segment.op in ("equal", "insert"):
            tag = INSERT if marked and segment.op == "insert" else PLAIN
            for part in _cut(segment.text, offset, tag, warnings):
                _add(suggestion, part)
            offset += len(segment.text)
    return original, suggestion


def _cut(text: str, start: int, tag: str, warnings: Sequence[UnsupportedClaim]) -> list[TextPart]:
    end = start + len(text)
    cuts = {start, end} | {
        point for w in warnings for point in (w.start, w.end) if start < point < end
    }
    parts = []
    for left, right in pairwise(sorted(cuts)):
        note = next((w.message for w in warnings if w.start <= left and right <= w.end), "")
        piece = text[left - start : right - start]
        parts.append(TextPart(piece, WARNING, note) if note else TextPart(piece, tag))
    return parts


def _add(parts: list[TextPart], part: TextPart) -> None:
    if parts and (parts[-1].tag, parts[-1].note) == (part.tag, part.note):
        parts[-1] = TextPart(parts[-1].text + part.text, part.tag, part.note)
    elif part.text:
        parts.append(part)
