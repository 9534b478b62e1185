"""Sessions as refresh-token families: issue, rotate (spending the old token), revoke."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from sqlalchemy import update
from sqlmodel import Session, col, select

from cvapp.domain.auth import memo
from cvapp.domain.auth.schemas import AuthTokens
from cvapp.domain.auth.tokens import create_access_token
from cvapp.domain.events import publish
from cvapp.models import RefreshToken, User
from cvapp.models.base import as_utc, new_id, utcnow
from cvapp.settings import get_settings


def hash_token(token: str) -> str:
    """Tokens are random (256 bits), so a plain SHA-256 is enough to store them."""
    return hashlib.sha256(token.encode()).hexdigest()


def issue(
    session: Session,
    *,
    user: User,
    ip: str | None,
    user_agent: str | None,
    family_id: str | None = None,
) -> AuthTokens:
    """A new access token and refresh token, in ``family_id`` or a new family (a new session)."""
    settings = get_settings()
    plain = secrets.token_urlsafe(32)
    token = RefreshToken(
        user_id=user.id,
        family_id=family_id or new_id(),
        token_hash=hash_token(plain),
        expires_at=utcnow() + timedelta(days=settings.refresh_token_days),
        ip=(ip or None) and ip[:45],
        user_agent=(user_agent or None) and user_agent[:512],
    )
    session.add(token)
    session.flush()
    access = create_access_token(user_id=user.id, plan=user.plan, session_id=token.family_id)
    return AuthTokens(
        user=user,
        access_token=access,
        refresh_token=plain,
        expires_in=settings.access_token_minutes * 60,
        session_id=token.family_id,
    )


def find(session: Session, *, plain: str) -> RefreshToken | None:
    return session.exec(
        select(RefreshToken).where(RefreshToken.token_hash == hash_token(plain))
    ).first()


def spend(session: Session, *, token: RefreshToken) -> bool:
    """Mark ``token`` used, atomically: False when another request spent it first."""
    now = utcnow()
    result = session.execute(
        update(RefreshToken)
        .where(
            col(RefreshToken.id) == token.id,
            col(RefreshToken.used_at).is_(None),
            col(RefreshToken.revoked_at).is_(None),
        )
        .values(used_at=now, updated_at=now)
        .execution_options(synchronize_session=False)
    )
    return bool(result.rowcount)  # type: ignore[attr-defined]


def revoke_family(session: Session, *, family_id: str) -> int:
    """Revoke every token of one session; returns how many were still live."""
    memo.publish_revoked(session, f"sid:{family_id}")
    return _revoke(session, col(RefreshToken.family_id) == family_id)


def revoke_all(session: Session, *, user_id: str) -> int:
    """Revoke every session of a user (and, through ``auth.sessions_revoked``, what lives
    as long as a session: the data export's download links)."""
    memo.publish_revoked(session, f"user:{user_id}")
    publish(session, "auth.sessions_revoked", user_id=user_id)
    return _revoke(session, col(RefreshToken.user_id) == user_id)


def _revoke(session: Session, condition: object) -> int:
    now = utcnow()
    result = session.execute(
        update(RefreshToken)
        .where(condition, col(RefreshToken.revoked_at).is_(None))  # type: ignore[arg-type]
        .values(revoked_at=now, updated_at=now)
        .execution_options(synchronize_session=False)
    )
    return int(result.rowcount)  # type: ignore[attr-defined]


def is_active(session: Session, *, family_id: str) -> bool:
    """True while the session has a live refresh token (not spent, revoked or expired)."""
    return active_until(session, family_id=family_id) is not None


def active_until(session: Session, *, family_id: str) -> datetime | None:
    """When the session's live refresh token expires; None when it has none."""
    live = session.exec(
        select(RefreshToken.expires_at)
        .where(
            RefreshToken.family_id == family_id,
            col(RefreshToken.used_at).is_(None),
            col(RefreshToken.revoked_at).is_(None),
            col(RefreshToken.expires_at) > utcnow(),
        )
        .order_by(col(RefreshToken.expires_at).desc())
        .limit(1)
    ).first()
    return as_utc(live) if live is not None else None
