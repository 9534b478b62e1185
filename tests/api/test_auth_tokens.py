"""Tokens: refresh rotation, reuse detection, logout blacklist, cookies and CSRF, expiry."""

from __future__ import annotations

from datetime import timedelta

import time_machine
from fastapi.testclient import TestClient
from httpx import Response
from sqlmodel import Session, select

from cvapp.models import AuditEvent, RefreshToken, RevokedAccessToken
from cvapp.models.base import utcnow
from tests.api.auth_support import _quiet_queue, bearer, login, register  # noqa: F401


def _refresh(api: TestClient, token: str) -> Response:
    return api.post("/api/v1/auth/refresh", json={"refresh_token": token})


def test_refresh_rotates_and_spends_the_old_token(api: TestClient) -> None:
    first = register(api)
    second = _refresh(api, first["refresh_token"])
    assert second.status_code == 200
    pair = second.json()
    assert pair["refresh_token"] != first["refresh_token"]
    assert pair["access_token"] != first["access_token"]
    assert api.get("/api/v1/auth/me", headers=bearer(pair)).status_code == 200
    assert _refresh(api, pair["refresh_token"]).status_code == 200


def test_a_reused_refresh_token_revokes_the_whole_session(
    api: TestClient, session: Session
) -> None:
    stolen = register(api)
    legit = _refresh(api, stolen["refresh_token"]).json()
    other_device = login(api).json()

    with time_machine.travel(utcnow() + timedelta(seconds=11)):  # past the grace window
        replay = _refresh(api, stolen["refresh_token"])
    assert replay.status_code == 401
    assert replay.json()["error"]["code"] == "TOKEN_REVOKED"
    # The family is dead: its newest refresh token and its access token are refused...
    after = _refresh(api, legit["refresh_token"])
    assert after.json()["error"]["code"] == "TOKEN_REVOKED"
    me = api.get("/api/v1/auth/me", headers=bearer(legit))
    assert me.status_code == 401 and me.json()["error"]["code"] == "TOKEN_REVOKED"
    # ...while another session of the same user lives on.
    assert api.get("/api/v1/auth/me", headers=bearer(other_device)).status_code == 200
    actions = session.exec(select(AuditEvent.action)).all()
    assert "auth.token_reuse_detected" in actions


def test_two_tabs_refreshing_at_once_keep_the_session(api: TestClient) -> None:
    """Both tabs send the same refresh cookie; the second, a moment later, is not a thief."""
    tokens = register(api)
    first_tab = _refresh(api, tokens["refresh_token"])
    second_tab = _refresh(api, tokens["refresh_token"])
    assert first_tab.status_code == second_tab.status_code == 200, second_tab.text
    pairs = (first_tab.json(), second_tab.json())
    assert pairs[0]["refresh_token"] != pairs[1]["refresh_token"]
    for pair in pairs:
        assert api.get("/api/v1/auth/me", headers=bearer(pair)).status_code == 200
        assert _refresh(api, pair["refresh_token"]).status_code == 200


def test_a_replay_after_the_grace_window_is_a_theft(api: TestClient) -> None:
    tokens = register(api)
    legit = _refresh(api, tokens["refresh_token"]).json()
    with time_machine.travel(utcnow() + timedelta(seconds=11)):
        replay = _refresh(api, tokens["refresh_token"])
        assert replay.json()["error"]["code"] == "TOKEN_REVOKED"
        assert api.get("/api/v1/auth/me", headers=bearer(legit)).status_code == 401


def test_no_grace_for_a_signed_out_session(api: TestClient) -> None:
    tokens = register(api)
    pair = _refresh(api, tokens["refresh_token"]).json()
    assert api.post("/api/v1/auth/logout", headers=bearer(pair)).status_code == 204
    again = _refresh(api, tokens["refresh_token"])
    assert again.status_code == 401 and again.json()["error"]["code"] == "TOKEN_REVOKED"


