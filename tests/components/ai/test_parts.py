"""Cutting a suggestion into removed, added and unsupported pieces for the review."""

from __future__ import annotations

from cvapp.components.ai.parts import DELETE, INSERT, PLAIN, WARNING, TextPart, review_parts
from cvapp.domain.ai.diff import word_diff
from cvapp.domain.ai.schemas import UnsupportedClaim


def _claim(suggestion: str, text: str) -> UnsupportedClaim:
    start = suggestion.index(text)
    return UnsupportedClaim(
        kind="number", text=text, start=start, end=start + len(text), message="Not in your data"
    )


def test_both_sides_rebuild_their_text() -> None:
    original = "Was responsible for utilizing Python in order to build pipelines"
    suggestion = "Used Python to build pipelines"
    left, right = review_parts(word_diff(original, suggestion), [])
    assert "".join(p.text for p in left) == original
    assert "".join(p.text for p in right) == suggestion
    assert {p.tag for p in left} == {PLAIN, DELETE}
    assert {p.tag for p in right} == {PLAIN, INSERT}


def test_a_claim_is_marked_where_it_stands_even_across_changes() -> None:
    original = "Cut the latency of the API"
    suggestion = "Cut the latency of the API by 40%"
    _, right = review_parts(word_diff(original, suggestion), [_claim(suggestion, "40%")])
    assert "".join(p.text for p in right) == suggestion
    assert TextPart("40%", WARNING, "Not in your data") in right
    assert right[0] == TextPart("Cut the latency of the API", PLAIN)


def test_a_claim_in_unchanged_words_is_marked_too() -> None:
    text = "Led 12 engineers"
    _, right = review_parts(word_diff(text, text), [_claim(text, "12")])
    assert [p.tag for p in right] == [PLAIN, WARNING, PLAIN]
