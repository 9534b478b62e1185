"""Request ids, one structured log line per API request, Prometheus metrics and /metrics."""

from __future__ import annotations

import hmac
import ipaddress
import time
from functools import cache
from typing import Any

import structlog
from fastapi import FastAPI, Request, Response
from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send
from ulid import ULID

from cvapp.api.http import bearer_token, header_value
from cvapp.errors import NotFound, Unauthenticated
from cvapp.observability import metrics
from cvapp.observability.logging import configure_logging
from cvapp.settings import get_settings

log = structlog.get_logger("cvapp.http")


def _route_template(scope: Scope) -> str:
    """The matched route's full path template (``/api/v1/jobs/{job_id}``), never the raw path."""
    context = scope.get("fastapi", {}).get("effective_route_context")
    path = getattr(context, "path", None) or getattr(scope.get("route"), "path", None)
    return str(path) if path else "unmatched"


class ObserveMiddleware:
    """Request id, metrics and one log line per request (plain ASGI: no extra task per call)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        rid = _header(scope, b"x-request-id")[:64] or str(ULID())
        state = scope.setdefault("state", {})
        state["request_id"] = rid
        structlog.contextvars.bind_contextvars(request_id=rid)
        started = time.perf_counter()
        status = 500

        async def send_with_request_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                MutableHeaders(scope=message)["X-Request-ID"] = rid
            await send(message)

        try:
            await self.app(scope, receive, send_with_request_id)
        finally:
            _record(scope, status, time.perf_counter() - started, state.get("user_id"))
            structlog.contextvars.unbind_contextvars("request_id")


def _header(scope: Scope, name: bytes) -> str:
    return header_value(scope["headers"], name).decode("latin-1")


def _record(scope: Scope, status: int, elapsed: float, user_id: str | None) -> None:
    route = _route_template(scope)
    if route == "unmatched" and not scope["path"].startswith("/api/"):
        return  # frontend files and pages: not ours to count
    record_request(scope["method"], route, status, elapsed, user_id)


def record_request(
    method: str,
    route: str,
    status: int,
    elapsed: float,
    user_id: str | None,
    *,
    log_line: bool = True,
    **fields: Any,
) -> None:
    """Count an answer in the request metrics and (``log_line``) log it as JSON."""
    requests, latency = _series(method, route, status)
    requests.inc()
    latency.observe(elapsed)
    if log_line:
        log.info(
            "request",
            method=method,
            route=route,
            status=status,
            ms=round(elapsed * 1000, 1),
            user_id=user_id,
            **fields,
        )


@cache
def _series(method: str, route: str, status: int) -> tuple[Any, Any]:
    """The request counter and latency histogram of a route (looked up once per process)."""
    return (
        metrics.HTTP_REQUESTS.labels(method, route, str(status)),
        metrics.HTTP_LATENCY.labels(method, route),
    )


def install_observability(app: FastAPI) -> None:
    """Add the request middleware and the ``/metrics`` endpoint."""
    configure_logging()
    app.add_middleware(ObserveMiddleware)

    @app.get("/metrics", include_in_schema=False)
    def prometheus_metrics(request: Request) -> Response:
        settings = get_settings()
        token = settings.metrics_token.get_secret_value() if settings.metrics_token else ""
        if token:
            sent = bearer_token(request.headers.get("authorization", "")) or ""
            if not hmac.compare_digest(sent.encode(), token.encode()):
                raise Unauthenticated("GET /metrics needs the metrics token (CVAPP_METRICS_TOKEN)")
        elif settings.env == "production" and not _from_private_network(request):
            raise NotFound("Not found")
        return Response(metrics.render(), media_type=metrics.CONTENT_TYPE)


def _from_private_network(request: Request) -> bool:
    """In production without a token, /metrics answers only a scraper on this machine or
    the private network that reaches it directly (not through a proxy, which would make
    every visitor look local)."""
    if any(name in request.headers for name in ("x-forwarded-for", "forwarded", "x-real-ip")):
        return False
    try:
        peer = ipaddress.ip_address(request.client.host if request.client else "")
    except ValueError:
        return False
    return peer.is_loopback or peer.is_private
