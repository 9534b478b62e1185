"""The one error envelope: every failure, whatever raised it, answers in this shape."""

from __future__ import annotations

from typing import Any

import structlog
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import DataError, DBAPIError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from starlette.exceptions import HTTPException as StarletteHTTPException

from cvapp.errors import DomainError
from cvapp.storage import StorageError

log = structlog.get_logger(__name__)

_HTTP_CODES = {
    400: "BAD_REQUEST",
    401: "UNAUTHENTICATED",
    403: "FORBIDDEN",
    404: "NOT_FOUND",
    405: "METHOD_NOT_ALLOWED",
    409: "CONFLICT",
    412: "PRECONDITION_FAILED",
    413: "PAYLOAD_TOO_LARGE",
    415: "UNSUPPORTED_MEDIA_TYPE",
    422: "VALIDATION_ERROR",
    429: "RATE_LIMITED",
    503: "SERVICE_UNAVAILABLE",
}


def envelope(
    status: int,
    code: str,
    message: str,
    details: list[dict[str, Any]] | None = None,
    headers: dict[str, str] | None = None,
) -> JSONResponse:
    """A JSON error response in the contract's shape."""
    body = {"error": {"code": code, "message": message, "details": details or []}}
    return JSONResponse(body, status_code=status, headers=headers)


def _field_of(loc: tuple[Any, ...]) -> str:
    # Only the first part says where (a field may be called "header" too: design.header).
    where = 1 if loc and loc[0] in ("body", "query", "path", "header", "cookie") else 0
    parts = [str(p) for p in loc[where:]]
    return ".".join(parts) or str(loc[0] if loc else "")


# PostgreSQL refuses NUL in text (psycopg, before sending) and in JSON (22P05): bad input.
_NUL_SQLSTATE = "22P05"
_NUL_MESSAGE = "NUL (0x00)"
DB_RETRY_AFTER = "5"


def _refuses_nul(exc: DBAPIError) -> bool:
    orig = exc.orig
    return getattr(orig, "sqlstate", None) == _NUL_SQLSTATE or _NUL_MESSAGE in str(orig)


# lock_timeout (cvapp.db): 55P03 lock_not_available, "canceling statement due to lock timeout".
_LOCK_NOT_AVAILABLE = "55P03"
LOCK_RETRY_AFTER = "2"


def _lock_timed_out(exc: DBAPIError) -> bool:
    """A statement that gave up waiting for a lock another transaction holds (the database
    is up, the data is busy): worth trying again shortly, not a crash."""
    return getattr(exc.orig, "sqlstate", None) == _LOCK_NOT_AVAILABLE


def _database_down(exc: DBAPIError) -> bool:
    """Lost, refused or killed connections: the database is (for now) out of reach."""
    return isinstance(exc, OperationalError) or exc.connection_invalidated


def _crash_response(request: Request, exc: Exception) -> JSONResponse:
    request_id = getattr(request.state, "request_id", "")
    log.exception("unhandled_error", request_id=request_id, path=request.url.path)
    return envelope(
        500,
        "INTERNAL_ERROR",
        "An unexpected error occurred",
        [{"field": "request_id", "message": request_id}],
        {"X-Request-ID": request_id},
    )


def install_error_handlers(app: FastAPI) -> None:
    """Map domain errors, HTTP errors, validation errors and crashes to the envelope."""

    @app.exception_handler(DomainError)
    async def _domain(_: Request, exc: DomainError) -> JSONResponse:
        return envelope(exc.status, exc.code, exc.message, exc.details, exc.headers)

    @app.exception_handler(RequestValidationError)
    async def _validation(_: Request, exc: RequestValidationError) -> JSONResponse:
        details = [
            {"field": _field_of(tuple(err.get("loc", ()))), "message": err.get("msg", "")}
            for err in exc.errors()
        ]
        return envelope(422, "VALIDATION_ERROR", "Invalid input data", details)

    @app.exception_handler(StarletteHTTPException)
    async def _http(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        code = _HTTP_CODES.get(exc.status_code, "HTTP_ERROR")
        message = exc.detail if isinstance(exc.detail, str) else code.replace("_", " ").title()
        return envelope(exc.status_code, code, message, headers=getattr(exc, "headers", None))

    @app.exception_handler(DBAPIError)
    async def _database(request: Request, exc: DBAPIError) -> JSONResponse:
        if isinstance(exc, DataError) and _refuses_nul(exc):
            detail = {"field": "body", "message": "Text may not contain NUL (\\u0000) characters"}
            return envelope(422, "VALIDATION_ERROR", "Invalid input data", [detail])
        if _lock_timed_out(exc):
            return _busy(request, exc)
        if _database_down(exc):
            return _unavailable(request, exc)
        return _crash_response(request, exc)

    @app.exception_handler(PoolTimeout)
    @app.exception_handler(StorageError)
    async def _unavailable_now(request: Request, exc: Exception) -> JSONResponse:
        return _unavailable(request, exc)

    @app.exception_handler(Exception)
    async def _crash(request: Request, exc: Exception) -> JSONResponse:
        return _crash_response(request, exc)


def _unavailable(
    request: Request,
    exc: Exception,
    *,
    cause: object = None,
    event: str = "dependency_unavailable",
    message: str = "The service is temporarily unavailable; try again shortly",
    retry_after: str = DB_RETRY_AFTER,
) -> JSONResponse:
    """503 for a dependency that failed (database, storage): worth trying again shortly; the
    pool pings a connection before lending it, so a dropped database connection is replaced."""
    error = (str(exc if cause is None else cause).splitlines() or [type(exc).__name__])[0]
    log.warning(event, path=request.url.path, error=error)
    return envelope(503, "SERVICE_UNAVAILABLE", message, headers={"Retry-After": retry_after})


def _busy(request: Request, exc: DBAPIError) -> JSONResponse:
    """503 for a lock wait over the lock timeout: another transaction (a long job, a
    migration, a stuck session) holds what this request needs; the request gave up rather
    than queue behind it, and nothing it did was kept (its transaction is rolled back)."""
    return _unavailable(
        request,
        exc,
        cause=exc.orig,
        event="database_lock_timeout",
        message="What this request needs is locked by another operation; try again shortly",
        retry_after=LOCK_RETRY_AFTER,
    )
