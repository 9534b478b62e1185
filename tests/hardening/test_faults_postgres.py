"""PostgreSQL connections dropped under the app: a clean 503 envelope, then recovery without
a restart (the pool pings a connection before lending it and drops the dead ones).

Run against the test database only (``pg_terminate_backend`` on its backends, refusing new
connections to it for a moment); the database server itself is left alone.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import httpx
import psycopg
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text
from sqlmodel import Session

from cvapp.db import get_engine
from tests.hardening.processes import wait_until
from tests.hardening.support import Account, make_account
from tests.services import needs_postgres

pytestmark = [pytest.mark.faults, pytest.mark.timeout(120), needs_postgres]
V1 = "/api/v1"


@contextmanager
def _admin() -> Iterator[psycopg.Connection[Any]]:
    """A connection to the server's ``postgres`` database, to act on the test database."""
    url = get_engine().url.set(drivername="postgresql", database="postgres")
    with psycopg.connect(url.render_as_string(hide_password=False), autocommit=True) as conn:
        yield conn


def _terminate(admin: psycopg.Connection[Any], *, waiting_only: bool = False) -> int:
    condition = " AND wait_event_type = 'Lock'" if waiting_only else ""
    query = (
        "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
        " WHERE datname = %s AND pid <> pg_backend_pid()" + condition
    )
    row = admin.execute(query, (get_engine().url.database,)).fetchone()
    return int(row[0]) if row else 0


def _assert_unavailable(response: httpx.Response) -> None:
    assert response.status_code == 503, response.text
    assert response.headers["Retry-After"]
    error = response.json()["error"]
    assert error["code"] == "SERVICE_UNAVAILABLE" and "Traceback" not in response.text


def _profile(api: TestClient, account: Account) -> httpx.Response:
    return api.get(f"{V1}/profiles/me", headers=account.headers)


def test_idle_connections_killed_are_replaced_unnoticed(api: TestClient, session: Session) -> None:
    account = make_account(session, needs=())
    assert _profile(api, account).status_code == 200
    session.close()
    with _admin() as admin:
        assert _terminate(admin) >= 1
    assert _profile(api, account).status_code == 200


def test_a_connection_killed_mid_request_answers_503_then_recovers(
    api: TestClient, session: Session
) -> None:
    account = make_account(session, needs=("cv_id",))
    answers: list[httpx.Response] = []
    request = threading.Thread(
        target=lambda: answers.append(
            api.get(f"{V1}/cvs/{account.ids['cv_id']}", headers=account.headers)
        )
    )
    with get_engine().connect() as lock, _admin() as admin:
        lock.execute(text("LOCK TABLE cv_versions IN ACCESS EXCLUSIVE MODE"))
        request.start()
        wait_until(
            lambda: _terminate(admin, waiting_only=True),
            timeout=30,
            what="the request to wait on the lock, and its connection to be killed",
        )
        request.join(timeout=30)
        lock.rollback()
    _assert_unavailable(answers[0])
    assert api.get(f"{V1}/cvs/{account.ids['cv_id']}", headers=account.headers).status_code == 200


def test_a_database_that_refuses_connections_answers_503_then_recovers(
    api: TestClient, session: Session
) -> None:
    account = make_account(session, needs=())
    session.close()
    name = get_engine().url.database
    with _admin() as admin:
        admin.execute(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS false')
        try:
            _terminate(admin)
            _assert_unavailable(_profile(api, account))
            _assert_unavailable(
                api.post(f"{V1}/skills", json={"name": "Go"}, headers=account.headers)
            )
            assert api.get(f"{V1}/ready").status_code == 503
        finally:
            admin.execute(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS true')
    assert _profile(api, account).status_code == 200
    assert api.post(f"{V1}/skills", json={"name": "Go"}, headers=account.headers).status_code == 201
