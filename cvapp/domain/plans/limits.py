"""``PlanLimit`` errors that name the limit, what the plan allows and what the next one does."""

from __future__ import annotations

from cvapp.domain.plans.entitlements import LIMIT_LABELS, Limit, describe, for_plan, next_plan_for
from cvapp.errors import PlanLimit

_WHY: dict[Limit, str] = {
    "cv_versions": "You have reached the CV versions of your plan.",
    "templates": "This template is not included in your plan.",
    "ai_calls_per_day": "You have used today's AI calls.",
    "share_links": "You have reached the active share links of your plan.",
    "applications": "You have reached the tracked applications of your plan.",
    "letters": "You have reached the cover letters of your plan; delete one to make room.",
    "api_access": "API keys are not included in your plan.",
}


def allowance(plan: str, limit: Limit) -> str:
    """What ``plan`` includes of ``limit``, as a phrase: "2 CV versions", "all templates"…"""
    value = getattr(for_plan(plan), limit)
    label = LIMIT_LABELS[limit]
    if limit == "api_access":
        return label if value else f"no {label}"
    if limit == "templates":
        return "all templates" if value is None else f"{len(value)} templates ({', '.join(value)})"
    if value is None:
        return f"unlimited {label}"
    return f"{value} {label.removesuffix('s') if value == 1 else label}"


def plan_limit(plan: str, limit: Limit, *, why: str | None = None) -> PlanLimit:
    """The error for going over ``limit`` on ``plan``; its single detail carries the figures.

    The detail's ``field`` is the limit's name and its ``message`` the whole explanation, so
    forms show it as is; API clients also get ``plan``, ``allowed``, ``next_plan`` and
    ``next_plan_allows``.
    """
    upgrade = next_plan_for(plan, limit)
    message = f"{why or _WHY[limit]} Your {for_plan(plan).label} plan includes "
    message += allowance(plan, limit)
    if upgrade is not None:
        message += f"; {for_plan(upgrade).label} includes {allowance(upgrade, limit)}"
    detail = {
        "field": limit,
        "message": message + ".",
        "limit": limit,
        "plan": plan,
        "allowed": describe(plan, limit),
        "next_plan": upgrade,
        "next_plan_allows": describe(upgrade, limit) if upgrade else None,
    }
    return PlanLimit(message + ".", details=[detail])
