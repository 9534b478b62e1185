""" "Add to this CV" after a gap analysis: the hidden item (and its section) become visible."""

from __future__ import annotations

import pytest
from sqlmodel import Session

from cvapp.domain.cvs import service as cvs
from cvapp.errors import NotFound
from cvapp.pages.ai.gap_state import show_on_cv
from tests.domain.test_cv_support import build_profile, make_cv, make_user


def _visible(session: Session, user_id: str, cv_id: str, section: str) -> dict[str, bool]:
    cv = cvs.get_cv(session, user_id=user_id, cv_id=cv_id)
    return {item.id: item.visible for item in cv.items[section]}


def test_a_hidden_experience_is_shown_and_the_others_keep_their_place(session: Session) -> None:
    user = make_user(session)
    ids = build_profile(session, user)["experiences"]
    items = [{"id": ids[0], "order": 0}, {"id": ids[1], "order": 1, "visible": False}]
    cv = make_cv(session, user, items={"experiences": items + [{"id": ids[2], "order": 2}]})

    show_on_cv(session, user_id=user.id, cv_id=cv.id, section="experiences", item_id=ids[1])

    assert _visible(session, user.id, cv.id, "experiences") == dict.fromkeys(ids, True)
    assert [
        i.id for i in cvs.get_cv(session, user_id=user.id, cv_id=cv.id).items["experiences"]
    ] == ids


def test_a_hidden_section_is_shown_too(session: Session) -> None:
    user = make_user(session)
    skill = build_profile(session, user)["skills"][0]
    cv = make_cv(session, user, sections=[{"key": "skills", "visible": False, "order": 0}])

    show_on_cv(session, user_id=user.id, cv_id=cv.id, section="skills", item_id=skill)

    sections = cvs.get_cv(session, user_id=user.id, cv_id=cv.id).sections
    assert next(s for s in sections if s.key == "skills").visible


def test_only_the_owners_cv(session: Session) -> None:
    owner, other = make_user(session), make_user(session)
    skill = build_profile(session, owner)["skills"][0]
    cv = make_cv(session, owner)
    with pytest.raises(NotFound):
        show_on_cv(session, user_id=other.id, cv_id=cv.id, section="skills", item_id=skill)
