"""The access-token blacklist: a revoked ``jti`` is refused until the token expires anyway.

Every revocation is written to the ``revoked_access_tokens`` table (durable, shared by every
process) and, when Redis is configured, to Redis too, which then answers the per-request check
(the table answers it when Redis is not configured or fails). Logging out also revokes the
token's session, which every request checks in the database, so a revocation that Redis missed
still holds.
"""

from __future__ import annotations

import math
from datetime import UTC, datetime

import redis
import structlog
from sqlalchemy import delete
from sqlmodel import Session, col, select

from cvapp.domain.auth import memo
from cvapp.domain.events import after_commit
from cvapp.models import RevokedAccessToken
from cvapp.models.base import utcnow
from cvapp.redis_client import get_redis

log = structlog.get_logger(__name__)
_PREFIX = "cvapp:auth:revoked-jti:"


def revoke_access_token(session: Session, *, claims: dict[str, object]) -> None:
    """Blacklist the token with these (decoded) claims until its ``exp``."""
    jti, user_id = str(claims["jti"]), str(claims["sub"])
    expires_at = datetime.fromtimestamp(float(claims["exp"]), UTC)  # type: ignore[arg-type]
    if expires_at <= utcnow():
        return
    memo.publish_revoked(session, f"jti:{jti}")
    exists = session.exec(
        select(RevokedAccessToken.id).where(RevokedAccessToken.jti == jti)
    ).first()
    if exists is None:
        session.add(RevokedAccessToken(user_id=user_id, jti=jti, expires_at=expires_at))
        session.flush()
    ttl = max(1, math.ceil((expires_at - utcnow()).total_seconds()))
    after_commit(session, lambda: _remember(jti, ttl))


def _remember(jti: str, ttl: int) -> None:
    client = get_redis()
    if client is None:
        return
    try:
        client.set(_PREFIX + jti, b"1", ex=ttl)
    except redis.RedisError as exc:  # the table still has it
        log.warning("revocation_cache_unavailable", op="set", error=str(exc))


def is_revoked(session: Session, *, jti: str) -> bool:
    """True when the token was revoked (Redis first when configured, the table otherwise)."""
    client = get_redis()
    if client is not None:
        try:
            return bool(client.exists(_PREFIX + jti))
        except redis.RedisError as exc:
            log.warning("revocation_cache_unavailable", op="exists", error=str(exc))
    found = session.exec(
        select(RevokedAccessToken.id).where(
            RevokedAccessToken.jti == jti, col(RevokedAccessToken.expires_at) > utcnow()
        )
    ).first()
    return found is not None


def forget(jtis: list[str]) -> None:
    """Drop these tokens' Redis entries (their account is being purged)."""
    client = get_redis()
    if client is None or not jtis:
        return
    client.delete(*[_PREFIX + jti for jti in jtis])


def purge_expired(session: Session) -> int:
    """Delete blacklist rows whose tokens have expired (a periodic clean-up)."""
    result = session.execute(
        delete(RevokedAccessToken).where(col(RevokedAccessToken.expires_at) <= utcnow())
    )
    return int(result.rowcount)  # type: ignore[attr-defined]
