"""The shared Redis client, when CVAPP_REDIS_URL is set (None on the embedded default)."""

from __future__ import annotations

from functools import lru_cache

import redis

from cvapp.settings import get_settings


@lru_cache
def get_redis() -> redis.Redis | None:
    url = get_settings().redis_url
    if not url:
        return None
    return redis.Redis.from_url(
        url, socket_timeout=1.0, socket_connect_timeout=1.0, health_check_interval=30
    )
