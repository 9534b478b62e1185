"""Request ids, one structured log line per API request, Prometheus metrics and /metrics."""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable

import structlog
from fastapi import FastAPI, Request, Response
from ulid import ULID

from cvapp.observability import metrics
from cvapp.observability.logging import configure_logging

log = structlog.get_logger("cvapp.http")


def _route_template(request: Request) -> str:
    """The matched route's full path template (``/api/v1/jobs/{job_id}``), never the raw path."""
    context = request.scope.get("fastapi", {}).get("effective_route_context")
    path = getattr(context, "path", None) or getattr(request.scope.get("route"), "path", None)
    return str(path) if path else "unmatched"


def install_observability(app: FastAPI) -> None:
    """Add the request middleware and the ``/metrics`` endpoint."""
    configure_logging()

    @app.middleware("http")
    async def observe(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        rid = request.headers.get("x-request-id", "")[:64] or str(ULID())
        request.state.request_id = rid
        structlog.contextvars.bind_contextvars(request_id=rid)
        started = time.perf_counter()
        status = 500
        try:
            response = await call_next(request)
            status = response.status_code
            response.headers["X-Request-ID"] = rid
            return response
        finally:
            elapsed = time.perf_counter() - started
            route = _route_template(request)
            if route != "unmatched" or request.url.path.startswith("/api/"):
                metrics.HTTP_REQUESTS.labels(request.method, route, str(status)).inc()
                metrics.HTTP_LATENCY.labels(request.method, route).observe(elapsed)
                log.info(
                    "request",
                    method=request.method,
                    route=route,
                    status=status,
                    ms=round(elapsed * 1000, 1),
                    user_id=getattr(request.state, "user_id", None),
                )
            structlog.contextvars.unbind_contextvars("request_id")

    @app.get("/metrics", include_in_schema=False)
    def prometheus_metrics() -> Response:
        return Response(metrics.render(), media_type=metrics.CONTENT_TYPE)
