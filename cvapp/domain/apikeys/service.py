"""API keys: create (shown once), list, revoke, and authenticate a request with one.

A key is ``cvk_`` and 43 random URL-safe characters (256 bits); the database keeps its
SHA-256 and its first characters (``prefix``) so the owner can tell keys apart.
"""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from datetime import timedelta
from typing import Any

from sqlalchemy import func, update
from sqlmodel import Session, col, select

from cvapp import ratelimit
from cvapp.domain.apikeys.schemas import ApiKeyCreated, ApiKeyIn, ApiKeyView
from cvapp.domain.audit import service as audit
from cvapp.domain.auth.refresh_tokens import hash_token
from cvapp.domain.plans import service as plans
from cvapp.domain.plans.entitlements import for_plan
from cvapp.domain.plans.limits import plan_limit
from cvapp.domain.sections.fields import validate
from cvapp.errors import Conflict, Forbidden, NotFound, Unauthenticated
from cvapp.models import ApiKey, User
from cvapp.models.base import utcnow

KEY_PREFIX = "cvk_"
VISIBLE_CHARS = 12
MAX_ACTIVE_KEYS = 20
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
# Writing last_used_at on every request would turn reads into writes; a minute is precise enough.
LAST_USED_PRECISION = timedelta(minutes=1)


def is_api_key(token: str) -> bool:
    return token.startswith(KEY_PREFIX)


def _scopes(requested: list[str]) -> list[str]:
    """``write`` implies ``read``; stored in a fixed order."""
    wanted = set(requested) | ({"read"} if "write" in requested else set())
    return [scope for scope in ("read", "write") if scope in wanted]


def view(key: ApiKey, *, plan: str) -> ApiKeyView:
    active = key.revoked_at is None and for_plan(plan).api_access
    return ApiKeyView.model_validate({**key.model_dump(), "active": active})


def create_key(
    session: Session, *, user: User, data: ApiKeyIn | Mapping[str, Any], ip: str | None = None
) -> ApiKeyCreated:
    """A new key for an Expert user; the answer holds the full key, which is never kept."""
    values = validate(ApiKeyIn, data)
    plans.check(session, user_id=user.id, limit="api_access")
    live = session.exec(
        select(func.count())
        .select_from(ApiKey)
        .where(ApiKey.user_id == user.id, col(ApiKey.revoked_at).is_(None))
    ).one()
    if live >= MAX_ACTIVE_KEYS:
        raise Conflict(f"You have {MAX_ACTIVE_KEYS} active keys; revoke one first")
    plain = KEY_PREFIX + secrets.token_urlsafe(32)
    key = ApiKey(
        user_id=user.id,
        name=values.name,
        prefix=plain[:VISIBLE_CHARS],
        key_hash=hash_token(plain),
        scopes=_scopes(list(values.scopes)),
    )
    session.add(key)
    session.flush()
    audit.record(
        session, action="apikeys.created", user_id=user.id, ip=ip, key_id=key.id, name=key.name
    )
    return ApiKeyCreated.model_validate({**view(key, plan=user.plan).model_dump(), "key": plain})


def list_keys(
    session: Session, *, user: User, offset: int = 0, limit: int | None = None
) -> tuple[list[ApiKeyView], int]:
    """The user's keys, newest first (revoked ones included, for the record)."""
    mine = col(ApiKey.user_id) == user.id
    total = session.exec(select(func.count()).select_from(ApiKey).where(mine)).one()
    rows = session.exec(
        select(ApiKey)
        .where(mine)
        .order_by(col(ApiKey.created_at).desc(), col(ApiKey.id).desc())
        .offset(offset)
        .limit(limit)
    ).all()
    return [view(key, plan=user.plan) for key in rows], int(total)


def revoke_key(session: Session, *, user: User, key_id: str, ip: str | None = None) -> None:
    """Stop a key at once; someone else's key answers not found."""
    key = session.get(ApiKey, key_id)
    if key is None or key.user_id != user.id:
        raise NotFound("API key not found")
    if key.revoked_at is None:
        key.revoked_at = utcnow()
        session.add(key)
        session.flush()
        audit.record(session, action="apikeys.revoked", user_id=user.id, ip=ip, key_id=key.id)


def revoke_all(session: Session, *, user_id: str) -> int:
    """Revoke every key of a user (account deletion); returns how many were live."""
    now = utcnow()
    result = session.execute(
        update(ApiKey)
        .where(col(ApiKey.user_id) == user_id, col(ApiKey.revoked_at).is_(None))
        .values(revoked_at=now, updated_at=now)
        .execution_options(synchronize_session=False)
    )
    return int(result.rowcount)  # type: ignore[attr-defined]


def authenticate(session: Session, *, key: str, method: str) -> tuple[User, ApiKey]:
    """The user behind ``key`` for a request with ``method``, within the key's scopes.

    Unknown or revoked keys: 401; a plan without API access: 402; a read key on an unsafe
    method: 403; too many requests with this key: 429.
    """
    found = session.exec(select(ApiKey).where(ApiKey.key_hash == hash_token(key))).first()
    if found is None:
        raise Unauthenticated("Invalid API key")
    if found.revoked_at is not None:
        raise Unauthenticated("This API key was revoked")
    user = session.get(User, found.user_id)
    if user is None or user.deleted_at is not None:
        raise Unauthenticated("Invalid API key")
    if not for_plan(user.plan).api_access:
        raise plan_limit(user.plan, "api_access", why="API keys work on the Expert plan only.")
    needed = "read" if method.upper() in SAFE_METHODS else "write"
    if needed not in found.scopes:
        raise Forbidden(f"This API key has no {needed!r} scope")
    ratelimit.hit("api_key", found.id)
    _touch(session, key=found, user=user)
    return user, found


def _touch(session: Session, *, key: ApiKey, user: User) -> None:
    """Record the use (at most once a minute): the key's last use, the user's activity."""
    now = utcnow()
    if key.last_used_at is None or now - key.last_used_at >= LAST_USED_PRECISION:
        key.last_used_at = now
        user.last_active_at = now
        session.add_all([key, user])
        session.flush()
