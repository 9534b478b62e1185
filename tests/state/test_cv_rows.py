"""The CV editor's rows, and the request bodies made from edits, against the real services."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlmodel import Session

from cvapp.domain.cvs import layout
from cvapp.domain.cvs import service as cvs
from cvapp.domain.cvs.schemas import CvView
from cvapp.domain.exports.service import PageFit
from cvapp.domain.profiles import views
from cvapp.domain.sections import SECTIONS
from cvapp.errors import ValidationFailed
from cvapp.models import User
from cvapp.state.cvs.rows import (
    entry,
    fit_note,
    moved,
    section_rows,
    sections_body,
    template_cards,
    text_rows,
    with_bullet,
    with_text,
)
from cvapp.state.cvs.share import expiry
from tests.domain.cv_support import BULLETS, build_profile, make_cv, make_user


def _masters(session: Session, user: User) -> dict[str, dict[str, dict[str, object]]]:
    profile = views.my_profile(session, user_id=user.id)
    return {
        key: {item.id: item.model_dump(mode="json") for item in items}
        for key, items in layout.master_items(profile).items()
    }


def _patch(session: Session, user: User, cv: CvView, changes: dict[str, object]) -> CvView:
    view = cvs.update_cv(session, user_id=user.id, cv_id=cv.id, changes=changes)
    session.commit()
    return view


def test_sections_list_their_items_and_what_is_shown(session: Session) -> None:
    user = make_user(session)
    ids = build_profile(session, user)
    cv = make_cv(session, user)
    masters = _masters(session, user)
    items = [entry(i) for i in cv.items["experiences"]]
    items[1] = {**items[1], "visible": False}
    cv = _patch(session, user, cv, {"items": {"experiences": items}})

    rows = {row.key: row for row in section_rows(cv, masters)}

    experiences = rows["experiences"]
    assert (experiences.name, experiences.has_items, experiences.editable) == (
        "Experience", True, True
    )  # fmt: skip
    assert [i.id for i in experiences.item_rows] == ids["experiences"]
    assert experiences.shown == 2
    assert experiences.item_rows[0].detail == "3 of 3 bullets"
    assert (rows["summary"].has_items, rows["interests"].has_items) == (False, False)
    assert rows["skills"].editable


def test_a_rewritten_bullet_and_a_hidden_one_round_trip(session: Session) -> None:
    user = make_user(session)
    experience = build_profile(session, user)["experiences"][0]
    cv = make_cv(session, user)
    item = next(e for e in map(entry, cv.items["experiences"]) if e["id"] == experience)
    master = f"{BULLETS[0]} (role 0)"

    changed = with_bullet(with_text(item, "responsibilities.0", "Billing in Go", master),
                          "responsibilities.2", shown=False)  # fmt: skip
    entries = [changed if e["id"] == experience else e for e in map(entry, cv.items["experiences"])]
    cv = _patch(session, user, cv, {"items": {"experiences": entries}})

    view = next(i for i in cv.items["experiences"] if i.id == experience)
    texts = {
        t.path: t
        for t in text_rows("experiences", view, _masters(session, user)["experiences"][experience])
    }
    assert texts["responsibilities.0"].value == "Billing in Go"
    assert texts["responsibilities.0"].master == master
    assert not texts["responsibilities.2"].shown and texts["responsibilities.2"].bullet
    assert texts["title"].value == "" and not texts["title"].long
    assert section_rows(cv, _masters(session, user))[1].item_rows[0].detail == (
        "2 of 3 bullets · 1 rewritten text"
    )


def test_writing_the_master_text_again_drops_the_rewrite() -> None:
    item = {"id": "x", "visible": True, "order": 0, "overrides": {"title": "Lead"}, "hidden": []}
    assert with_text(item, "title", " Engineer ", "Engineer")["overrides"] == {}
    assert with_text(item, "title", "", "Engineer")["overrides"] == {}
    assert with_text(item, "company", "Acme SA", "Acme")["overrides"] == {
        "title": "Lead", "company": "Acme SA"
    }  # fmt: skip
    hidden = with_bullet(item, "highlights.1", shown=False)
    assert hidden["hidden"] == ["highlights.1"]
    assert with_bullet(hidden, "highlights.1", shown=True)["hidden"] == []


def test_a_changed_master_flags_the_rewrite_for_review(session: Session) -> None:
    user = make_user(session)
    experience = build_profile(session, user)["experiences"][0]
    cv = make_cv(session, user)
    entries = [
        with_text(e, "title", "Staff engineer", "Engineer 0") if e["id"] == experience else e
        for e in map(entry, cv.items["experiences"])
    ]
    _patch(session, user, cv, {"items": {"experiences": entries}})
    SECTIONS["experiences"].update(
        session, user_id=user.id, item_id=experience, changes={"title": "Principal engineer"}
    )
    session.commit()

    cv = cvs.get_cv(session, user_id=user.id, cv_id=cv.id)
    rows = {row.key: row for row in section_rows(cv, _masters(session, user))}
    assert rows["experiences"].review == 1 and rows["experiences"].item_rows[0].review == 1
    view = next(i for i in cv.items["experiences"] if i.id == experience)
    master = _masters(session, user)["experiences"][experience]
    title = next(t for t in text_rows("experiences", view, master) if t.path == "title")
    assert (title.review, title.master, title.value) == (
        True,
        "Principal engineer",
        "Staff engineer",
    )


def test_sections_move_and_change_one_at_a_time(session: Session) -> None:
    user = make_user(session)
    build_profile(session, user)
    cv = make_cv(session, user)
    keys = [s.key for s in cv.sections]
    order = moved(keys, "skills", -1)
    assert order is not None and order.index("skills") == keys.index("skills") - 1
    assert moved(keys, keys[0], -1) is None and moved(keys, "nope", 1) is None

    body = sections_body(cv, order=order, changes={"skills": {"visible": False, "title": "Tools"}})
    cv = _patch(session, user, cv, {"sections": body})

    assert [s.key for s in cv.sections] == order
    skills = next(s for s in cv.sections if s.key == "skills")
    assert (skills.visible, skills.title) == (False, "Tools")


def test_templates_outside_the_plan_are_locked() -> None:
    free = {card.key: card for card in template_cards("free")}
    assert not free["classic"].locked and free["two-column"].locked
    assert free["two-column"].plans == "Pro and Expert"
    assert free["modern"].thumbnail.startswith("/api/v1/templates/modern/thumbnail.png?v=")
    assert not any(card.locked for card in template_cards("pro"))


def test_every_template_is_in_the_picker_with_what_sets_it_apart() -> None:
    cards = {card.key: card for card in template_cards("free")}
    assert len(cards) >= 12
    assert cards["photo-sidebar"].features == "Photo · Two columns"
    assert cards["us-resume"].features == "US Letter · One page"
    assert cards["classic"].features == ""
    assert [key for key, card in cards.items() if not card.locked] == [
        "classic", "modern", "compact", "photo-header", "europass", "us-resume"
    ]  # fmt: skip
    assert cards["creative"].plans == "Pro and Expert"


def test_a_share_link_expires_at_the_end_of_the_day_picked() -> None:
    assert expiry("") is None
    assert expiry("2031-02-28") == datetime(2031, 2, 28, 23, 59, 59, tzinfo=UTC)
    with pytest.raises(ValidationFailed):
        expiry("28/02/2031")


def test_fit_note_says_how_far_the_type_was_tightened() -> None:
    def fit(level: int, font_pt: float, one_page: bool = True) -> PageFit:
        return PageFit("d", 1, one_page, level, font_pt, 10.5, [])

    assert fit_note(fit(0, 10.5)) == ""
    assert fit_note(fit(3, 9.0, one_page=False)) == ""
    assert fit_note(fit(3, 9.0)) == (
        "Spacing tightened and text set at 9 pt (the template's 10.5 pt) to fit one page."
    )
