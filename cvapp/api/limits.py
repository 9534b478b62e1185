"""Request-size limits of the API: a body over its route's limit is refused with 413.

A declared ``Content-Length`` over the limit is refused before anything is read; a body sent
without one (chunked) is counted as it is read and refused as soon as it goes over. JSON
bodies get 1 MB, far above any valid one (every text field is bounded); the upload routes
get their own, larger ceiling (they also check each file). Only ``/api/`` is limited here:
the Reflex app mounted below has its own upload handling.
"""

from __future__ import annotations

from fastapi import FastAPI
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from cvapp.api.errors import envelope
from cvapp.api.routes.imports import MAX_REQUEST_BYTES as IMPORT_BYTES
from cvapp.domain.applications.webpage import MAX_PAGE_BYTES
from cvapp.domain.profiles.photo import MAX_PHOTO_BYTES

MB = 1024 * 1024
DEFAULT_LIMIT = 1 * MB
UPLOAD_LIMITS = {
    "/api/v1/imports/": IMPORT_BYTES,
    "/api/v1/profiles/me/photo": MAX_PHOTO_BYTES + MB,
    "/api/v1/applications/read-page": MAX_PAGE_BYTES + MB,
}


def limit_for(path: str) -> int | None:
    """The most bytes a request body to ``path`` may have (None: not limited here)."""
    if not path.startswith("/api/"):
        return None
    for prefix, limit in UPLOAD_LIMITS.items():
        if path.startswith(prefix):
            return limit
    return DEFAULT_LIMIT


def _message(limit: int) -> str:
    return f"The request body is larger than {limit // MB} MB"


class BodyTooLarge(HTTPException):
    """Raised while the body is read; the app's handler answers 413 in the envelope."""

    def __init__(self, limit: int) -> None:
        super().__init__(status_code=413, detail=_message(limit))


def _declared_length(scope: Scope) -> int | None:
    for name, value in scope["headers"]:
        if name == b"content-length":
            return int(value) if value.isdigit() else None
    return None


class BodyLimitMiddleware:
    """Plain ASGI: counts the body as the app reads it, no buffering."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        limit = limit_for(scope["path"]) if scope["type"] == "http" else None
        if limit is None:
            await self.app(scope, receive, send)
            return
        declared = _declared_length(scope)
        if declared is not None and declared > limit:
            too_large = envelope(413, "PAYLOAD_TOO_LARGE", _message(limit))
            await too_large(scope, receive, send)
            return
        received = 0
        started = False

        async def counted_receive() -> Message:
            nonlocal received
            message = await receive()
            received += len(message.get("body", b""))
            if received > limit:
                raise BodyTooLarge(limit)
            return message

        async def tracked_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counted_receive, tracked_send)
        except BodyTooLarge:  # read outside a route (no handler ran)
            if started:
                raise
            await envelope(413, "PAYLOAD_TOO_LARGE", _message(limit))(scope, receive, send)


def install_limits(app: FastAPI) -> None:
    """Refuse request bodies over their route's limit (413 ``PAYLOAD_TOO_LARGE``)."""
    app.add_middleware(BodyLimitMiddleware)
