"""Recording and reading security events (logins, lockouts, credential changes…)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func
from sqlmodel import Session, col, select

from cvapp.models import AuditEvent


def record(
    session: Session, *, action: str, user_id: str | None, ip: str | None = None, **details: Any
) -> AuditEvent:
    """Add an audit event (``"<domain>.<what>"``, e.g. ``"auth.login"``) to the session."""
    event = AuditEvent(action=action, user_id=user_id, ip=(ip or None) and ip[:45], details=details)
    session.add(event)
    session.flush()
    return event


def list_events(
    session: Session, *, user_id: str, offset: int = 0, limit: int = 20
) -> tuple[list[AuditEvent], int]:
    """A page of the user's events, newest first, and how many there are in all."""
    mine = col(AuditEvent.user_id) == user_id
    total = session.exec(select(func.count()).select_from(AuditEvent).where(mine)).one()
    rows = session.exec(
        select(AuditEvent)
        .where(mine)
        .order_by(col(AuditEvent.created_at).desc(), col(AuditEvent.id).desc())
        .offset(offset)
        .limit(limit)
    ).all()
    return list(rows), int(total)
