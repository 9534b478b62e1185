"""Accounts for the browser tests: made and signed in through the REST API.

Sign-ups and logins are limited per client address, so each module talks to the server from
its own loopback address (``127.0.0.N``); the login form itself is covered by
``test_auth_flow``.
"""

from __future__ import annotations

from typing import Any

import httpx
from playwright.sync_api import Page

from tests.e2e.conftest import wait_until

PASSWORD = "correct horse battery staple"


def api_client(base_url: str, address: str | None = None, *, api: bool = True) -> httpx.Client:
    """An HTTP client for the server (its ``/api/v1`` unless ``api`` is false), from
    ``address`` when given."""
    transport = httpx.HTTPTransport(local_address=address) if address else None
    root = f"{base_url}/api/v1" if api else base_url
    return httpx.Client(base_url=root, transport=transport, timeout=20)


def sign_up(api: httpx.Client, email: str, full_name: str) -> dict[str, str]:
    """Register ``email`` (accepting the current privacy policy) with ``api`` (an
    ``api_client``); returns the new account's Authorization header once it is readable."""
    version = api.get("/legal/privacy").json()["version"]
    body = {
        "email": email,
        "password": PASSWORD,
        "full_name": full_name,
        "accept_privacy_version": version,
    }
    registered = api.post("/auth/register", json=body)
    assert registered.status_code == 201, registered.text
    auth = {"Authorization": f"Bearer {registered.json()['access_token']}"}
    # The API commits after its response has gone out (FastAPI runs a yield dependency's
    # exit after the response): wait until the account is there.
    wait_until(
        lambda: api.get("/auth/me", headers=auth).status_code == 200,
        timeout=10,
        what="the new account to be committed",
    )
    return auth


Write = tuple[str, str, dict[str, Any]]
"""A request that fills an account: (method, path, JSON body)."""


def write_all(api: httpx.Client, auth: dict[str, str], writes: list[Write]) -> None:
    """Send each write as the account of ``auth``; each must succeed (200 or 201)."""
    for method, path, body in writes:
        response = api.request(method, path, json=body, headers=auth)
        assert response.status_code in (200, 201), response.text


def status_column(page: Page, status: str) -> Any:
    """The applications board's column of ``status``."""
    return page.locator(f'[data-testid="board-column"][data-status="{status}"]')


def log_in(api: httpx.Client, email: str) -> dict[str, str]:
    """Log ``email`` in with ``api`` (an ``api_client``, with or without ``api``); returns
    its Authorization header."""
    response = api.post(
        api.base_url.join("/api/v1/auth/login"), json={"email": email, "password": PASSWORD}
    )
    assert response.status_code == 200, response.text
    return {"Authorization": f"Bearer {response.json()['access_token']}"}


def sign_in(page: Page, base_url: str, email: str, address: str) -> None:
    """Log ``email`` in through the API from ``address`` and hand the browser the session
    cookies."""
    with api_client(base_url, address, api=False) as api:
        log_in(api, email)
        cookies = [
            {"name": c.name, "value": c.value or "", "url": f"{base_url}{c.path or '/'}"}
            for c in api.cookies.jar
        ]
    page.context.add_cookies(cookies)  # type: ignore[arg-type]
