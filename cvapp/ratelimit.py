"""Abuse limits with the ``limits`` library: Redis storage when configured, memory otherwise.

Identifiers (IPs, emails) are keyed with an HMAC, so the store never holds them in clear.

If the store fails (Redis down or timing out), the limit **fails open**: the request goes on.
These limits only slow down guessing; the password hash cost and the per-account lockout kept
in the database still hold without them, whereas failing closed would turn a Redis outage into
an outage of sign-in, registration and password reset for everyone.
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import math
import threading
import time

import redis
import structlog
from limits import RateLimitItem, parse
from limits.storage import MemoryStorage, RedisStorage, Storage
from limits.strategies import MovingWindowRateLimiter

from cvapp.errors import RateLimited
from cvapp.redis_client import available as redis_available
from cvapp.redis_client import get_redis, mark_down
from cvapp.settings import get_settings

log = structlog.get_logger(__name__)

RULES: dict[str, RateLimitItem] = {
    "login_ip": parse("10/minute"),
    "login_email": parse("10/minute"),
    "register_ip": parse("5/hour"),
    "password_reset_email": parse("3/hour"),
    # One client asking resets for many addresses: mail bombing, probing.
    "password_reset_ip": parse("10/hour"),
    "verification_user": parse("3/hour"),
    "email_change_user": parse("3/hour"),
    "reauth_user": parse("10/minute"),
    "api_key": parse("300/minute"),
}

_limiter: MovingWindowRateLimiter | None = None
_lock = threading.Lock()


def _build_storage() -> Storage:
    client = get_redis()
    if client is None:
        return MemoryStorage()
    url = get_settings().redis_url or "redis://"
    return RedisStorage(url, connection_pool=client.connection_pool, key_prefix="cvapp:limits")


def _get_limiter() -> MovingWindowRateLimiter:
    global _limiter
    with _lock:
        if _limiter is None:
            _limiter = MovingWindowRateLimiter(_build_storage())
        return _limiter


def _key(value: str) -> str:
    secret = get_settings().secret_key.get_secret_value().encode()
    return hmac.new(secret, value.encode(), hashlib.sha256).hexdigest()[:32]


def limit_of(rule: str) -> RateLimitItem:
    """The limit of ``rule``: the operator's (``CVAPP_RATE_LIMITS``), else the default."""
    configured = get_settings().rate_limits.get(rule)
    return _parsed(configured) if configured else RULES[rule]


@functools.lru_cache(maxsize=32)
def _parsed(limit: str) -> RateLimitItem:
    """A configured limit, parsed once (``hit`` runs on every API-key request)."""
    return parse(limit)


def hit(rule: str, *identifiers: str) -> None:
    """Count one attempt against ``rule`` for ``identifiers``; over the limit → RateLimited."""
    item = limit_of(rule)
    keys = [_key(identifier) for identifier in identifiers]
    if get_redis() is not None and not redis_available():
        return  # Redis is cooling down after a failure: fail open without waiting for it
    try:
        limiter = _get_limiter()
        if limiter.hit(item, rule, *keys):
            return
        reset_at = limiter.get_window_stats(item, rule, *keys).reset_time
    except Exception as exc:  # the store is down: fail open (see the module docstring)
        log.warning("rate_limit_unavailable", rule=rule, error=str(exc))
        if isinstance(exc, redis.ConnectionError | redis.TimeoutError):
            mark_down(exc)
        return
    retry_after = max(1, math.ceil(reset_at - time.time()))
    raise RateLimited("Too many attempts. Please try again later.", retry_after=retry_after)


def clear(rule: str, *identifiers: str) -> None:
    """Forget the count of ``rule`` for ``identifiers`` (e.g. when an account is purged)."""
    keys = [_key(identifier) for identifier in identifiers]
    try:
        _get_limiter().clear(limit_of(rule), rule, *keys)
    except Exception as exc:  # the store is down: its windows expire on their own
        log.warning("rate_limit_unavailable", rule=rule, error=str(exc))


def reset() -> None:
    """Forget every count (tests); a Redis store is emptied with its database instead."""
    global _limiter
    with _lock:
        if _limiter is not None and isinstance(_limiter.storage, MemoryStorage):
            _limiter.storage.reset()
        _limiter = None
