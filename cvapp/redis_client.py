"""The shared Redis client, when CVAPP_REDIS_URL is set (None on the embedded default).

Redis only speeds things up here (cache, rate limits, the blacklist's fast path), so an
unreachable Redis must not slow every request down: after a connection error or timeout the
client fails fast for ``COOL_DOWN_SECONDS`` (callers treat that like any Redis error and go
to the database, or fail open), then tries the server again. Without this, a Redis that hangs
(a network partition) would cost each command its full socket timeout.
"""

from __future__ import annotations

import threading
import time
from functools import lru_cache
from typing import Any

import redis
import structlog

from cvapp.settings import get_settings

log = structlog.get_logger(__name__)

COOL_DOWN_SECONDS = 5.0
_down_until = 0.0
_lock = threading.Lock()


def available() -> bool:
    """False while Redis is cooling down after a failure (skip it, do not wait for it)."""
    return time.monotonic() >= _down_until


def mark_down(error: Exception) -> None:
    """Skip Redis for a while: it just failed to connect or to answer in time."""
    global _down_until
    with _lock:
        if available():
            log.warning("redis_unavailable", error=str(error), retry_in=COOL_DOWN_SECONDS)
        _down_until = time.monotonic() + COOL_DOWN_SECONDS


def mark_up() -> None:
    global _down_until
    _down_until = 0.0


class FailFastRedis(redis.Redis):
    """A client that refuses at once while Redis is cooling down."""

    def execute_command(self, *args: Any, **options: Any) -> Any:
        if not available():
            raise redis.ConnectionError("Redis is unavailable (cooling down)")
        try:
            return super().execute_command(*args, **options)  # type: ignore[no-untyped-call]
        except (redis.ConnectionError, redis.TimeoutError) as exc:
            mark_down(exc)
            raise


@lru_cache
def get_redis() -> redis.Redis | None:
    url = get_settings().redis_url
    if not url:
        return None
    return FailFastRedis.from_url(
        url, socket_timeout=1.0, socket_connect_timeout=1.0, health_check_interval=30
    )
