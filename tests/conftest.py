"""Test set-up: real PostgreSQL and Redis when CVAPP_TEST_* is set, else SQLite + in-process.

The schema is built once by ``alembic upgrade head``; every test starts from empty tables.
"""

from __future__ import annotations

import atexit
import functools
import importlib
import os
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

TEST_DATABASE_URL = os.environ.get("CVAPP_TEST_DATABASE_URL")
TEST_REDIS_URL = os.environ.get("CVAPP_TEST_REDIS_URL")
REQUIRE_SERVICES = os.environ.get("CVAPP_REQUIRE_SERVICES") == "1"
WORKER = os.environ.get("PYTEST_XDIST_WORKER", "main")

_data_dir = Path(tempfile.mkdtemp(prefix="cvapp-test-"))
os.environ.update(
    {
        "CVAPP_ENV": "test",
        "CVAPP_DATA_DIR": str(_data_dir),
        "CVAPP_SECRET_KEY": "test-secret-key-that-is-long-enough-0123456789",
        "CVAPP_STORAGE_URL": f"file://{_data_dir / 'files'}",
        "CVAPP_BROKER": "memory",
        "CVAPP_LOG_JSON": "false",
        # Small Free limits (the defaults are 10 and 5), so reaching them costs a test little.
        "CVAPP_PLAN_FREE_CV_VERSIONS": "2",
        "CVAPP_PLAN_FREE_SHARE_LINKS": "1",
        # No background pre-rendering of PDFs after each edit (tests/api/test_prerender.py
        # turns it on): every test's edits would queue renders the next test waits for.
        "CVAPP_PRERENDER_DELAY_MS": "0",
        # The preview is rendered in the test's process (tests/test_previews.py tries the pool):
        # a render process sees none of a test's monkeypatches.
        "CVAPP_PREVIEW_PROCESSES": "0",
        # Cheap password hashes (4 ms instead of 140): a test signs up and in often, and the
        # cost is no part of what it checks (tests/domain/test_password_cost.py checks it).
        "CVAPP_ARGON2_MEMORY_KIB": "8192",
        "CVAPP_ARGON2_TIME_COST": "1",
        "CVAPP_ARGON2_PARALLELISM": "1",
    }
)
_OPERATOR_ONLY = (
    "CVAPP_REDIS_URL",
    "CVAPP_SMTP_HOST",
    "CVAPP_AI_BASE_URL",
    "CVAPP_AI_PROVIDER",
    "CVAPP_STRIPE_SECRET_KEY",
    "CVAPP_STRIPE_WEBHOOK_SECRET",
    "CVAPP_STRIPE_API_BASE",
)
for name in _OPERATOR_ONLY:
    os.environ.pop(name, None)


def _postgres_test_url(base_url: str) -> str:
    """Create a fresh database for this test process next to the configured one."""
    import psycopg
    from sqlalchemy.engine import make_url

    url = make_url(base_url)
    name = f"cvapp_test_{WORKER}_{os.getpid()}"
    admin = url.set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')

    def drop() -> None:
        from cvapp.db import get_engine

        get_engine().dispose()
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    atexit.register(drop)
    return url.set(database=name).render_as_string(hide_password=False)


if TEST_DATABASE_URL:
    os.environ["CVAPP_DATABASE_URL"] = _postgres_test_url(TEST_DATABASE_URL)
elif REQUIRE_SERVICES:
    raise RuntimeError("CVAPP_REQUIRE_SERVICES=1 but CVAPP_TEST_DATABASE_URL is not set")
else:
    os.environ["CVAPP_DATABASE_URL"] = f"sqlite:///{_data_dir / 'test.db'}"


def _redis_test_url(base_url: str) -> str:
    """This test process's Redis database: each test flushes its own, so xdist worker ``gwN``
    takes the configured database number plus N (the configured one alone without xdist)."""
    from urllib.parse import urlsplit

    offset = int(WORKER.removeprefix("gw")) if WORKER.startswith("gw") else 0
    if not offset:
        return base_url
    url = urlsplit(base_url)
    number = int(url.path.strip("/") or 0) + offset
    if number > 15:
        raise RuntimeError(
            f"xdist worker {WORKER} would use Redis database {number} (there are 0-15): "
            "lower the number in CVAPP_TEST_REDIS_URL or run fewer workers"
        )
    return url._replace(path=f"/{number}").geturl()


if TEST_REDIS_URL:
    # Tests that build a client of their own read the variable: they get this worker's database.
    TEST_REDIS_URL = os.environ["CVAPP_TEST_REDIS_URL"] = _redis_test_url(TEST_REDIS_URL)
    os.environ["CVAPP_REDIS_URL"] = TEST_REDIS_URL
elif REQUIRE_SERVICES:
    raise RuntimeError("CVAPP_REQUIRE_SERVICES=1 but CVAPP_TEST_REDIS_URL is not set")


