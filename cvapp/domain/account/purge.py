"""Erasing deleted accounts for good: rows, stored files and cache entries, nothing left.

Files and cache go first, then the rows (their foreign keys cascade from ``users``): a failure
leaves the account in place for the next run, which starts over.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import delete
from sqlmodel import Session, col, select

from cvapp.domain.account.traces import Traces, erase_cache, erase_files
from cvapp.domain.audit import service as audit
from cvapp.errors import Conflict, NotFound
from cvapp.models import (
    ApiKey,
    AuditEvent,
    EmailToken,
    Job,
    OutboxEmail,
    Profile,
    RevokedAccessToken,
    StoredFile,
    User,
)
from cvapp.models.base import utcnow


@dataclass(frozen=True)
class PurgeReport:
    files: int
    cache_entries: int
    emails: int


def gather(session: Session, *, user: User) -> Traces:
    """Everything that names the account outside its own rows."""
    profile = session.exec(select(Profile).where(Profile.user_id == user.id)).first()
    traces = Traces(user_id=user.id, profile_id=profile.id if profile else None)
    traces.addresses = {user.email}
    changes = session.exec(
        select(AuditEvent.details).where(
            AuditEvent.user_id == user.id, AuditEvent.action == "auth.email_changed"
        )
    ).all()
    for details in changes:
        traces.addresses |= {str(details[k]) for k in ("old_email", "new_email") if details.get(k)}
    pending = session.exec(
        select(EmailToken.new_email).where(
            EmailToken.user_id == user.id, col(EmailToken.new_email).is_not(None)
        )
    ).all()
    traces.addresses |= {str(address) for address in pending}
    photo = {profile.photo_key} if profile and profile.photo_key else set()
    traces.storage_keys = set(_owned(session, StoredFile.key, StoredFile.user_id, user.id)) | photo
    traces.api_key_ids = _owned(session, ApiKey.id, ApiKey.user_id, user.id)
    traces.job_ids = _owned(session, Job.id, Job.user_id, user.id)
    traces.token_ids = _owned(session, RevokedAccessToken.jti, RevokedAccessToken.user_id, user.id)
    return traces


def _owned(session: Session, column: Any, owner: Any, user_id: str) -> list[str]:
    return [str(value) for value in session.exec(select(column).where(owner == user_id)).all()]


def purge_account(session: Session, *, user_id: str) -> PurgeReport:
    """Erase one soft-deleted account now, whatever its purge date (admin, or when due)."""
    user = session.get(User, user_id)
    if user is None:
        raise NotFound("No such account (already purged?)")
    if user.deleted_at is None:
        raise Conflict("Only a deleted account can be purged")
    traces = gather(session, user=user)
    files = erase_files(traces)
    cache_entries = erase_cache(traces)
    emails = session.execute(
        delete(OutboxEmail).where(col(OutboxEmail.to_address).in_(traces.addresses))
    )
    session.delete(user)
    session.flush()
    # Nothing here names the account: the event only says that one was erased.
    audit.record(session, action="account.purged", user_id=None)
    return PurgeReport(files, cache_entries, int(emails.rowcount))  # type: ignore[attr-defined]


def due_accounts(session: Session, *, now: datetime | None = None) -> list[str]:
    """Ids of deleted accounts whose 30 days are over."""
    moment = now or utcnow()
    return list(
        session.exec(
            select(User.id).where(
                col(User.deleted_at).is_not(None), col(User.purge_after) <= moment
            )
        ).all()
    )
