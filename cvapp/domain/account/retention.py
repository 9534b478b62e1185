"""Retention: nothing is kept longer than needed.

- accounts unused for 2 years get a warning, and are deleted 30 days later if still unused
  (then purged 30 days after that, like any deletion);
- audit events and sent-mail records older than 90 days go;
- expired access-token blacklist entries, refresh and email tokens go;
- data-export archives go after the 7 days their link lasts.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import structlog
from sqlalchemy import delete, func, update
from sqlmodel import Session, col, select

from cvapp.db import session_scope
from cvapp.domain.account import messages
from cvapp.domain.account.archive import ARCHIVE_PURPOSE
from cvapp.domain.account.deletion import soft_delete
from cvapp.domain.account.download_links import LINK_LIFETIME
from cvapp.domain.account.purge import due_accounts, purge_account
from cvapp.domain.auth import revocation
from cvapp.domain.history import service as history
from cvapp.domain.mail.tasks import queue_email
from cvapp.models import AuditEvent, EmailToken, OutboxEmail, RefreshToken, StoredFile, User
from cvapp.models.base import utcnow
from cvapp.storage import get_storage

log = structlog.get_logger(__name__)

INACTIVITY = timedelta(days=730)
WARNING_NOTICE = timedelta(days=30)
LOG_RETENTION = timedelta(days=90)


def _last_seen() -> Any:
    return func.coalesce(User.last_active_at, User.created_at)


def warn_inactive(session: Session, *, now: datetime) -> int:
    """Warn accounts unused for 2 years (once); forget warnings of accounts used since."""
    session.execute(
        update(User)
        .where(
            col(User.inactivity_warned_at).is_not(None),
            col(User.last_active_at) > col(User.inactivity_warned_at),
        )
        .values(inactivity_warned_at=None)
        .execution_options(synchronize_session=False)
    )
    users = session.exec(
        select(User).where(
            col(User.deleted_at).is_(None),
            col(User.inactivity_warned_at).is_(None),
            _last_seen() < now - INACTIVITY,
        )
    ).all()
    for user in users:
        user.inactivity_warned_at = now
        session.add(user)
        notice = messages.inactivity_warning(user, deletion_on=now + WARNING_NOTICE)
        queue_email(session, message=notice, user_id=user.id)
    session.flush()
    return len(users)


def delete_inactive(session: Session, *, now: datetime) -> int:
    """Delete accounts warned 30 days ago and not used since."""
    users = session.exec(
        select(User).where(
            col(User.deleted_at).is_(None),
            col(User.inactivity_warned_at) <= now - WARNING_NOTICE,
            _last_seen() <= col(User.inactivity_warned_at),
        )
    ).all()
    for user in users:
        soft_delete(session, user=user, ip=None, reason="inactivity")
    return len(users)


def purge_old_records(session: Session, *, now: datetime) -> dict[str, int]:
    """Audit events and sent-mail records past 90 days; expired tokens of every kind."""

    def gone(statement: Any) -> int:
        return int(session.execute(statement).rowcount)  # type: ignore[attr-defined]

    return {
        "audit_events": gone(
            delete(AuditEvent).where(col(AuditEvent.created_at) < now - LOG_RETENTION)
        ),
        "emails": gone(
            delete(OutboxEmail).where(col(OutboxEmail.created_at) < now - LOG_RETENTION)
        ),
        "revoked_access_tokens": revocation.purge_expired(session),
        "refresh_tokens": gone(delete(RefreshToken).where(col(RefreshToken.expires_at) <= now)),
        "email_tokens": gone(delete(EmailToken).where(col(EmailToken.expires_at) <= now)),
        "cv_revisions": history.purge_expired(session, now=now),
    }


def expire_archives(session: Session, *, now: datetime) -> int:
    """Delete data-export archives whose download link has expired."""
    rows = session.exec(
        select(StoredFile).where(
            StoredFile.purpose == ARCHIVE_PURPOSE,
            col(StoredFile.created_at) < now - LINK_LIFETIME,
        )
    ).all()
    storage = get_storage()
    for row in rows:
        storage.delete(row.key)
        session.delete(row)
    session.flush()
    return len(rows)


def run_retention(session: Session, *, now: datetime | None = None) -> dict[str, Any]:
    """Every retention rule, in one transaction."""
    moment = now or utcnow()
    report: dict[str, Any] = {
        "warned": warn_inactive(session, now=moment),
        "deleted": delete_inactive(session, now=moment),
        "archives": expire_archives(session, now=moment),
        **purge_old_records(session, now=moment),
    }
    log.info("retention_applied", **report)
    return report


def purge_due_accounts(*, now: datetime | None = None) -> dict[str, Any]:
    """Purge every account past its 30 days, each in its own transaction."""
    with session_scope() as session:
        user_ids = due_accounts(session, now=now)
    purged = 0
    for user_id in user_ids:
        with session_scope() as session:
            purge_account(session, user_id=user_id)
        purged += 1
    log.info("accounts_purged", count=purged)
    return {"purged": purged}
