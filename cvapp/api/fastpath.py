"""The two hottest reads answered from process memory, in front of the whole ASGI stack.

- ``GET /p/{slug}``, the public profile page (anonymous, busiest);
- ``GET /api/v1/profiles/me`` with a bearer access token, the owner's full profile.

The first request goes the normal way (Reflex's and FastAPI's middleware, the route, the
domain, the database). When the route marks its 200 answer as reusable (header
``X-Cvapp-Memo``, naming the profile or user it shows, never sent to the client), this layer
keeps the exact status, headers and bytes; later requests get them from memory: no routing,
no thread, no database or Redis round trip.

Freshness: every change of what an answer shows publishes an invalidation
(``cvapp.invalidation``) that drops it in every process; nothing stored before the current
pub/sub connection, or while it is down, is used; entries also expire after
``MAX_AGE_SECONDS``, which bounds the cost of a lost message. The profile read is answered
only for a token that ``auth.service.authenticate`` fully checked in this process and that no
revocation has touched since (``domain.auth.memo``); the token's signature and expiry are
verified on every request. Each answer gets its own request id, counts in the metrics and
is logged like any other request.
"""

from __future__ import annotations

import time

from starlette.types import ASGIApp, Message, Receive, Scope, Send
from ulid import ULID

from cvapp import invalidation
from cvapp.api.http import bearer_token, header_value
from cvapp.api.observe import record_request
from cvapp.domain.apikeys import service as api_keys
from cvapp.domain.auth import memo as auth_memo
from cvapp.domain.auth.tokens import decode_access_token
from cvapp.domain.profiles.view_cache import VIEW_TOPIC
from cvapp.domain.public.pages import PAGE_TOPIC
from cvapp.domain.public.pages import PROFILE_PATH as PAGE_ROUTE
from cvapp.errors import DomainError
from cvapp.settings import get_settings

MARKER_HEADER = "X-Cvapp-Memo"  # set by the routes whose 200 answers may be kept
MARKER = MARKER_HEADER.lower().encode()
MAX_AGE_SECONDS = 10.0
MAX_BODY_BYTES = 256 * 1024  # larger answers are not kept
MY_PROFILE_PATH = "/api/v1/profiles/me"
_SKIP_ON_304 = (b"content-length", b"content-type")
_NOT_KEPT = (MARKER, b"x-request-id")

# At most ~1024 × 10 KiB of pages and 512 × 50 KiB of profiles per process (a few tens of MB;
# bounded by 384 MB even if every kept answer were as large as allowed).
pages = invalidation.Memo(PAGE_TOPIC, max_age=MAX_AGE_SECONDS, max_entries=1024)
views = invalidation.Memo(VIEW_TOPIC, max_age=MAX_AGE_SECONDS, max_entries=512)


class Answer:
    """A kept response: headers (without request id) and body."""

    __slots__ = ("body", "etag", "headers")

    def __init__(self, headers: list[tuple[bytes, bytes]], body: bytes) -> None:
        self.headers = headers
        self.body = body
        self.etag = next((v for n, v in headers if n == b"etag"), b"")


class HotReads:
    """Answer the hot reads from memory when a fresh copy is there; else fill it."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            scope["type"] != "http"
            or scope["method"] != "GET"
            or scope["query_string"]
            or header_value(
                scope["headers"], b"origin"
            )  # cross-origin: CORS is answered by the normal path
        ):
            await self.app(scope, receive, send)
            return
        path: str = scope["path"]
        if path.startswith("/p/") and "/" not in path[3:] and len(path) > 3:
            await self._serve(scope, receive, send, pages, path[3:], PAGE_ROUTE, None)
        elif path == MY_PROFILE_PATH and (user_id := _checked_user(scope)) is not None:
            await self._serve(scope, receive, send, views, user_id, MY_PROFILE_PATH, user_id)
        else:
            await self.app(scope, receive, send)

    async def _serve(
        self,
        scope: Scope,
        receive: Receive,
        send: Send,
        memory: invalidation.Memo,
        key: str,
        route: str,
        user_id: str | None,
    ) -> None:
        answer = memory.get(key)
        if isinstance(answer, Answer):
            await _answer(scope, send, answer, route, user_id)
            return
        since = invalidation.generation()
        # A revalidation (If-None-Match) that misses asks the route for the full page, so that
        # it can be kept; this layer then answers the 304 itself.
        conditional = header_value(scope["headers"], b"if-none-match") != b""
        inner = scope
        if conditional:
            headers = [h for h in scope["headers"] if h[0] != b"if-none-match"]
            inner = {**scope, "headers": headers}
        start: Message | None = None
        chunks: list[bytes] = []
        held: list[Message] = []
        kept: list[Answer] = []

        async def capture(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                tag = next((v for n, v in headers if n.lower() == MARKER), None)
                if tag is not None:
                    message = {**message, "headers": [h for h in headers if h[0] != MARKER]}
                    if message["status"] == 200 and (user_id is None or tag == user_id.encode()):
                        start = {**message, "tag": tag.decode()}
            elif message["type"] == "http.response.body" and start is not None:
                chunks.append(message.get("body", b""))
                if not message.get("more_body", False):
                    kept.append(_keep(memory, key, start, b"".join(chunks), since))
            if conditional:
                held.append(message)
            else:
                await send(message)

        await self.app(inner, receive, capture)
        if conditional and kept and start is not None:
            request_id = header_value(start["headers"], b"x-request-id").decode()
            await _answer(scope, send, kept[0], route, user_id, request_id=request_id)
        else:
            for message in held:
                await send(message)


def _checked_user(scope: Scope) -> str | None:
    """The user of a bearer access token this process fully checked and nothing revoked."""
    token = bearer_token(header_value(scope["headers"], b"authorization").decode("latin-1"))
    if not token or api_keys.is_api_key(token):
        return None
    try:
        claims = decode_access_token(token)
    except DomainError:
        return None  # the normal path answers with the right error
    return auth_memo.user_of(claims)


def _keep(memory: invalidation.Memo, key: str, start: Message, body: bytes, since: int) -> Answer:
    headers = [(n.lower(), v) for n, v in start["headers"] if n.lower() not in _NOT_KEPT]
    answer = Answer(headers, body)
    if len(body) <= MAX_BODY_BYTES:
        memory.put(key, answer, tags=(start["tag"],), since=since)
    return answer


async def _answer(
    scope: Scope,
    send: Send,
    answer: Answer,
    route: str,
    user_id: str | None,
    *,
    request_id: str | None = None,
) -> None:
    """Send ``answer`` (a 304 when the client has it); with ``request_id``, the request went
    through the normal path, which already counted and logged it."""
    started = time.perf_counter()
    counted = request_id is not None
    request_id = request_id or str(ULID())
    headers = [*answer.headers, (b"x-request-id", request_id.encode())]
    status, body = 200, answer.body
    if answer.etag and header_value(scope["headers"], b"if-none-match") == answer.etag:
        status, body = 304, b""
        headers = [(n, v) for n, v in headers if n not in _SKIP_ON_304]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
    if counted:
        return
    record_request(
        "GET",
        route,
        status,
        time.perf_counter() - started,
        user_id,
        log_line=get_settings().log_memory_answers,
        request_id=request_id,
        memory=True,
    )
