"""Key/value cache with TTL: Redis when configured, in-process otherwise.

Redis being down never fails a request: a read is a miss, a write is skipped.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

import redis
import structlog

from cvapp.observability import metrics
from cvapp.redis_client import get_redis

log = structlog.get_logger(__name__)

_local: dict[str, tuple[float, bytes]] = {}
_lock = threading.Lock()
_PREFIX = "cvapp:cache:"


def _count(key: str, value: bytes | None) -> bytes | None:
    metrics.CACHE.labels(key.split(":", 1)[0], "hit" if value is not None else "miss").inc()
    return value


def get(key: str) -> bytes | None:
    """The cached value, or None on a miss; the key's first ``:`` part names the cache."""
    return _count(key, _get(key))


def _get(key: str) -> bytes | None:
    client = get_redis()
    if client is not None:
        try:
            value = client.get(_PREFIX + key)
            return value if isinstance(value, bytes) else None
        except redis.RedisError as exc:
            log.warning("cache_unavailable", op="get", error=str(exc))
            return None
    with _lock:
        entry = _local.get(key)
        if entry is None:
            return None
        expires, value = entry
        if expires < time.monotonic():
            _local.pop(key, None)
            return None
        return value


def set(key: str, value: bytes, ttl_seconds: int) -> None:  # noqa: A001 - mirrors Redis
    client = get_redis()
    if client is not None:
        try:
            client.set(_PREFIX + key, value, ex=ttl_seconds)
        except redis.RedisError as exc:
            log.warning("cache_unavailable", op="set", error=str(exc))
        return
    with _lock:
        _local[key] = (time.monotonic() + ttl_seconds, value)


def delete(*keys: str) -> None:
    client = get_redis()
    if client is not None:
        try:
            if keys:
                client.delete(*[_PREFIX + k for k in keys])
        except redis.RedisError as exc:
            log.warning("cache_unavailable", op="delete", error=str(exc))
        return
    with _lock:
        for key in keys:
            _local.pop(key, None)


def delete_matching(predicate: Callable[[str, bytes], bool]) -> int:
    """Delete every entry whose key and value satisfy ``predicate``; returns how many.

    A full scan (Redis ``SCAN``, never ``KEYS``): for rare clean-ups such as purging an account.
    """
    client = get_redis()
    if client is None:
        with _lock:
            doomed = [key for key, (_, value) in _local.items() if predicate(key, value)]
            for key in doomed:
                _local.pop(key, None)
        return len(doomed)
    deleted = 0
    for raw_key in client.scan_iter(match=_PREFIX + "*", count=500):
        key = raw_key.decode() if isinstance(raw_key, bytes) else str(raw_key)
        value = client.get(raw_key)
        if isinstance(value, bytes) and predicate(key[len(_PREFIX) :], value):
            client.delete(raw_key)
            deleted += 1
    return deleted


def clear_local() -> None:
    """Forget the in-process cache (tests)."""
    with _lock:
        _local.clear()
