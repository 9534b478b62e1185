"""One-pager auto-fit: exactly one page, readable; tighter before shorter, and nothing left out
that would still fit."""

from __future__ import annotations

import io
import re

from pdfminer.high_level import extract_pages, extract_text
from pdfminer.layout import LTChar, LTTextContainer
from sqlmodel import Session

from cvapp.domain.exports import pdf
from cvapp.domain.exports import service as exports
from cvapp.domain.exports.catalog import TEMPLATES
from cvapp.domain.exports.document import build_document
from cvapp.domain.exports.fit import Fit, Layout, candidates, fit_one_page
from cvapp.domain.exports.html import render_html
from cvapp.domain.exports.resolve import ResolvedCv, ResolvedSection
from cvapp.domain.exports.sample import sample_cv
from cvapp.domain.exports.styles import DENSITY_LEVELS, density
from tests.domain.cv_support import (  # noqa: F401  (forget_exports: autouse)
    forget_exports,
    long_profile,
    make_cv,
    make_user,
)


def _smallest_font(data: bytes) -> float:
    sizes = [
        char.size
        for page in extract_pages(io.BytesIO(data))
        for box in page
        if isinstance(box, LTTextContainer)
        for line in box
        for char in getattr(line, "_objs", [])
        if isinstance(char, LTChar) and char.get_text().strip()
    ]
    return min(sizes)


def test_long_profile_fits_one_page_dropping_irrelevant_old_items(session: Session) -> None:
    user = make_user(session)
    ids = long_profile(session, user)
    full = make_cv(session, user, name="Full")
    long_pdf = exports.export_cv(session, user_id=user.id, cv_id=full.id, fmt="pdf")
    assert long_pdf.pages and long_pdf.pages >= 3
    cv = make_cv(session, user, target_role="Kafka streaming engineer", one_page=True)
    pdf = exports.export_cv(session, user_id=user.id, cv_id=cv.id, fmt="pdf")
    assert pdf.pages == 1
    text = re.sub(r"\s+", " ", extract_text(io.BytesIO(pdf.data)))
    dropped = {(d.section, d.id) for d in pdf.dropped}
    assert pdf.dropped, "something had to go"
    # The role's keywords keep the Kafka roles; the newest role always stays.
    assert ("experiences", ids["experiences"][0]) not in dropped
    assert ("experiences", ids["experiences"][2]) not in dropped
    assert "Kafka data lake Ltd" in text
    for section, item_id in dropped:
        assert item_id in ids[section]
    # What was dropped is gone from the page, and is the oldest irrelevant first.
    dropped_experiences = [d for d in pdf.dropped if d.section == "experiences"]
    if dropped_experiences:
        assert "Mobile games Ltd" not in text
    assert _smallest_font(pdf.data) >= 9.0 - 0.01


def test_short_cv_is_not_touched(session: Session) -> None:
    user = make_user(session)
    from tests.domain.cv_support import build_profile

    build_profile(session, user, roles=1)
    cv = make_cv(session, user, one_page=True)
    pdf = exports.export_cv(session, user_id=user.id, cv_id=cv.id, fmt="pdf")
    assert pdf.pages == 1 and pdf.dropped == []


def test_one_pager_template_always_fits(session: Session) -> None:
    user = make_user(session)
    long_profile(session, user)
    cv = make_cv(session, user, template="one-pager")
    pdf = exports.export_cv(session, user_id=user.id, cv_id=cv.id, fmt="pdf")
    assert pdf.pages == 1


def test_density_never_goes_below_nine_points() -> None:
    for template in TEMPLATES.values():
        for level in range(5):
            assert density(template, level).font_pt >= 9.0


def _fit(cv: ResolvedCv) -> tuple[Fit, Layout]:
    template = TEMPLATES[cv.template]

    def render(resolved: ResolvedCv, level: int) -> pdf.LaidOut:
        html = render_html(build_document(resolved))
        return pdf.layout(html, template=template, page_size="A4", level=level)

    return fit_one_page(cv, render), render


def _text(fit: Fit) -> str:
    return re.sub(r"\s+", " ", extract_text(io.BytesIO(fit.laid_out.write())))


def test_a_cv_a_little_too_long_is_tightened_not_cut() -> None:
    cv = sample_cv(roles=4, bullets=4)
    fit, render = _fit(cv)
    assert render(cv, 0).pages == 2
    assert fit.pages == 1 and fit.dropped == [] and fit.level >= 1
    data = fit.laid_out.write()
    text = re.sub(r"\s+", " ", extract_text(io.BytesIO(data)))
    for company in ("Northwind Labs", "Bluefin Systems", "Kestrel Data", "Orchard Health"):
        assert company in text
    assert "Backpressure in streaming pipelines" in text
    assert 9.0 - 0.01 <= _smallest_font(data) < TEMPLATES["classic"].font_pt - 0.01


def test_items_go_only_at_the_tightest_level_and_none_while_room_remains() -> None:
    cv = sample_cv(roles=8, bullets=6).model_copy(update={"target_role": "Kafka engineer"})
    fit, render = _fit(cv)
    assert fit.pages == 1 and fit.dropped
    assert fit.level == DENSITY_LEVELS - 1
    # Named so that roles of the same title are told apart ("Software Engineer · Kestrel Data").
    labels = [d.label for d in fit.dropped]
    assert len(set(labels)) == len(labels) and all(" · " in label for label in labels), labels
    # Every section is still there: the small ones the binary search dropped came back.
    assert [s.key for s in fit.cv.sections] == [s.key for s in cv.sections]
    # No dropped item fits back: each one given back makes two pages.
    for item in fit.dropped:
        back = cv.without({(d.section, d.id) for d in fit.dropped if d != item})
        assert render(back, fit.level).pages == 2, item
    text = _text(fit)
    assert "Backpressure in streaming pipelines" in text and "Technical University" in text
    kept = {item["id"] for item in fit.cv.sections[1].items}
    assert "exp0" in kept  # the newest role always stays
    assert len(kept) + len(fit.dropped) == 8


def test_a_sections_most_relevant_item_is_a_last_resort() -> None:
    def cert(key: str, name: str, date: str) -> dict[str, str]:
        return {"id": key, "name": name, "date": date}

    cv = ResolvedCv(
        name="x",
        target_role="Kafka engineer",
        basics={},
        sections=[
            ResolvedSection(
                key="certifications",
                items=[cert("c1", "Kafka admin", "2015"), cert("c2", "First aid", "2020")],
            ),
            ResolvedSection(
                key="publications",
                items=[
                    {"id": "p1", "name": "Poems", "release_date": "2010"},
                    {"id": "p2", "name": "Essays", "release_date": "2012"},
                ],
            ),
        ],
    )
    order = [d.id for d in candidates(cv)]
    # Least relevant (no overlap) and oldest first; each section's best item last.
    assert order == ["p1", "c2", "p2", "c1"]
