"""Account security: password change, the sessions list, signing out elsewhere or everywhere."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlmodel import Session, select

from cvapp.models import AuditEvent
from tests.api.auth_support import PASSWORD, _quiet_queue, bearer, login, register  # noqa: F401

NEW_PASSWORD = "another long passphrase"


def test_password_change_signs_out_every_other_session(api: TestClient) -> None:
    here = register(api)
    elsewhere = login(api).json()
    wrong = api.post(
        "/api/v1/account/password",
        json={"current_password": "not it at all", "new_password": NEW_PASSWORD},
        headers=bearer(here),
    )
    assert wrong.status_code == 422
    assert wrong.json()["error"]["details"][0]["field"] == "current_password"

    changed = api.post(
        "/api/v1/account/password",
        json={"current_password": PASSWORD, "new_password": NEW_PASSWORD},
        headers=bearer(here),
    )
    assert changed.status_code == 200
    fresh = changed.json()
    for old in (here, elsewhere):
        response = api.get("/api/v1/auth/me", headers=bearer(old))
        assert response.json()["error"]["code"] == "TOKEN_REVOKED"
    assert api.get("/api/v1/auth/me", headers=bearer(fresh)).status_code == 200
    assert login(api, password=NEW_PASSWORD).status_code == 200


def test_sessions_list_marks_the_current_one(api: TestClient) -> None:
    first = register(api)
    second = api.post(
        "/api/v1/auth/login",
        json={"email": "ann@example.org", "password": PASSWORD},
        headers={"User-Agent": "Phone"},
    ).json()
    page = api.get("/api/v1/account/sessions", headers=bearer(second)).json()
    assert page["pagination"]["total"] == 2
    newest, oldest = page["data"]
    assert newest["current"] is True and newest["user_agent"] == "Phone"
    assert oldest["current"] is False and newest["ip"] == "testclient"
    # A refresh keeps the session (same id, start) and moves its last use.
    rotated = api.post("/api/v1/auth/refresh", json={"refresh_token": first["refresh_token"]})
    listed = api.get("/api/v1/account/sessions", headers=bearer(rotated.json())).json()["data"]
    assert {s["id"] for s in listed} == {newest["id"], oldest["id"]}
    assert listed[0]["id"] == oldest["id"] and listed[0]["started_at"] == oldest["started_at"]


def test_revoke_one_session(api: TestClient) -> None:
    first = register(api)
    second = login(api).json()
    sessions = api.get("/api/v1/account/sessions", headers=bearer(second)).json()["data"]
    other = next(s for s in sessions if not s["current"])
    gone = api.delete(f"/api/v1/account/sessions/{other['id']}", headers=bearer(second))
    assert gone.status_code == 204
    assert api.get("/api/v1/auth/me", headers=bearer(first)).status_code == 401
    assert api.get("/api/v1/auth/me", headers=bearer(second)).status_code == 200
    missing = api.delete(f"/api/v1/account/sessions/{other['id']}", headers=bearer(second))
    assert missing.status_code == 404


def test_another_users_session_is_not_found(api: TestClient) -> None:
    ann = register(api)
    bob = register(api, email="bob@example.org")
    bob_session = api.get("/api/v1/account/sessions", headers=bearer(bob)).json()["data"][0]
    response = api.delete(f"/api/v1/account/sessions/{bob_session['id']}", headers=bearer(ann))
    assert response.status_code == 404
    assert api.get("/api/v1/auth/me", headers=bearer(bob)).status_code == 200


def test_revoke_all_signs_out_everywhere(api: TestClient, session: Session) -> None:
    first = register(api)
    second = login(api).json()
    response = api.post("/api/v1/account/sessions/revoke-all", headers=bearer(second))
    assert response.status_code == 204
    for tokens in (first, second):
        assert api.get("/api/v1/auth/me", headers=bearer(tokens)).status_code == 401
        refreshed = api.post(
            "/api/v1/auth/refresh", json={"refresh_token": tokens["refresh_token"]}
        )
        assert refreshed.status_code == 401
    event = session.exec(select(AuditEvent).where(AuditEvent.action == "auth.logout_all")).one()
    assert event.details == {"sessions": 2}


def test_audit_events_page_size_is_bounded(api: TestClient) -> None:
    tokens = register(api)
    response = api.get("/api/v1/account/audit-events?size=101", headers=bearer(tokens))
    assert response.status_code == 422
