"""Lock pile-ups: a request that needs a row or table another transaction holds gives up after
``CVAPP_DATABASE_LOCK_TIMEOUT_SECONDS`` with a clean 503 + Retry-After (instead of holding a
connection and a worker until the lock goes away), and succeeds once it is released.
Migrations keep waiting as long as they must: they do not get the app's lock timeout.

PostgreSQL only (SQLite has no row locks; its busy timeout is its own).
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import psycopg
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text
from sqlmodel import Session

from cvapp.db import get_engine
from cvapp.settings import get_settings
from tests.hardening.support import Account, make_account
from tests.services import needs_postgres

pytestmark = [pytest.mark.faults, pytest.mark.timeout(120), needs_postgres]
V1 = "/api/v1"
LOCK_TIMEOUT = 0.5
# The answer must come soon after the lock timeout, not when the lock is released.
MARGIN = 3.0
ROOT = Path(__file__).resolve().parents[2]


def _use_settings() -> None:
    """Rebuild settings and the engine from the environment (the old pool is closed)."""
    get_engine().dispose()
    get_engine.cache_clear()
    get_settings.cache_clear()


@contextmanager
def _lock_timeout_env(seconds: float) -> Iterator[None]:
    name = "CVAPP_DATABASE_LOCK_TIMEOUT_SECONDS"
    before = os.environ.get(name)
    os.environ[name] = str(seconds)
    _use_settings()
    try:
        yield
    finally:
        if before is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = before
        _use_settings()


@pytest.fixture
def short_lock_timeout() -> Iterator[None]:
    """The app's engine with a lock timeout of LOCK_TIMEOUT seconds."""
    with _lock_timeout_env(LOCK_TIMEOUT):
        yield


@contextmanager
def _holder() -> Iterator[psycopg.Connection[Any]]:
    """A separate plain connection (no lock timeout) to hold locks in; rolled back at the end."""
    url = get_engine().url.set(drivername="postgresql")
    with psycopg.connect(url.render_as_string(hide_password=False)) as conn:
        try:
            yield conn
        finally:
            conn.rollback()


def _timed(call: Any, holder: psycopg.Connection[Any]) -> tuple[httpx.Response, float]:
    """``call()``'s answer and how long it took; fails (releasing the lock, so the request
    can end) if no answer came within the lock timeout and the margin."""
    answers: list[httpx.Response] = []
    started = time.monotonic()
    request = threading.Thread(target=lambda: answers.append(call()), daemon=True)
    request.start()
    request.join(timeout=LOCK_TIMEOUT + MARGIN)
    elapsed = time.monotonic() - started
    if request.is_alive():
        holder.rollback()
        request.join(timeout=30)
        pytest.fail(f"no answer {elapsed:.1f} s into the lock wait: the request queued on it")
    return answers[0], elapsed


def _assert_busy(response: httpx.Response, elapsed: float) -> None:
    assert response.status_code == 503, response.text
    assert int(response.headers["Retry-After"]) >= 1
    error = response.json()["error"]
    assert error["code"] == "SERVICE_UNAVAILABLE", error
    assert "locked by another operation" in error["message"], error
    assert "Traceback" not in response.text
    # It waited for the lock (the lock did block it), then gave up on time.
    assert LOCK_TIMEOUT * 0.8 <= elapsed <= LOCK_TIMEOUT + MARGIN, elapsed


def _waiting_backends(holder: psycopg.Connection[Any]) -> int:
    row = holder.execute(
        "SELECT count(*) FROM pg_stat_activity"
        " WHERE datname = current_database() AND wait_event_type = 'Lock'"
    ).fetchone()
    return int(row[0]) if row else 0


def test_the_app_connections_get_the_lock_timeout(short_lock_timeout: None) -> None:
    with get_engine().connect() as conn:
        assert conn.execute(text("SHOW lock_timeout")).scalar() == "500ms"


# ``short_lock_timeout`` before ``session``: the session must use the engine with the lock
# timeout, and go back to its pool before that engine is disposed (a connection left in the
# pool of an engine nobody holds any more is closed by the garbage collector, which warns).
def test_a_locked_profile_row_answers_503_soon_then_the_change_goes_through(
    api: TestClient, short_lock_timeout: None, session: Session
) -> None:
    account = make_account(session, needs=("slug",))
    session.close()
    change = {"headline": "Staff engineer"}

    def patch() -> httpx.Response:
        return api.patch(f"{V1}/profiles/me", json=change, headers=account.headers)

    with _holder() as holder:
        holder.execute(
            "SELECT id FROM profiles WHERE user_id = %s FOR UPDATE", (account.user.id,)
        ).fetchall()
        response, elapsed = _timed(patch, holder)
        _assert_busy(response, elapsed)
        # The request's statement was cancelled: nothing is left waiting on the lock.
        assert _waiting_backends(holder) == 0
        holder.rollback()
    answer = patch()
    assert answer.status_code == 200, answer.text
    assert answer.json()["headline"] == "Staff engineer"


def test_a_table_locked_by_ddl_answers_503_on_reads_then_recovers(
    api: TestClient, short_lock_timeout: None, session: Session
) -> None:
    account: Account = make_account(session, needs=("cv_id",))
    session.close()
    url = f"{V1}/cvs/{account.ids['cv_id']}"
    with _holder() as holder:
        holder.execute("LOCK TABLE cv_versions IN ACCESS EXCLUSIVE MODE")  # as ALTER TABLE does
        response, elapsed = _timed(lambda: api.get(url, headers=account.headers), holder)
        _assert_busy(response, elapsed)
        holder.rollback()
    assert api.get(url, headers=account.headers).status_code == 200


def test_a_request_waits_for_a_lock_shorter_than_the_timeout(
    api: TestClient, session: Session
) -> None:
    """The default (5 s) lets ordinary short lock waits through: no spurious 503."""
    account = make_account(session, needs=("slug",))
    session.close()
    assert get_settings().database_lock_timeout_seconds == 5.0
    with _holder() as holder:
        holder.execute(
            "SELECT id FROM profiles WHERE user_id = %s FOR UPDATE", (account.user.id,)
        ).fetchall()
        release = threading.Timer(1.0, holder.rollback)
        release.start()
        started = time.monotonic()
        response = api.patch(
            f"{V1}/profiles/me", json={"headline": "Waited"}, headers=account.headers
        )
        elapsed = time.monotonic() - started
        release.join()
    assert response.status_code == 200, response.text
    assert elapsed >= 0.8, elapsed  # it did wait for the lock


def test_migrations_wait_for_locks_longer_than_the_app_timeout() -> None:
    """``alembic upgrade`` builds its own engine: a lock held past the app's timeout delays
    it but does not fail it."""
    from alembic import command
    from alembic.config import Config

    config = Config(str(ROOT / "alembic.ini"))
    config.set_main_option("script_location", str(ROOT / "alembic"))
    config.attributes["configure_logger"] = False
    with _lock_timeout_env(0.2), _holder() as holder:
        holder.execute("LOCK TABLE alembic_version IN ACCESS EXCLUSIVE MODE")
        release = threading.Timer(1.5, holder.rollback)
        release.start()
        try:
            started = time.monotonic()
            command.upgrade(config, "head")
            elapsed = time.monotonic() - started
        finally:
            release.cancel()
            release.join()
    assert elapsed >= 1.2, elapsed  # it waited on the lock, well past the 0.2 s timeout
