"""What the Design tab shows of a CV's design: the values in force and the side column."""

from __future__ import annotations

from sqlmodel import Session

from cvapp.domain.cvs import service as cvs
from cvapp.domain.cvs.design import FONTS
from cvapp.domain.cvs.fonts import families, pairing_families, pairing_name
from cvapp.domain.exports.catalog import TEMPLATES
from cvapp.domain.exports.design import template_fonts
from cvapp.state.cvs.looks import design_fields, side_rows
from tests.domain.cv_support import build_profile, make_cv, make_user


def test_an_empty_design_shows_the_template_s_own(session: Session) -> None:
    user = make_user(session)
    build_profile(session, user)
    view = make_cv(session, user, template="modern")
    fields = design_fields(view)
    assert fields["accent"] == "#0b5cad" and fields["chosen_accent"] == ""
    assert fields["size_pt"] == "10.5" and fields["margin_mm"] == "16"
    assert fields["font"] == fields["date_format"] == fields["header"] == ""
    assert fields["photo"] == "on" and fields["chosen"] == ""
    assert fields["two_column"] == "" and side_rows(view) == []


def test_chosen_values_and_the_side_column(session: Session) -> None:
    user = make_user(session)
    build_profile(session, user)
    cv = make_cv(session, user, template="two-column")
    assert design_fields(cv)["accent"] == "#2d5b4f"
    assert {r.key for r in side_rows(cv) if r.checked} == {
        "skills",
        "languages",
        "interests",
        "certifications",
    }
    changes = {"design": {"accent": "#5b2a86", "size_pt": 9, "photo": False,
                          "side_sections": ["education"]}}  # fmt: skip
    view = cvs.update_cv(session, user_id=user.id, cv_id=cv.id, changes=changes)
    fields = design_fields(view)
    assert fields["accent"] == "#5b2a86" and fields["chosen_accent"] == "yes"
    assert fields["size_pt"] == "9" and fields["photo"] == "off" and fields["chosen"] == "yes"
    rows = side_rows(view)
    assert [r.key for r in rows if r.checked] == ["education"]
    assert "summary" not in [r.key for r in rows]


def test_the_font_sample_shows_the_fonts_in_force(session: Session) -> None:
    """The design card's sample: the template's own fonts until a pairing is chosen."""
    user = make_user(session)
    build_profile(session, user)
    cv = make_cv(session, user, template="creative")
    fields = design_fields(cv)
    assert fields["font"] == "" and fields["font_name"] == "Carlito & Caladea"
    assert fields["font_body"].startswith('"CV Carlito"')
    assert fields["font_head"].startswith('"CV Caladea"')

    view = cvs.update_cv(
        session, user_id=user.id, cv_id=cv.id, changes={"design": {"font": "noto-serif"}}
    )
    fields = design_fields(view)
    assert fields["font"] == "noto-serif" and fields["font_name"] == "Noto Serif"
    assert fields["font_body"] == fields["font_head"] == FONTS["noto-serif"].body


def test_every_template_s_font_has_a_name_and_is_served() -> None:
    served = set(pairing_families())
    names = {}
    for template in TEMPLATES.values():
        body, head = template_fonts(template)
        assert families(body)[0] in served and families(head)[0] in served, template.key
        names[template.key] = pairing_name(body, head)
    assert names["classic"] == "Liberation Serif" and names["academic"] == "Caladea"
    assert names["modern"] == "Carlito" and names["photo-header"] == "Carlito & Caladea"
    assert pairing_name(FONTS["noto-sans+noto-serif"].body, FONTS["noto-serif"].head) == (
        "Noto Sans text, Noto Serif headings"
    )
    assert pairing_name('"CV Sans", Arial', '"CV Noto Serif", serif') == (
        "Liberation Sans text, Noto Serif headings"
    )
