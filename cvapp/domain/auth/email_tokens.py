"""Single-use tokens sent by mail: verification (48 h), reset (1 h), email change (24 h)."""

from __future__ import annotations

import secrets
from datetime import timedelta

from sqlalchemy import update
from sqlmodel import Session, col, select

from cvapp.domain.auth.refresh_tokens import hash_token
from cvapp.errors import ValidationFailed
from cvapp.models import EmailToken
from cvapp.models.base import utcnow

LIFETIMES = {
    "verify_email": timedelta(hours=48),
    "password_reset": timedelta(hours=1),
    "email_change": timedelta(hours=24),
}


def mint(session: Session, *, user_id: str, purpose: str, new_email: str | None = None) -> str:
    """A new token for ``purpose``; earlier unused ones of the same purpose stop working."""
    _spend_where(
        session,
        col(EmailToken.user_id) == user_id,
        col(EmailToken.purpose) == purpose,
    )
    plain = secrets.token_urlsafe(32)
    session.add(
        EmailToken(
            user_id=user_id,
            purpose=purpose,
            token_hash=hash_token(plain),
            new_email=new_email,
            expires_at=utcnow() + LIFETIMES[purpose],
        )
    )
    session.flush()
    return plain


def consume(session: Session, *, plain: str, purpose: str) -> EmailToken:
    """Spend a valid token (once); an unknown, used or expired one raises ValidationFailed."""
    token = session.exec(
        select(EmailToken).where(
            EmailToken.token_hash == hash_token(plain), EmailToken.purpose == purpose
        )
    ).first()
    if token is None or token.used_at is not None or token.expires_at <= utcnow():
        raise _invalid()
    if not _spend_where(session, col(EmailToken.id) == token.id):  # spent by a racing request
        raise _invalid()
    return token


def _invalid() -> ValidationFailed:
    return ValidationFailed.field("token", "This link is invalid or has expired")


def _spend_where(session: Session, *conditions: object) -> int:
    now = utcnow()
    result = session.execute(
        update(EmailToken)
        .where(*conditions, col(EmailToken.used_at).is_(None))  # type: ignore[arg-type]
        .values(used_at=now, updated_at=now)
        .execution_options(synchronize_session=False)
    )
    return int(result.rowcount)  # type: ignore[attr-defined]
