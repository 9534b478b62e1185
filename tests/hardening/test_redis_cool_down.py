"""The Redis cool-down (``cvapp.redis_client``) is kept per Redis URL: a Redis that fails
(say a separate rate-limit store) is skipped for a while, but a healthy one used for
something else keeps being used."""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator

import pytest
import redis

from cvapp import ratelimit, redis_client
from cvapp.errors import RateLimited
from cvapp.redis_client import FailFastRedis, get_redis
from tests.services import needs_redis


def _refused_url() -> str:
    """A Redis URL on a local port nothing listens on: connections are refused at once."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"redis://127.0.0.1:{port}/0"


@pytest.fixture
def app_redis() -> redis.Redis:
    client = get_redis()
    assert client is not None, "CVAPP_TEST_REDIS_URL is set: the app has a Redis"
    return client


@pytest.fixture
def dead() -> Iterator[FailFastRedis]:
    """A fail-fast client of a Redis that is down, after its first failure."""
    url = _refused_url()
    client = FailFastRedis.from_url(url, socket_timeout=0.5, socket_connect_timeout=0.5)
    with pytest.raises(redis.ConnectionError):
        client.ping()
    assert not redis_client.available(url)
    yield client
    client.close()


def test_a_failed_redis_cools_down_without_waiting_for_it(dead: FailFastRedis) -> None:
    started = time.monotonic()
    with pytest.raises(redis.ConnectionError, match="cooling down"):
        dead.get("key")
    assert time.monotonic() - started < 0.1
    redis_client.mark_up(dead.cool_down_key)
    assert redis_client.available(dead.cool_down_key)


@needs_redis
def test_a_failed_redis_does_not_switch_off_a_healthy_one(
    app_redis: redis.Redis, dead: FailFastRedis
) -> None:
    assert redis_client.available()  # the app's Redis is not cooling down
    assert app_redis.ping() is True
    app_redis.set("cvapp:test:cool-down", "1")
    assert app_redis.get("cvapp:test:cool-down") == b"1"
    # Rate limits (stored in the app's Redis) still count instead of failing open.
    with pytest.raises(RateLimited):
        for _ in range(11):
            ratelimit.hit("login_ip", "192.0.2.1")


@needs_redis
def test_the_default_key_is_the_app_redis(app_redis: redis.Redis) -> None:
    """``available()`` / ``mark_down()`` without a URL (as cvapp.ratelimit calls them) act on
    the app's Redis client; ``mark_up()`` without one (tests/conftest.py) clears them all."""
    other = _refused_url()
    redis_client.mark_down(RuntimeError("test"))
    redis_client.mark_down(RuntimeError("test"), other)
    with pytest.raises(redis.ConnectionError, match="cooling down"):
        app_redis.ping()
    ratelimit.hit("login_ip", "192.0.2.2")  # fails open at once while the app's Redis cools
    redis_client.mark_up()
    assert redis_client.available() and redis_client.available(other)
    assert app_redis.ping() is True
