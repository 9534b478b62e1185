"""Engine and sessions. Services flush; the adapter (request, handler, actor) commits."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

from sqlalchemy import Engine, event
from sqlalchemy.engine import make_url
from sqlmodel import Session, create_engine

from cvapp.settings import get_settings


def make_engine(url: str, *, lock_timeout_seconds: float = 0) -> Engine:
    """An engine for ``url``; SQLite gets foreign keys on and a busy timeout, PostgreSQL
    ``lock_timeout_seconds`` (0: none) as its connections' ``lock_timeout``."""
    if url.startswith("sqlite"):
        database = make_url(url).database
        if database and database != ":memory:":
            Path(database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_connection, _record):  # type: ignore[no-untyped-def]
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.close()

        return engine
    connect_args = _lock_timeout_args(url, lock_timeout_seconds)
    return create_engine(
        url, pool_pre_ping=True, pool_size=10, max_overflow=20, connect_args=connect_args
    )


def _lock_timeout_args(url: str, seconds: float) -> dict[str, str]:
    """libpq ``options`` giving each PostgreSQL connection a ``lock_timeout``, set at connect
    time (no extra round trip, and no transaction a rollback could undo), after any
    ``options`` the URL already carries."""
    parsed = make_url(url)
    if seconds <= 0 or parsed.get_backend_name() != "postgresql":
        return {}
    milliseconds = max(1, round(seconds * 1000))
    given = parsed.query.get("options", "")
    given = given if isinstance(given, str) else " ".join(given)
    return {"options": f"{given} -c lock_timeout={milliseconds}".strip()}


@lru_cache
def get_engine() -> Engine:
    """The process-wide engine built from settings: a statement of the app (request, job)
    that waits over ``CVAPP_DATABASE_LOCK_TIMEOUT_SECONDS`` for a lock fails (the API
    answers 503) instead of holding its connection and worker while more requests queue up
    behind the same lock. Migrations (``alembic/env.py``) build an engine of their own,
    without a lock timeout: they may have to wait for long-running transactions."""
    settings = get_settings()
    return make_engine(
        settings.database_url, lock_timeout_seconds=settings.database_lock_timeout_seconds
    )


@contextmanager
def session_scope() -> Iterator[Session]:
    """A session that commits on success and rolls back on error."""
    with Session(get_engine(), expire_on_commit=False) as session:
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise


def get_session() -> Iterator[Session]:
    """FastAPI dependency: one session per request, committed when the route returns."""
    with session_scope() as session:
        yield session
