"""Issue #15 point 7: Reflex's /_upload takes files from signed-in browsers only, and no
more than CVAPP_MAX_UPLOAD_BYTES, refused before the app (which spools to disk) reads it."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient
from sqlmodel import Session
from starlette.types import Receive, Scope, Send

from cvapp.api.cookies import ACCESS_COOKIE, REFRESH_COOKIE
from cvapp.api.uploads import UploadGuard
from cvapp.domain.auth import service as auth
from cvapp.domain.auth.tokens import create_access_token
from cvapp.settings import get_settings
from tests.domain.account_support import PASSWORD, make_user


class Recorder:
    """Stands for the Reflex app: reads the whole body, as its upload handler does."""

    def __init__(self) -> None:
        self.bodies: list[int] = []

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        size, more = 0, True
        while more:
            message = await receive()
            size += len(message.get("body", b""))
            more = message.get("more_body", False)
        self.bodies.append(size)
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"ok"})


def _client() -> tuple[TestClient, Recorder]:
    app = Recorder()
    return TestClient(UploadGuard(app)), app  # type: ignore[arg-type]


def _file(size: int) -> dict[str, Any]:
    return {"files": ("cv.pdf", b"%PDF" + b"x" * size, "application/pdf")}


def test_anonymous_uploads_never_reach_the_app() -> None:
    client, app = _client()
    refused = client.post("/_upload", files=_file(1000))
    assert refused.status_code == 401 and refused.json()["error"]["code"] == "UNAUTHENTICATED"
    client.cookies.set(ACCESS_COOKIE, "not-a-token")
    assert client.post("/_upload", files=_file(10)).status_code == 401
    assert app.bodies == []
    assert client.post("/other", content=b"x").status_code == 200  # other paths pass through


def test_signed_in_uploads_pass_within_the_limit(session: Session) -> None:
    user = make_user(session)
    client, app = _client()
    client.cookies.set(ACCESS_COOKIE, create_access_token(user_id=user.id, plan=user.plan))
    assert client.post("/_upload", files=_file(1000)).status_code == 200
    limit = get_settings().max_upload_bytes
    too_big = client.post("/_upload", files=_file(limit + 100_000))
    assert too_big.status_code == 413 and too_big.json()["error"]["code"] == "PAYLOAD_TOO_LARGE"
    assert len(app.bodies) == 1  # the big one was refused on its declared length, unread

    def chunks() -> Any:  # no Content-Length: counted as it arrives
        for _ in range(limit // 65_536 + 3):
            yield b"y" * 65_536

    streamed = client.post("/_upload", content=chunks())
    assert streamed.status_code == 413


def test_an_expired_access_cookie_with_a_live_session_still_uploads(session: Session) -> None:
    user = make_user(session)
    tokens = auth.login(session, email=user.email, password=PASSWORD, ip="127.0.0.1")
    session.commit()
    client, _ = _client()
    client.cookies.set(ACCESS_COOKIE, "expired.or.garbage")
    client.cookies.set(REFRESH_COOKIE, tokens.refresh_token)
    assert client.post("/_upload", files=_file(10)).status_code == 200
    client.cookies.set(REFRESH_COOKIE, "nope")
    assert client.post("/_upload", files=_file(10)).status_code == 401
