"""One-pager auto-fit on a long profile (15 years, 8 roles): exactly one page, readable."""

from __future__ import annotations

import io
import re

from pdfminer.high_level import extract_pages, extract_text
from pdfminer.layout import LTChar, LTTextContainer
from sqlmodel import Session

from cvapp.domain.exports import service as exports
from cvapp.domain.exports.catalog import TEMPLATES
from cvapp.domain.exports.styles import density
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
