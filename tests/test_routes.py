"""URL builders of the UI, and the check that keeps ``?next=`` on this app's pages."""

from __future__ import annotations

import pytest

from cvapp import routes


@pytest.mark.parametrize(
    "target", ["/app", "/app/settings/", "/app/settings?tab=1#top", "/login?next=%2Fapp", "/"]
)
def test_local_pages_are_kept(target: str) -> None:
    assert routes.safe_next(target) == target


@pytest.mark.parametrize(
    "target",
    [
        None,
        "",
        "app",
        "https://evil.example/",
        "//evil.example",
        "/\\evil.example",
        "/a\\b",
        "javascript:alert(1)",
        "/app\r\nSet-Cookie: x=1",
        "/api/v1/auth/session/logout",
    ],
)
def test_anything_else_falls_back(target: str | None) -> None:
    assert routes.safe_next(target) == routes.DASHBOARD
    assert routes.safe_next(target, default=routes.HOME) == routes.HOME


def test_login_carries_the_page_to_come_back_to() -> None:
    assert routes.login() == "/login"
    assert routes.login("/app") == "/login"
    assert routes.login("/app/settings") == "/login?next=%2Fapp%2Fsettings"
    assert routes.login("https://evil.example") == "/login"


def test_session_endpoints_get_a_safe_next() -> None:
    assert routes.session_refresh("/app/settings") == (
        "/api/v1/auth/session/refresh?next=%2Fapp%2Fsettings"
    )
    assert routes.session_handoff("//evil") == "/api/v1/auth/session/handoff?next=%2Fapp"
    assert routes.session_logout("//evil") == "/api/v1/auth/session/logout?next=%2F"
