"""Per-plan daily AI quotas, counted in ``ai_usage`` per user and UTC day."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import Session, select

from cvapp.domain.ai.errors import AiQuotaExceeded
from cvapp.domain.ai.schemas import QuotaStatus
from cvapp.domain.plans.entitlements import for_plan, next_plan_for, plans
from cvapp.models import AiUsage, User
from cvapp.models.base import new_id


def daily_limits() -> dict[str, int]:
    """Daily AI calls per plan (the plans' entitlements, set by the operator)."""
    return {key: plan.ai_calls_per_day for key, plan in plans().items()}


def _now() -> datetime:
    return datetime.now(UTC)


def daily_limit(plan: str) -> int:
    return for_plan(plan).ai_calls_per_day


def resets_at(now: datetime | None = None) -> datetime:
    """The next midnight UTC, when every count starts again."""
    now = now or _now()
    return datetime(now.year, now.month, now.day, tzinfo=UTC) + timedelta(days=1)


def _used(session: Session, user: User, now: datetime) -> int:
    row = session.exec(
        select(AiUsage).where(AiUsage.user_id == user.id, AiUsage.day == now.date())
    ).first()
    return row.count if row else 0


def _exceeded(user: User, now: datetime) -> AiQuotaExceeded:
    reset = resets_at(now)
    return AiQuotaExceeded(
        plan=user.plan,
        limit=daily_limit(user.plan),
        resets_at=reset,
        retry_after=int((reset - now).total_seconds()) + 1,
        next_plan=next_plan_for(user.plan, "ai_calls_per_day"),
    )


def usage(session: Session, *, user: User) -> QuotaStatus:
    """Today's count against the plan's limit."""
    now = _now()
    used, limit = _used(session, user, now), daily_limit(user.plan)
    return QuotaStatus(
        plan=user.plan,
        limit=limit,
        used=used,
        remaining=max(0, limit - used),
        resets_at=resets_at(now).isoformat(),
    )


def ensure_available(session: Session, *, user: User) -> None:
    """Refuse before any work when today's calls are used up."""
    now = _now()
    if _used(session, user, now) >= daily_limit(user.plan):
        raise _exceeded(user, now)


def charge(session: Session, *, user: User) -> None:
    """Count one call: one atomic upsert that refuses to pass the limit (races included)."""
    now = _now()
    table = AiUsage.__table__  # type: ignore[attr-defined]
    insert = postgresql_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
    statement = (
        insert(table)
        .values(
            id=new_id(), user_id=user.id, day=now.date(), count=1, created_at=now, updated_at=now
        )
        .on_conflict_do_update(
            index_elements=["user_id", "day"],
            set_={"count": table.c.count + 1, "updated_at": now},
            where=table.c.count < daily_limit(user.plan),
        )
        .returning(table.c.count)
    )
    if session.exec(statement).first() is None:
        raise _exceeded(user, now)
