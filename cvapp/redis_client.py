"""The shared Redis client, when CVAPP_REDIS_URL is set (None on the embedded default).

Redis only speeds things up here (cache, rate limits, the blacklist's fast path), so an
unreachable Redis must not slow every request down: after a connection error or timeout the
client fails fast for ``COOL_DOWN_SECONDS`` (callers treat that like any Redis error and go
to the database, or fail open), then tries the server again. Without this, a Redis that hangs
(a network partition) would cost each command its full socket timeout. The cool-down is kept
per Redis URL: a failing server does not switch off a healthy one used for something else.
"""

from __future__ import annotations

import threading
import time
from functools import lru_cache
from typing import Any, cast

import redis
import structlog

from cvapp.settings import get_settings

log = structlog.get_logger(__name__)

COOL_DOWN_SECONDS = 5.0
# Until when each Redis (by URL) is skipped: one that fails does not switch off another, e.g.
# a dead rate-limit store a healthy cache server. "" is a client built without a URL.
_down_until: dict[str, float] = {}
_lock = threading.Lock()


def _app_key() -> str:
    """The cool-down key of the app's own Redis (``CVAPP_REDIS_URL``), the default one."""
    return get_settings().redis_url or ""


def available(url: str | None = None) -> bool:
    """False while the Redis at ``url`` (default: the app's) is cooling down after a failure
    (skip it, do not wait for it)."""
    key = _app_key() if url is None else url
    return time.monotonic() >= _down_until.get(key, 0.0)


def mark_down(error: Exception, url: str | None = None) -> None:
    """Skip the Redis at ``url`` (default: the app's) for a while: it just failed to connect
    or to answer in time."""
    key = _app_key() if url is None else url
    with _lock:
        if available(key):
            log.warning("redis_unavailable", error=str(error), retry_in=COOL_DOWN_SECONDS)
        _down_until[key] = time.monotonic() + COOL_DOWN_SECONDS


def mark_up(url: str | None = None) -> None:
    """Use the Redis at ``url`` again at once; without ``url``, every Redis (tests)."""
    with _lock:
        if url is None:
            _down_until.clear()
        else:
            _down_until.pop(url, None)


class FailFastRedis(redis.Redis):
    """A client that refuses at once while its Redis is cooling down."""

    cool_down_key = ""

    @classmethod
    def from_url(cls, url: str, **kwargs: Any) -> FailFastRedis:
        client = cast(FailFastRedis, super().from_url(url, **kwargs))
        client.cool_down_key = url
        return client

    def execute_command(self, *args: Any, **options: Any) -> Any:
        if not available(self.cool_down_key):
            raise redis.ConnectionError("Redis is unavailable (cooling down)")
        try:
            return super().execute_command(*args, **options)  # type: ignore[no-untyped-call]
        except (redis.ConnectionError, redis.TimeoutError) as exc:
            mark_down(exc, self.cool_down_key)
            raise


@lru_cache
def get_redis() -> redis.Redis | None:
    url = get_settings().redis_url
    if not url:
        return None
    return FailFastRedis.from_url(
        url, socket_timeout=1.0, socket_connect_timeout=1.0, health_check_interval=30
    )
