"""Redis going away while the app serves: pages and the API keep answering from the database,
rate limits fail open (see ``cvapp.ratelimit``), a sign-out still holds, and when Redis is
back the app uses it again without serving anything stale.

The app under test is this process's, pointed at a ``redis-server`` of our own (never the
machine's shared one) that the test kills and restarts, or freezes (SIGSTOP: the server is
there but answers nothing, as in a network partition) and thaws.
"""

from __future__ import annotations

import signal
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
import redis
from fastapi.testclient import TestClient
from sqlmodel import Session

from cvapp import ratelimit, redis_client
from cvapp.redis_client import get_redis
from cvapp.settings import get_settings
from tests.hardening.processes import RedisServer, redis_server, wait_until
from tests.hardening.support import PASSWORD, Account, make_account
from tests.services import needs_redis_server

pytestmark = [pytest.mark.faults, needs_redis_server]
V1 = "/api/v1"
SLOW = 3.0  # seconds: no request may take longer while Redis is gone


@pytest.fixture
def app_redis() -> Iterator[RedisServer]:
    """The app's Redis (cache, rate limits, blacklist) is ours for this test."""
    settings = get_settings()
    original = settings.redis_url
    with redis_server() as server:
        settings.redis_url = server.url
        get_redis.cache_clear()
        ratelimit.reset()
        try:
            yield server
        finally:
            settings.redis_url = original
            get_redis.cache_clear()
            ratelimit.reset()
            redis_client.mark_up()


def _timed(send: Any, *args: Any, **kwargs: Any) -> httpx.Response:
    started = time.monotonic()
    response: httpx.Response = send(*args, **kwargs)
    elapsed = time.monotonic() - started
    assert elapsed < SLOW, f"{args[0]} took {elapsed:.1f} s"
    return response


def _page(api: TestClient, account: Account) -> str:
    response = _timed(api.get, f"/p/{account.slug}")
    assert response.status_code == 200
    return response.text


def _cached_keys(server: RedisServer) -> list[bytes]:
    return list(redis.Redis.from_url(server.url).scan_iter("cvapp:cache:public:*"))


def _edit_headline(api: TestClient, account: Account, headline: str) -> None:
    changed = _timed(
        api.patch, f"{V1}/profiles/me", json={"headline": headline}, headers=account.headers
    )
    assert changed.status_code == 200, changed.text


def _login(api: TestClient, account: Account) -> int:
    body = {"email": account.user.email, "password": PASSWORD}
    return _timed(api.post, f"{V1}/auth/login", json=body).status_code


def test_without_redis_everything_answers_and_it_recovers(
    api: TestClient, session: Session, app_redis: RedisServer
) -> None:
    account = make_account(session, needs=("slug",))
    _page(api, account)
    assert _cached_keys(app_redis)

    app_redis.stop()
    assert "Engineer" in _page(api, account)
    _edit_headline(api, account, "Staff engineer")
    assert "Staff engineer" in _page(api, account)
    me = _timed(api.get, f"{V1}/profiles/me", headers=account.headers)
    assert me.status_code == 200
    # Rate limits fail open: more sign-ins than the 10 a minute allowed go through.
    assert {_login(api, account) for _ in range(12)} == {200}
    not_ready = _timed(api.get, f"{V1}/ready")
    assert not_ready.status_code == 503
    assert [d["field"] for d in not_ready.json()["error"]["details"]] == ["redis"]
    # A sign-out still holds: the blacklist and the session live in the database.
    assert _timed(api.post, f"{V1}/auth/logout", headers=account.headers).status_code == 204
    revoked = _timed(api.get, f"{V1}/profiles/me", headers=account.headers)
    assert (revoked.status_code, revoked.json()["error"]["code"]) == (401, "TOKEN_REVOKED")

    app_redis.start()  # the same port, empty; used again after the client's cool-down
    wait_until(
        lambda: api.get(f"{V1}/ready").status_code == 200,
        timeout=redis_client.COOL_DOWN_SECONDS + 5,
        what="the app to use Redis again",
    )
    assert "Staff engineer" in _page(api, account)
    assert _cached_keys(app_redis)  # the cache is used again
    statuses = [_login(api, account) for _ in range(11)]
    assert statuses[-1] == 429  # and so are the rate limits


def test_a_frozen_redis_is_waited_for_briefly_and_nothing_stale_is_served_after(
    api: TestClient, session: Session, app_redis: RedisServer
) -> None:
    account = make_account(session, needs=("slug",))
    assert "Engineer" in _page(api, account)
    assert app_redis.process is not None
    app_redis.process.send_signal(signal.SIGSTOP)
    try:
        _edit_headline(api, account, "Principal engineer")  # the page's cache entry stays
        assert "Principal engineer" in _page(api, account)
        me = _timed(api.get, f"{V1}/profiles/me", headers=account.headers)
        assert me.status_code == 200
    finally:
        app_redis.process.send_signal(signal.SIGCONT)
    redis_client.mark_up()  # as the cool-down would, a few seconds later
    assert _cached_keys(app_redis)  # the entry written before the edit is back in reach...
    assert "Principal engineer" in _page(api, account)  # ...but is not served
