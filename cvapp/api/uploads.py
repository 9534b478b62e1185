"""The gate in front of Reflex's upload endpoint (``/_upload``): signed-in users only, and
no body larger than ``CVAPP_MAX_UPLOAD_BYTES``, refused before anything is spooled to disk.

Reflex parses the multipart body (writing it to temporary files) before the page's upload
handler, which checks the user, ever runs; so the checks live here, in front of the whole
app: the browser's session cookies (a valid access token, or a live refresh token when the
access one has just expired) and the declared and received length.
"""

from __future__ import annotations

import json
from http.cookies import SimpleCookie

from starlette.concurrency import run_in_threadpool
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from cvapp.api.cookies import ACCESS_COOKIE, REFRESH_COOKIE
from cvapp.api.http import header_value
from cvapp.db import session_scope
from cvapp.domain.auth import refresh_tokens
from cvapp.domain.auth.tokens import decode_access_token
from cvapp.errors import DomainError
from cvapp.models.base import as_utc, utcnow
from cvapp.settings import get_settings

UPLOAD_PATH = "/_upload"
MULTIPART_OVERHEAD = 64 * 1024  # boundaries and part headers around the file itself


class _TooLarge(Exception):
    pass


def _cookies(scope: Scope) -> dict[str, str]:
    jar: SimpleCookie = SimpleCookie()
    try:
        jar.load(header_value(scope["headers"], b"cookie").decode("latin-1"))
    except Exception:  # a malformed Cookie header is no session
        return {}
    return {name: morsel.value for name, morsel in jar.items()}


def _live_refresh(plain: str) -> bool:
    with session_scope() as session:
        token = refresh_tokens.find(session, plain=plain)
        return (
            token is not None
            and token.revoked_at is None
            and token.used_at is None
            and (as_utc(token.expires_at) or utcnow()) > utcnow()
        )


async def signed_in(scope: Scope) -> bool:
    """Whether the request carries the cookies of a signed-in browser session."""
    cookies = _cookies(scope)
    access = cookies.get(ACCESS_COOKIE)
    if access:
        try:
            decode_access_token(access)
            return True
        except DomainError:
            pass  # expired: a live refresh token still proves the session
    refresh = cookies.get(REFRESH_COOKIE)
    if not refresh:
        return False
    return await run_in_threadpool(_live_refresh, refresh)


async def _refuse(send: Send, status: int, code: str, message: str) -> None:
    body = json.dumps({"error": {"code": code, "message": message, "details": []}}).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


class UploadGuard:
    """Refuses anonymous or oversized uploads to ``/_upload`` before the app reads them."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not scope["path"].startswith(UPLOAD_PATH):
            await self.app(scope, receive, send)
            return
        if not await signed_in(scope):
            await _refuse(send, 401, "UNAUTHENTICATED", "Sign in to upload files")
            return
        limit = get_settings().max_upload_bytes
        allowed = limit + MULTIPART_OVERHEAD
        too_large = f"The file is larger than {limit // (1024 * 1024)} MB"
        declared = header_value(scope["headers"], b"content-length")
        if declared.isdigit() and int(declared) > allowed:
            await _refuse(send, 413, "PAYLOAD_TOO_LARGE", too_large)
            return
        received = 0
        started = False

        async def counted() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > allowed:  # a body sent without (or lying about) its length
                    raise _TooLarge
            return message

        async def watched(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counted, watched)
        except _TooLarge:
            if not started:
                await _refuse(send, 413, "PAYLOAD_TOO_LARGE", too_large)
