"""With Redis down, rate limits fail open, revocations fall back to the database: no 500s."""

from __future__ import annotations

import pytest
import redis
from fastapi.testclient import TestClient
from limits.storage import RedisStorage
from limits.strategies import MovingWindowRateLimiter

from cvapp import cache, ratelimit
from cvapp.domain.auth import revocation
from tests.api.auth_support import _quiet_queue, bearer, login, register  # noqa: F401


@pytest.fixture
def redis_down(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every Redis the auth code talks to refuses connections."""
    dead_url = "redis://127.0.0.1:1/0"
    dead = redis.Redis.from_url(dead_url, socket_timeout=0.2, socket_connect_timeout=0.2)
    storage = RedisStorage(dead_url, connection_pool=dead.connection_pool)
    monkeypatch.setattr(ratelimit, "_limiter", MovingWindowRateLimiter(storage))
    monkeypatch.setattr(revocation, "get_redis", lambda: dead)
    monkeypatch.setattr(cache, "get_redis", lambda: dead)


def test_rate_limits_fail_open_when_redis_is_down(api: TestClient, redis_down: None) -> None:
    register(api)
    answers = [login(api, email=f"x{n}@example.org").status_code for n in range(12)]
    assert answers == [401] * 12  # no 429 (and no 500) although over the per-IP limit
    assert login(api).status_code == 200


def test_logout_still_revokes_when_redis_is_down(api: TestClient, redis_down: None) -> None:
    tokens = register(api)
    assert api.post("/api/v1/auth/logout", headers=bearer(tokens)).status_code == 204
    me = api.get("/api/v1/auth/me", headers=bearer(tokens))
    assert me.status_code == 401 and me.json()["error"]["code"] == "TOKEN_REVOKED"
