"""The web app's cookie endpoints: sign-in handoff, refresh round trip, logout by link."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
import time_machine
from fastapi.testclient import TestClient
from httpx import Response
from sqlmodel import Session

from cvapp.api.cookies import ACCESS_COOKIE, CSRF_COOKIE, REFRESH_COOKIE, REFRESH_COOKIE_PATH
from cvapp.domain.auth import service as auth_service
from cvapp.domain.auth.schemas import AuthTokens
from cvapp.models.base import utcnow
from cvapp.state import handoff
from tests.api.auth_support import (  # noqa: F401  (fixtures)
    PASSWORD,
    _quiet_queue,
    bearer,
    register,
)

HANDOFF = "/api/v1/auth/session/handoff"
REFRESH = "/api/v1/auth/session/refresh"
LOGOUT = "/api/v1/auth/session/logout"


def _sign_in(session: Session, email: str = "ann@example.org") -> AuthTokens:
    """A session made the way a Reflex handler makes it: by the auth domain, committed."""
    tokens = auth_service.login(session, email=email, password=PASSWORD, ip="127.0.0.1")
    assert isinstance(tokens, AuthTokens)
    session.commit()
    return tokens


def _get(api: TestClient, url: str, **params: str) -> Response:
    return api.get(url, params=params, follow_redirects=False)


def _set_cookies(response: Response) -> dict[str, str]:
    """Name → raw Set-Cookie header of each cookie the response sets or clears."""
    headers = response.headers.get_list("set-cookie")
    return {header.split("=", 1)[0]: header for header in headers}


def _cleared(header: str) -> bool:
    return "Max-Age=0" in header or '=""' in header.split(";")[0]


def _session_cookies(api: TestClient, tokens: dict[str, Any] | AuthTokens) -> None:
    access = tokens["access_token"] if isinstance(tokens, dict) else tokens.access_token
    refresh = tokens["refresh_token"] if isinstance(tokens, dict) else tokens.refresh_token
    api.cookies.clear()
    api.cookies.set(ACCESS_COOKIE, access, path="/")
    api.cookies.set(REFRESH_COOKIE, refresh, path=REFRESH_COOKIE_PATH)
    api.cookies.set(CSRF_COOKIE, "csrf-value", path="/")


def _refresh_with(api: TestClient, refresh_token: str) -> Response:
    return api.post("/api/v1/auth/refresh", json={"refresh_token": refresh_token})


# Handoff -----------------------------------------------------------------------------------


def test_handoff_sets_the_session_cookies_once(api: TestClient, session: Session) -> None:
    register(api)
    api.cookies.clear()
    tokens = _sign_in(session)
    api.cookies.set(handoff.HANDOFF_COOKIE, handoff.park(tokens), path=handoff.HANDOFF_COOKIE_PATH)

    first = _get(api, HANDOFF, next="/app/settings")

    assert first.status_code == 303
    assert first.headers["location"] == "/app/settings"
    assert first.headers["cache-control"] == "no-store"
    cookies = _set_cookies(first)
    assert f"{ACCESS_COOKIE}={tokens.access_token}" in cookies[ACCESS_COOKIE]
    assert "HttpOnly" in cookies[ACCESS_COOKIE] and "HttpOnly" in cookies[REFRESH_COOKIE]
    assert "SameSite=lax" in cookies[ACCESS_COOKIE]
    assert _cleared(cookies[handoff.HANDOFF_COOKIE])
    me = api.get("/api/v1/auth/me")
    assert me.status_code == 200 and me.json()["email"] == "ann@example.org"

    api.cookies.clear()
    api.cookies.set(handoff.HANDOFF_COOKIE, "the-same-code-again", path=handoff.HANDOFF_COOKIE_PATH)
    again = _get(api, HANDOFF, next="/app/settings")
    assert again.headers["location"] == "/login?next=%2Fapp%2Fsettings"
    assert ACCESS_COOKIE not in _set_cookies(again)


def test_a_handoff_code_works_only_once(api: TestClient, session: Session) -> None:
    register(api)
    code = handoff.park(_sign_in(session))
    assert handoff.take(code) is not None
    assert handoff.take(code) is None


def test_handoff_without_its_cookie_goes_to_login(api: TestClient) -> None:
    response = _get(api, HANDOFF, next="/app")
    assert response.status_code == 303
    assert response.headers["location"] == "/login"
    assert ACCESS_COOKIE not in _set_cookies(response)


@pytest.mark.parametrize(
    "target",
    [
        "https://evil.example/",
        "//evil.example/app",
        "/\\evil.example",
        "javascript:alert(1)",
        "/api/v1/auth/session/logout?csrf=x",
        "app",
    ],
)
def test_next_must_be_a_page_of_the_app(api: TestClient, session: Session, target: str) -> None:
    register(api)
    api.cookies.clear()
    api.cookies.set(
        handoff.HANDOFF_COOKIE, handoff.park(_sign_in(session)), path=handoff.HANDOFF_COOKIE_PATH
    )
    assert _get(api, HANDOFF, next=target).headers["location"] == "/app"


# Refresh -----------------------------------------------------------------------------------


def test_refresh_rotates_the_pair_and_comes_back(api: TestClient) -> None:
    tokens = register(api)
    api.cookies.delete(ACCESS_COOKIE)  # the 15-minute cookie is gone (or the browser restarted)

    response = _get(api, REFRESH, next="/app/settings/security")

    assert response.status_code == 303
    assert response.headers["location"] == "/app/settings/security"
    cookies = _set_cookies(response)
    assert ACCESS_COOKIE in cookies and REFRESH_COOKIE in cookies
    assert not _cleared(cookies[ACCESS_COOKIE])
    assert api.get("/api/v1/auth/me").status_code == 200
    # The old refresh token was spent: presenting it again (past the few seconds a second tab
    # may race the first) revokes the whole session.
    with time_machine.travel(utcnow() + timedelta(seconds=11)):
        assert _refresh_with(api, tokens["refresh_token"]).status_code == 401


def test_an_expired_access_cookie_is_renewed(api: TestClient) -> None:
    """The browser still sends the cookie a moment after its token expired: renew anyway."""
    register(api)
    with time_machine.travel(utcnow() + timedelta(minutes=16)):
        assert api.get("/api/v1/auth/me").status_code == 401
        response = _get(api, REFRESH, next="/app")
        assert response.headers["location"] == "/app"
        assert ACCESS_COOKIE in _set_cookies(response)
        assert api.get("/api/v1/auth/me").status_code == 200


def test_refresh_spends_nothing_while_the_access_cookie_is_valid(api: TestClient) -> None:
    tokens = register(api)

    response = _get(api, REFRESH, next="/app")

    assert response.headers["location"] == "/app"
    assert _set_cookies(response) == {}
    assert _refresh_with(api, tokens["refresh_token"]).status_code == 200


def test_refresh_without_a_session_clears_cookies_and_asks_to_log_in(api: TestClient) -> None:
    response = _get(api, REFRESH, next="/app/settings")

    assert response.headers["location"] == "/login?next=%2Fapp%2Fsettings"
    cookies = _set_cookies(response)
    assert all(_cleared(cookies[name]) for name in (ACCESS_COOKIE, REFRESH_COOKIE, CSRF_COOKIE))


def test_refresh_with_a_revoked_session_asks_to_log_in(api: TestClient) -> None:
    tokens = register(api)
    api.post("/api/v1/auth/logout", headers=bearer(tokens))
    _session_cookies(api, tokens)
    api.cookies.delete(ACCESS_COOKIE)

    response = _get(api, REFRESH, next="/app")

    assert response.headers["location"] == "/login"
    assert _cleared(_set_cookies(response)[REFRESH_COOKIE])


# Logout ------------------------------------------------------------------------------------


def test_logout_revokes_the_session_and_clears_the_cookies(api: TestClient) -> None:
    tokens = register(api)
    csrf = api.cookies.get(CSRF_COOKIE)
    assert csrf

    response = _get(api, LOGOUT, csrf=csrf)

    assert response.status_code == 303 and response.headers["location"] == "/"
    cookies = _set_cookies(response)
    assert all(_cleared(cookies[name]) for name in (ACCESS_COOKIE, REFRESH_COOKIE, CSRF_COOKIE))
    api.cookies.clear()
    assert api.get("/api/v1/auth/me", headers=bearer(tokens)).status_code == 401
    assert _refresh_with(api, tokens["refresh_token"]).status_code == 401


def test_logout_needs_the_csrf_cookie_value(api: TestClient) -> None:
    """Another site can send the browser to the link, but cannot know the cookie's value."""
    tokens = register(api)

    for forged in ("", "guess"):
        response = _get(api, LOGOUT, csrf=forged)
        assert response.status_code == 403
        assert response.json()["error"]["code"] == "FORBIDDEN"
        assert _set_cookies(response) == {}

    api.cookies.clear()
    assert api.get("/api/v1/auth/me", headers=bearer(tokens)).status_code == 200


def test_logout_goes_to_a_local_next_page_only(api: TestClient) -> None:
    register(api)
    csrf = api.cookies.get(CSRF_COOKIE) or ""
    assert _get(api, LOGOUT, csrf=csrf, next="/login").headers["location"] == "/login"
    register(api, email="bob@example.org")
    csrf = api.cookies.get(CSRF_COOKIE) or ""
    assert _get(api, LOGOUT, csrf=csrf, next="//evil.example").headers["location"] == "/"


def test_logout_without_a_session_just_clears_leftovers(api: TestClient) -> None:
    response = _get(api, LOGOUT)
    assert response.status_code == 303 and response.headers["location"] == "/"