def _migrate() -> None:
    from alembic import command
    from alembic.config import Config

    root = Path(__file__).resolve().parent.parent
    config = Config(str(root / "alembic.ini"))
    config.set_main_option("script_location", str(root / "alembic"))
    command.upgrade(config, "head")


_migrate()


def _empty_redis() -> None:
    """The test Redis database starts empty: a run that crashed must not leave its rate-limit
    counts (some per hour) or cache entries to the next one."""
    if TEST_REDIS_URL:
        import redis

        redis.Redis.from_url(TEST_REDIS_URL).flushdb()


_empty_redis()


def _empty_tables() -> None:
    from sqlalchemy import text
    from sqlalchemy.exc import OperationalError
    from sqlmodel import SQLModel

    import cvapp.models  # noqa: F401  (fills the metadata)
    from cvapp.db import get_engine

    engine = get_engine()
    deletions = [t.name for t in reversed(SQLModel.metadata.sorted_tables)]  # children first
    _settle_jobs()
    for attempt in range(5):
        try:
            with engine.begin() as conn:
                if engine.dialect.name == "postgresql":
                    # DELETE, not TRUNCATE: a test leaves a few rows, which DELETE removes in
                    # a millisecond where TRUNCATE rewrites every table's files (half a second
                    # a test); sequences (none today: ids are strings) restart as before.
                    statements = [f"DELETE FROM {name}" for name in deletions]
                    statements += [f"ALTER SEQUENCE {name} RESTART" for name in _sequences()]
                    conn.execute(text("; ".join(statements)))  # one round trip
                else:
                    for name in deletions:
                        conn.execute(text(f"DELETE FROM {name}"))
            return
        except OperationalError:  # a job a test left running holds a lock (or deadlocked us)
            if attempt == 4:
                raise
            time.sleep(0.2 * (attempt + 1))


@functools.cache
def _sequences() -> list[str]:
    """The PostgreSQL sequences of the test database, quoted."""
    from sqlalchemy import text

    from cvapp.db import get_engine

    query = "SELECT format('%I.%I', schemaname, sequencename) FROM pg_sequences"
    with get_engine().connect() as conn:
        return list(conn.execute(text(query)).scalars())


def _settle_jobs(timeout_ms: int = 5_000) -> None:
    """Let the in-process worker finish what a test queued without waiting for it."""
    from dramatiq import QueueJoinTimeout
    from dramatiq.brokers.stub import StubBroker

    jobs = importlib.import_module("cvapp.broker")  # the module, not its ``broker``

    if not isinstance(jobs.broker, StubBroker) or jobs._embedded_worker is None:
        return
    for queue in [name for name in list(jobs.broker.queues) if not name.endswith(".DQ")]:
        try:
            jobs.broker.join(queue, timeout=timeout_ms, fail_fast=False)
        except QueueJoinTimeout:
            return  # a job kept busy on purpose (a fault test): truncate anyway, with retries


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config: pytest.Config, log: object) -> object | None:
    """Under ``pytest -n N`` (make test) the browser tests go to one worker, which builds their
    servers once, and start first (the largest unit): they take longest, while the other
    workers share the rest test by test. (xdist's own ``--dist loadgroup`` does not group
    under pytest 9.2: it renames node ids through an attribute pytest no longer reads.)
    An explicit ``--dist`` other than the default ``load`` is left to xdist."""
    if config.getvalue("dist") != "load":
        return None
    from xdist.scheduler import LoadScopeScheduling

    class BrowserTestsTogether(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return "e2e" if nodeid.startswith("tests/e2e/") else nodeid

    return BrowserTestsTogether(config, log)  # type: ignore[arg-type]


@pytest.fixture(autouse=True)
def _clean_state() -> Iterator[None]:
    """Each test starts with empty tables, an empty cache and an empty Redis database."""
    from cvapp import cache, ratelimit, redis_client
    from cvapp.redis_client import get_redis

    redis_client.mark_up()  # a test that broke Redis on purpose must not leave it "cooling down"
    yield
    redis_client.mark_up()
    _empty_tables()
    cache.clear_local()
    ratelimit.reset()
    client = get_redis()
    if client is not None:
        client.flushdb()


@pytest.fixture
def session() -> Iterator[object]:
    """A session for arranging and checking data (commit to make it visible to the app)."""
    from sqlmodel import Session

    from cvapp.db import get_engine

    with Session(get_engine(), expire_on_commit=False) as db:
        yield db


@pytest.fixture(scope="session")
def api_app() -> object:
    """The REST app, built once for the run."""
    from cvapp.api.app import create_api

    return create_api()


@pytest.fixture
def api(api_app: object) -> Iterator[object]:
    """An HTTP client for the REST app (fresh cookies for every test)."""
    from fastapi.testclient import TestClient

    with TestClient(api_app, raise_server_exceptions=False) as client:  # type: ignore[arg-type]
        yield client
