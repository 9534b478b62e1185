"""Showing an item on a CV — "Add to this CV" after a gap analysis, the editor's eye button,
``PATCH /cvs/{id}/items/{section}/{item_id}``: one rule in the domain (issue #16 point 1)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from cvapp.domain.cvs import service as cvs
from cvapp.errors import NotFound
from tests.domain.cv_support import auth, build_profile, make_cv, make_user


def _visible(session: Session, user_id: str, cv_id: str, section: str) -> dict[str, bool]:
    cv = cvs.get_cv(session, user_id=user_id, cv_id=cv_id)
    return {item.id: item.visible for item in cv.items[section]}


def test_a_hidden_experience_is_shown_and_the_others_keep_their_place(session: Session) -> None:
    user = make_user(session)
    ids = build_profile(session, user)["experiences"]
    items = [{"id": ids[0], "order": 0}, {"id": ids[1], "order": 1, "visible": False}]
    cv = make_cv(session, user, items={"experiences": items + [{"id": ids[2], "order": 2}]})

    cvs.set_item_visible(
        session, user_id=user.id, cv_id=cv.id, section="experiences", item_id=ids[1], visible=True
    )

    assert _visible(session, user.id, cv.id, "experiences") == dict.fromkeys(ids, True)
    assert [
        i.id for i in cvs.get_cv(session, user_id=user.id, cv_id=cv.id).items["experiences"]
    ] == ids


def test_a_hidden_section_is_shown_too(session: Session) -> None:
    user = make_user(session)
    skill = build_profile(session, user)["skills"][0]
    cv = make_cv(session, user, sections=[{"key": "skills", "visible": False, "order": 0}])

    cvs.set_item_visible(
        session, user_id=user.id, cv_id=cv.id, section="skills", item_id=skill, visible=True
    )

    sections = cvs.get_cv(session, user_id=user.id, cv_id=cv.id).sections
    assert next(s for s in sections if s.key == "skills").visible


def test_only_the_owners_cv(session: Session) -> None:
    owner, other = make_user(session), make_user(session)
    skill = build_profile(session, owner)["skills"][0]
    cv = make_cv(session, owner)
    with pytest.raises(NotFound):
        cvs.set_item_visible(
            session, user_id=other.id, cv_id=cv.id, section="skills", item_id=skill, visible=True
        )


def test_hiding_keeps_the_section_and_the_order(session: Session) -> None:
    user = make_user(session)
    ids = build_profile(session, user)["experiences"]
    cv = make_cv(session, user)
    cvs.set_item_visible(
        session, user_id=user.id, cv_id=cv.id, section="experiences", item_id=ids[0], visible=False
    )
    assert _visible(session, user.id, cv.id, "experiences") == {
        ids[0]: False,
        ids[1]: True,
        ids[2]: True,
    }


def test_over_rest_with_a_stale_version_refused(api: TestClient, session: Session) -> None:
    user = make_user(session)
    skill = build_profile(session, user)["skills"][0]
    cv = make_cv(session, user, sections=[{"key": "skills", "visible": False, "order": 0}])
    headers = auth(user)
    url = f"/api/v1/cvs/{cv.id}/items/skills/{skill}"
    shown = api.patch(url, headers=headers, json={"visible": True})
    assert shown.status_code == 200, shown.text
    body = shown.json()
    assert next(s for s in body["sections"] if s["key"] == "skills")["visible"]
    stale = api.patch(url, headers=headers, json={"visible": False, "version": body["version"] - 1})
    assert stale.status_code == 409
    unknown = api.patch(
        f"/api/v1/cvs/{cv.id}/items/skills/nope", headers=headers, json={"visible": True}
    )
    assert unknown.status_code == 404
    assert api.patch(url, json={"visible": True}).status_code == 401
