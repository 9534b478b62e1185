"""Finding accounts for the operators (admin CLI): search, filter, page."""

from __future__ import annotations

from sqlalchemy import or_
from sqlmodel import Session, col, select

from cvapp.models import User


def search_users(
    session: Session,
    *,
    query: str | None = None,
    plan: str | None = None,
    deleted: bool | None = None,
    limit: int = 50,
) -> list[User]:
    """Accounts whose email or name contains ``query``, newest first.

    ``deleted``: True only soft-deleted ones, False only live ones, None both.
    """
    statement = select(User)
    if query:
        pattern = f"%{query.strip().lower()}%"
        statement = statement.where(
            or_(col(User.email).ilike(pattern), col(User.full_name).ilike(pattern))
        )
    if plan:
        statement = statement.where(User.plan == plan)
    if deleted is True:
        statement = statement.where(col(User.deleted_at).is_not(None))
    elif deleted is False:
        statement = statement.where(col(User.deleted_at).is_(None))
    statement = statement.order_by(col(User.created_at).desc(), col(User.id).desc()).limit(limit)
    return list(session.exec(statement).all())
