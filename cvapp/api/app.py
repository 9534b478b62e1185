"""The FastAPI application: /api/v1 routes, the error envelope, request ids."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import structlog
from fastapi import APIRouter, FastAPI, Request, Response
from ulid import ULID

from cvapp.api.errors import install_error_handlers
from cvapp.api.routes import jobs, system
from cvapp.errors import NotFound

API_PREFIX = "/api/v1"


def _v1_router() -> APIRouter:
    router = APIRouter(prefix=API_PREFIX)
    router.include_router(system.router)
    router.include_router(jobs.router)
    return router


def create_api() -> FastAPI:
    """Build the REST app; Reflex mounts itself underneath it."""
    app = FastAPI(
        title="cvapp API",
        version="1.0.0",
        openapi_url=f"{API_PREFIX}/openapi.json",
        docs_url=f"{API_PREFIX}/docs",
        redoc_url=None,
    )
    install_error_handlers(app)

    @app.middleware("http")
    async def request_id(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        rid = request.headers.get("x-request-id", "")[:64] or str(ULID())
        request.state.request_id = rid
        structlog.contextvars.bind_contextvars(request_id=rid)
        try:
            response = await call_next(request)
        finally:
            structlog.contextvars.unbind_contextvars("request_id")
        response.headers["X-Request-ID"] = rid
        return response

    app.include_router(_v1_router())

    @app.api_route(
        "/api/{path:path}",
        methods=["GET", "POST", "PUT", "PATCH", "DELETE"],
        include_in_schema=False,
    )
    def unknown_api_route(path: str) -> None:
        raise NotFound(f"No API route /api/{path}")

    return app
