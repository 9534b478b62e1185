"""Looking accounts up, and claiming an address for a new one."""

from __future__ import annotations

import hashlib

from sqlalchemy import text
from sqlmodel import Session, select

from cvapp.errors import Conflict
from cvapp.models import User

ADDRESS_TAKEN = "An account with this email already exists"


def claim_address(session: Session, *, email: str) -> None:
    """Let one registration of ``email`` at a time go on; refuse the others at once.

    Without it, simultaneous registrations of one address all queue on the unique index
    behind the first, each holding a connection and a worker thread, until the first one
    (which needs a thread to finish) is starved. On PostgreSQL an advisory lock, held until
    the transaction ends, is tried without waiting; SQLite runs one writer at a time anyway.
    """
    if session.get_bind().dialect.name != "postgresql":
        return
    key = int.from_bytes(hashlib.sha256(email.encode()).digest()[:8], "big", signed=True)
    claimed = session.execute(text("SELECT pg_try_advisory_xact_lock(:key)"), {"key": key})
    if not claimed.scalar():
        raise Conflict(ADDRESS_TAKEN)


def find_by_email(session: Session, *, email: str) -> User | None:
    """The live (not deleted) account with this stored-form address, if any."""
    user = session.exec(select(User).where(User.email == email)).first()
    if user is None or user.deleted_at is not None:
        return None
    return user


def find_deleted_by_email(session: Session, *, email: str) -> User | None:
    """The soft-deleted account with this stored-form address, if any (not yet purged)."""
    user = session.exec(select(User).where(User.email == email)).first()
    return user if user is not None and user.deleted_at is not None else None