def test_unknown_or_expired_refresh_tokens_are_refused(api: TestClient) -> None:
    tokens = register(api)
    unknown = _refresh(api, "made-up-token")
    assert unknown.status_code == 401
    assert unknown.json()["error"]["code"] == "UNAUTHENTICATED"
    with time_machine.travel(utcnow() + timedelta(days=31)):
        assert _refresh(api, tokens["refresh_token"]).status_code == 401


def test_access_tokens_expire_after_fifteen_minutes(api: TestClient) -> None:
    tokens = register(api)
    with time_machine.travel(utcnow() + timedelta(minutes=15, seconds=5)):
        response = api.get("/api/v1/auth/me", headers=bearer(tokens))
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "UNAUTHENTICATED"


def test_logout_blacklists_the_access_token_and_revokes_the_session(
    api: TestClient, session: Session
) -> None:
    tokens = register(api)
    assert api.post("/api/v1/auth/logout", headers=bearer(tokens)).status_code == 204
    me = api.get("/api/v1/auth/me", headers=bearer(tokens))
    assert me.status_code == 401 and me.json()["error"]["code"] == "TOKEN_REVOKED"
    again = _refresh(api, tokens["refresh_token"])
    assert again.json()["error"]["code"] == "TOKEN_REVOKED"
    revoked = session.exec(select(RevokedAccessToken)).one()
    assert revoked.expires_at > utcnow()


def test_the_blacklist_alone_refuses_the_token(api: TestClient, session: Session) -> None:
    """Even if the session were live again, the blacklisted jti stays refused."""
    tokens = register(api)
    api.post("/api/v1/auth/logout", headers=bearer(tokens))
    for token in session.exec(select(RefreshToken)).all():
        token.revoked_at = None
        session.add(token)
    session.commit()
    me = api.get("/api/v1/auth/me", headers=bearer(tokens))
    assert me.status_code == 401 and me.json()["error"]["code"] == "TOKEN_REVOKED"


def test_cookie_auth_reads_freely_but_writes_need_the_csrf_header(api: TestClient) -> None:
    register(api)  # the client now holds the three cookies
    assert api.get("/api/v1/auth/me").status_code == 200

    refused = api.post("/api/v1/auth/verify-email/resend")
    assert refused.status_code == 403 and refused.json()["error"]["code"] == "FORBIDDEN"
    wrong = api.post("/api/v1/auth/verify-email/resend", headers={"X-CSRF-Token": "guess"})
    assert wrong.status_code == 403

    csrf = api.cookies["cvapp_csrf"]
    allowed = api.post("/api/v1/auth/verify-email/resend", headers={"X-CSRF-Token": csrf})
    assert allowed.status_code == 202


def test_bearer_requests_need_no_csrf_header(api: TestClient) -> None:
    tokens = register(api)
    api.cookies.clear()
    response = api.post("/api/v1/auth/verify-email/resend", headers=bearer(tokens))
    assert response.status_code == 202


def test_refresh_and_logout_by_cookie(api: TestClient) -> None:
    register(api)
    assert api.post("/api/v1/auth/refresh").status_code == 403  # cookie without CSRF header
    csrf = {"X-CSRF-Token": api.cookies["cvapp_csrf"]}
    refreshed = api.post("/api/v1/auth/refresh", headers=csrf)
    assert refreshed.status_code == 200
    csrf = {"X-CSRF-Token": api.cookies["cvapp_csrf"]}  # rotated with the session
    assert api.get("/api/v1/auth/me").status_code == 200

    out = api.post("/api/v1/auth/logout", headers=csrf)
    assert out.status_code == 204
    assert "cvapp_access" not in api.cookies
    assert api.get("/api/v1/auth/me").status_code == 401


def test_requests_without_credentials_are_unauthenticated(api: TestClient) -> None:
    response = api.get("/api/v1/auth/me")
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "UNAUTHENTICATED"
    forged = api.get("/api/v1/auth/me", headers={"Authorization": "Bearer not.a.jwt"})
    assert forged.status_code == 401
