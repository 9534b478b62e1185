"""Looking accounts up."""

from __future__ import annotations

from sqlmodel import Session, select

from cvapp.models import User


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
