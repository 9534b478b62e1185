"""How much of each limit a user has used, for the plan page and ``GET /account/plan``."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session

from cvapp.domain.ai import quotas
from cvapp.domain.plans.entitlements import (
    LIMIT_LABELS,
    LIMITS,
    PLAN_ORDER,
    Limit,
    describe,
    for_plan,
)
from cvapp.domain.plans.service import (
    count_active_share_links,
    count_applications,
    count_cv_versions,
    count_letters,
)
from cvapp.models import User


@dataclass(frozen=True)
class LimitUsage:
    """One limit of the user's plan: what it allows and, when counted, how much is used."""

    limit: Limit
    label: str
    allowed: str
    used: int | None
    reached: bool


def _cap(plan: str, limit: Limit) -> int | None:
    value = getattr(for_plan(plan), limit)
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def usage(session: Session, *, user: User) -> list[LimitUsage]:
    """Every limit of ``user``'s plan with today's figures."""
    used: dict[Limit, int | None] = {
        "cv_versions": count_cv_versions(session, user_id=user.id),
        "templates": None,
        "ai_calls_per_day": quotas.usage(session, user=user).used,
        "share_links": count_active_share_links(session, user_id=user.id),
        "applications": count_applications(session, user_id=user.id),
        "letters": count_letters(session, user_id=user.id),
        "api_access": None,
    }
    rows = []
    for limit in LIMITS:
        cap = _cap(user.plan, limit)
        count = used[limit]
        reached = cap is not None and count is not None and count >= cap
        if limit == "api_access":
            reached = not for_plan(user.plan).api_access
        allowed = describe(user.plan, limit)
        rows.append(LimitUsage(limit, LIMIT_LABELS[limit], allowed, count, reached))
    return rows


def comparison() -> list[dict[str, str]]:
    """The plans side by side: one row per limit, one column per plan (for the plan page)."""
    return [
        {"limit": limit, "label": LIMIT_LABELS[limit]}
        | {plan: describe(plan, limit) for plan in PLAN_ORDER}
        for limit in LIMITS
    ]
