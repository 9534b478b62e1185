"""Page breaks of the CV templates: no large blank before a block that could have moved up,
and web addresses that break at slashes only (a break at a hyphen reads as hyphenation)."""

from __future__ import annotations

import pytest

from cvapp.domain.exports import pdf, pdftext
from cvapp.domain.exports.catalog import TEMPLATES
from cvapp.domain.exports.document import build_document
from cvapp.domain.exports.html import render_html
from cvapp.domain.exports.resolve import ResolvedCv
from cvapp.domain.exports.sample import sample_cv

# The tallest block that may not split: a heading with an entry's first lines (~ 20 mm).
MAX_BLANK_MM = 22.0
LONG_URL = "https://github.com/alex-sample/streaming-backpressure-experiments-with-kafka"


def _laid_out(cv: ResolvedCv) -> pdf.LaidOut:
    html = render_html(build_document(cv))
    return pdf.layout(html, template=TEMPLATES[cv.template], page_size="A4")


@pytest.mark.parametrize("template", [key for key, t in TEMPLATES.items() if not t.one_page])
@pytest.mark.parametrize(("roles", "bullets"), [(3, 4), (5, 6), (8, 4)])
def test_no_page_ends_with_a_large_blank(template: str, roles: int, bullets: int) -> None:
    laid_out = _laid_out(sample_cv(template=template, roles=roles, bullets=bullets))
    blanks = laid_out.blank_mm()
    assert len(blanks) == laid_out.pages
    # Before every break (the last page may end where it likes).
    assert all(blank <= MAX_BLANK_MM for blank in blanks[:-1]), blanks


def test_short_entries_after_a_long_one_are_not_carried_over_as_one_block() -> None:
    """The case of the demo CV: education, publications and languages (short entries) went
    to page 2 together, leaving ~55 mm blank on page 1."""
    laid_out = _laid_out(sample_cv(roles=3, bullets=4))
    assert laid_out.pages == 2
    assert laid_out.blank_mm()[0] < 15.0


@pytest.mark.parametrize("template", ["classic", "two-column", "photo-sidebar", "europass"])
def test_long_web_addresses_break_at_slashes_only(template: str) -> None:
    cv = sample_cv(template=template, roles=1, bullets=1)
    experience = cv.sections[1].items[0]
    experience["description"] = f"Code and notes: {LONG_URL} (public)."
    cv.basics["links"] = [{"network": "GitHub", "url": LONG_URL + "/tree/main/docs-and-notes"}]
    laid_out = _laid_out(cv)
    lines = [line.strip() for line in pdftext.pdf_text(laid_out.write()).splitlines()]
    pieces = [line for line in lines if "alex-sample" in line or "experiments" in line]
    assert pieces
    for line in lines:
        assert not (line.endswith("-") or line.endswith("\ufffe")), line
    assert any(line.endswith("alex-sample/") or "alex-sample/" in line for line in pieces)
