"""Security headers on every response (errors and crashes included) and CORS."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi import APIRouter
from fastapi.testclient import TestClient

from cvapp.api.app import create_api
from cvapp.settings import get_settings
from tests.api.auth_support import PASSWORD, PRIVACY_VERSION, _quiet_queue  # noqa: F401

EXPECTED = {
    "x-content-type-options": "nosniff",
    "referrer-policy": "strict-origin-when-cross-origin",
    "x-frame-options": "DENY",
}


@pytest.fixture
def client() -> Iterator[TestClient]:
    app = create_api()
    probe = APIRouter()

    @probe.get("/api/v1/_probe/crash")
    def crash() -> None:
        raise RuntimeError("boom")

    app.router.routes[:0] = probe.routes
    with TestClient(app, raise_server_exceptions=False) as test_client:
        yield test_client


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/api/v1/health", 200),
        ("/api/v1/nope", 404),
        ("/api/v1/auth/me", 401),
        ("/api/v1/_probe/crash", 500),
    ],
)
def test_every_response_carries_the_security_headers(
    client: TestClient, path: str, status: int
) -> None:
    response = client.get(path)
    assert response.status_code == status
    for name, value in EXPECTED.items():
        assert response.headers[name] == value
    csp = response.headers["content-security-policy"]
    for directive in (
        "default-src 'self'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "connect-src 'self' ws://localhost:3000 wss://localhost:3000",
        "frame-ancestors 'none'",
        "object-src 'none'",
    ):
        assert directive in csp
    assert "strict-transport-security" not in response.headers  # the public URL is http


def test_https_public_url_adds_hsts_and_secure_cookies(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(get_settings(), "public_url", "https://cv.example.com")
    with TestClient(create_api(), base_url="https://testserver") as client:
        response = client.get("/api/v1/health")
        assert "max-age=" in response.headers["strict-transport-security"]
        csp = response.headers["content-security-policy"]
        assert "connect-src 'self' wss://cv.example.com;" in csp
        registered = client.post(
            "/api/v1/auth/register",
            json={
                "email": "ann@example.org",
                "password": PASSWORD,
                "full_name": "Ann",
                "accept_privacy_version": PRIVACY_VERSION,
            },
        )
        cookies = registered.headers.get_list("set-cookie")
        assert len(cookies) == 3 and all("; secure" in c.lower() for c in cookies)


def test_cors_is_closed_by_default(client: TestClient) -> None:
    preflight = client.options(
        "/api/v1/auth/login",
        headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "POST"},
    )
    assert "access-control-allow-origin" not in preflight.headers
    simple = client.get("/api/v1/health", headers={"Origin": "https://evil.example"})
    assert "access-control-allow-origin" not in simple.headers


def test_cors_allows_configured_origins_only(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(get_settings(), "cors_origins", ["https://app.example"])
    with TestClient(create_api()) as client:
        ok = client.options(
            "/api/v1/auth/login",
            headers={
                "Origin": "https://app.example",
                "Access-Control-Request-Method": "POST",
                "Access-Control-Request-Headers": "X-CSRF-Token, Content-Type",
            },
        )
        assert ok.status_code == 200
        assert ok.headers["access-control-allow-origin"] == "https://app.example"
        assert ok.headers["access-control-allow-credentials"] == "true"
        other = client.get("/api/v1/health", headers={"Origin": "https://evil.example"})
        assert "access-control-allow-origin" not in other.headers
