"""What the Design tab shows of a CV's design: the values in force and the side column."""

from __future__ import annotations

from sqlmodel import Session

from cvapp.domain.cvs import service as cvs
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
