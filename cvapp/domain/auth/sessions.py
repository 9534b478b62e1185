"""A user's signed-in devices (refresh-token families): list them, sign one or all out."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func
from sqlmodel import Session, col, select

from cvapp.domain.audit import service as audit
from cvapp.domain.auth import refresh_tokens
from cvapp.domain.auth.schemas import SessionInfo
from cvapp.errors import NotFound
from cvapp.models import RefreshToken
from cvapp.models.base import utcnow


def list_sessions(
    session: Session, *, user_id: str, current_session_id: str | None = None
) -> list[SessionInfo]:
    """The user's live sessions, most recently used first."""
    live = session.exec(
        select(RefreshToken)
        .where(
            RefreshToken.user_id == user_id,
            col(RefreshToken.used_at).is_(None),
            col(RefreshToken.revoked_at).is_(None),
            col(RefreshToken.expires_at) > utcnow(),
        )
        .order_by(col(RefreshToken.created_at).desc())
    ).all()
    started = _started_at(session, [token.family_id for token in live])
    return [
        SessionInfo(
            id=token.family_id,
            started_at=started.get(token.family_id, token.created_at),
            last_used_at=token.created_at,
            expires_at=token.expires_at,
            ip=token.ip,
            user_agent=token.user_agent,
            current=token.family_id == current_session_id,
        )
        for token in live
    ]


def revoke_session(session: Session, *, user_id: str, session_id: str, ip: str | None) -> None:
    """Sign one of the user's sessions out; someone else's answers not found."""
    if not any(info.id == session_id for info in list_sessions(session, user_id=user_id)):
        raise NotFound("Session not found")
    refresh_tokens.revoke_family(session, family_id=session_id)
    audit.record(
        session, action="auth.session_revoked", user_id=user_id, ip=ip, session_id=session_id
    )


def revoke_all_sessions(session: Session, *, user_id: str, ip: str | None) -> int:
    """Sign every session of the user out (this one too); returns how many were live."""
    count = refresh_tokens.revoke_all(session, user_id=user_id)
    audit.record(session, action="auth.logout_all", user_id=user_id, ip=ip, sessions=count)
    return count


def _started_at(session: Session, family_ids: list[str]) -> dict[str, datetime]:
    """When each session began: its first token (MIN keeps the column's UTC type)."""
    if not family_ids:
        return {}
    rows = session.execute(
        select(RefreshToken.family_id, func.min(RefreshToken.created_at))
        .where(col(RefreshToken.family_id).in_(family_ids))
        .group_by(RefreshToken.family_id)
    ).all()
    return {family_id: started for family_id, started in rows}
