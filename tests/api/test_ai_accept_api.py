"""POST /ai/suggestions/accept: the owner's text fields only, and only while unchanged."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient
from sqlmodel import Session

from cvapp.domain.profiles.lookup import get_or_create_profile
from cvapp.domain.sections import SECTIONS
from cvapp.models import User
from tests.domain.cv_support import add, auth, make_user

URL = "/api/v1/ai/suggestions/accept"
BULLETS = ["Was responsible for the billing pipeline", "Mentored five engineers"]


def _experience(session: Session, user: User) -> str:
    item_id = add(
        session, user, "experiences", company="Acme", title="Engineer", start_date="2020-01",
        responsibilities=BULLETS,
    )  # fmt: skip
    session.commit()
    return item_id


def _body(item_id: str, original: str, suggestion: str, **target: Any) -> dict[str, Any]:
    place = {"section": "experiences", "item_id": item_id, "field": "responsibilities"}
    return {"original": original, "suggestion": suggestion, "target": {**place, **target}}


def _bullets(session: Session, user: User, item_id: str) -> list[str]:
    session.expire_all()
    item = SECTIONS["experiences"].get(session, user_id=user.id, item_id=item_id)
    return list(item.responsibilities)


def test_a_bullet_is_accepted_then_undone(api: TestClient, session: Session) -> None:
    user = make_user(session)
    item_id = _experience(session, user)
    accepted = api.post(URL, json=_body(item_id, BULLETS[0], "Owned billing", index=0),
                        headers=auth(user))  # fmt: skip
    assert accepted.status_code == 204, accepted.text
    assert _bullets(session, user, item_id) == ["Owned billing", BULLETS[1]]

    undone = api.post(URL, json=_body(item_id, "Owned billing", BULLETS[0], index=0),
                      headers=auth(user))  # fmt: skip
    assert undone.status_code == 204
    assert _bullets(session, user, item_id) == BULLETS


def test_a_text_changed_since_is_a_conflict(api: TestClient, session: Session) -> None:
    user = make_user(session)
    item_id = _experience(session, user)
    stale = api.post(URL, json=_body(item_id, "An older text", "x", index=0), headers=auth(user))
    assert stale.status_code == 409
    assert stale.json()["error"]["code"] == "CONFLICT"
    assert _bullets(session, user, item_id) == BULLETS


def test_a_field_a_suggestion_may_not_write_is_refused(api: TestClient, session: Session) -> None:
    user = make_user(session)
    item_id = _experience(session, user)
    for target in ({"field": "company"}, {"section": "skills"}, {"index": -1}):
        refused = api.post(URL, json=_body(item_id, "Acme", "Evil", **target), headers=auth(user))
        assert refused.status_code == 422, target
        assert refused.json()["error"]["code"] == "VALIDATION_ERROR"
    assert _bullets(session, user, item_id) == BULLETS


def test_another_users_item_is_not_found(api: TestClient, session: Session) -> None:
    owner, other = make_user(session), make_user(session)
    item_id = _experience(session, owner)
    body = _body(item_id, BULLETS[0], "x", index=0)
    assert api.post(URL, json=body).status_code == 401
    stranger = api.post(URL, json=body, headers=auth(other))
    assert stranger.status_code == 404
    assert stranger.json()["error"]["code"] == "NOT_FOUND"
    assert _bullets(session, owner, item_id) == BULLETS


def test_the_profile_summary(api: TestClient, session: Session) -> None:
    user = make_user(session)
    target = {"section": "profile", "field": "summary"}
    body = {"original": "", "suggestion": "Backend engineer.", "target": target}
    assert api.post(URL, json=body, headers=auth(user)).status_code == 204
    session.expire_all()
    assert get_or_create_profile(session, user_id=user.id).summary == "Backend engineer."
