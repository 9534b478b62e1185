"""Liveness and readiness."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from fastapi.responses import JSONResponse
from sqlalchemy import text

from cvapp.api.errors import envelope
from cvapp.db import get_engine
from cvapp.redis_client import get_redis
from cvapp.storage import get_storage

router = APIRouter(tags=["system"])


@router.get("/health")
def health() -> dict[str, str]:
    """Liveness: the process answers."""
    return {"status": "ok"}


def _check(fn: Any) -> str | None:
    try:
        fn()
    except Exception as exc:  # any failure means "not ready"; say which
        return f"{type(exc).__name__}: {exc}"[:300]
    return None


def _db() -> None:
    with get_engine().connect() as connection:
        connection.execute(text("SELECT 1"))


def _redis() -> None:
    client = get_redis()
    if client is not None:
        client.ping()


@router.get("/ready", responses={503: {"description": "A dependency is down"}})
def ready() -> JSONResponse:
    """Readiness: the database, Redis (when configured) and storage answer."""
    checks = {"database": _check(_db), "storage": _check(lambda: get_storage().check())}
    if get_redis() is not None:
        checks["redis"] = _check(_redis)
    failed = [{"field": name, "message": err} for name, err in checks.items() if err]
    if failed:
        return envelope(503, "SERVICE_UNAVAILABLE", "Not ready", failed)
    return JSONResponse({"status": "ready", "checks": {name: "ok" for name in checks}})
