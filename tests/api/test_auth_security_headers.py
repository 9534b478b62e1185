"""Security headers on every response (errors and crashes included) and CORS."""

from __future__ import annotations

import asyncio
import base64
import gzip
import hashlib
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi import APIRouter, Response
from fastapi.testclient import TestClient

from cvapp.api.app import create_api
from cvapp.api.security import (
    SecurityHeadersMiddleware,
    content_security_policy,
    security_headers,
)
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


def _script_src(response: Any) -> str:
    policy = response.headers["content-security-policy"]
    return next(part for part in policy.split("; ") if part.startswith("script-src"))


def test_html_documents_allow_their_own_inline_scripts_by_hash_and_nothing_else() -> None:
    """Issue #15 point 12: no 'unsafe-inline' (nor 'unsafe-eval') for scripts: each HTML
    document names its own inline scripts by hash, gzip-encoded ones included; a 304 leaves
    the cached document's policy alone."""
    app = create_api()
    page = b"<html><script>window.x = 1;</script><script src='/a.js'></script>" + (
        b"<script type='module'>import '/b.js';</script></html>"
    )

    @app.get("/_probe/page")
    def plain() -> Response:
        return Response(page, media_type="text/html")

    @app.get("/_probe/gzipped")
    def gzipped() -> Response:
        headers = {"Content-Encoding": "gzip"}
        return Response(gzip.compress(page), media_type="text/html", headers=headers)

    @app.get("/_probe/brotli")
    def undecodable() -> Response:
        return Response(b"\x8b\x00", media_type="text/html", headers={"Content-Encoding": "br"})

    @app.get("/_probe/unchanged")
    def unchanged() -> Response:
        return Response(status_code=304, headers={"ETag": '"1"'})

    expected = {
        "'sha256-" + base64.b64encode(hashlib.sha256(body).digest()).decode() + "'"
        for body in (b"window.x = 1;", b"import '/b.js';")
    }
    with TestClient(app) as client:
        for path in ("/_probe/page", "/_probe/gzipped"):
            response = client.get(path, headers={"Accept-Encoding": "identity"})
            assert response.status_code == 200 and response.content == page
            sources = set(_script_src(response).split()[1:])
            assert sources == {"'self'"} | expected
        assert _script_src(client.get("/api/v1/health")) == "script-src 'self'"
        docs = client.get("/api/v1/docs")
        assert docs.status_code == 200 and "<script>" in docs.text
        assert "'unsafe-inline'" not in _script_src(docs) and "sha256-" in _script_src(docs)
        # Unreadable (brotli): the document still works, with inline scripts allowed.
        assert "'unsafe-inline'" in _script_src(client.get("/_probe/brotli"))
        assert "content-security-policy" not in client.get("/_probe/unchanged").headers
    assert "unsafe-eval" not in content_security_policy("http://localhost:3000", expected)


def test_a_file_the_server_sends_itself_is_read_for_its_scripts(tmp_path: Any) -> None:
    """granian serves the build's HTML with ``http.response.pathsend``: the middleware reads
    the file for its inline scripts and lets the server send it."""
    page = tmp_path / "index.html"
    page.write_bytes(b"<html><script>window.y = 2;</script></html>")

    async def app(scope: Any, receive: Any, send: Any) -> None:
        headers = [(b"content-type", b"text/html; charset=utf-8")]
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        await send({"type": "http.response.pathsend", "path": str(page)})

    sent: list[dict[str, Any]] = []

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    middleware = SecurityHeadersMiddleware(
        app, security_headers(get_settings()), [], "http://localhost:3000"
    )
    scope = {"type": "http", "method": "GET", "path": "/", "headers": []}
    asyncio.run(middleware(scope, None, send))  # type: ignore[arg-type]
    assert [m["type"] for m in sent] == ["http.response.start", "http.response.pathsend"]
    policy = dict(sent[0]["headers"])[b"content-security-policy"].decode()
    digest = base64.b64encode(hashlib.sha256(b"window.y = 2;").digest()).decode()
    assert f"script-src 'self' 'sha256-{digest}';" in policy
