"""The one entitlements table: what each plan allows. Every limit in cvapp is read from here.

``None`` means unlimited (or, for templates, every template of the catalog).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, get_args

from cvapp.settings import get_settings

Limit = Literal[
    "cv_versions",
    "templates",
    "ai_calls_per_day",
    "share_links",
    "applications",
    "letters",
    "api_access",
]
LIMITS: tuple[Limit, ...] = get_args(Limit)
PLAN_ORDER = ("free", "pro", "expert")
FREE_TEMPLATES = ("classic", "modern", "compact", "photo-header", "europass", "us-resume")


@dataclass(frozen=True)
class Entitlements:
    """What one plan includes."""

    plan: str
    label: str
    cv_versions: int | None
    templates: tuple[str, ...] | None
    ai_calls_per_day: int
    share_links: int | None
    api_access: bool
    history_days: int = 30
    applications: int | None = None
    letters: int | None = None


_LABELS = {"free": "Free", "pro": "Pro", "expert": "Expert"}


def plans() -> dict[str, Entitlements]:
    """Every plan as the operator set it (``CVAPP_PLAN_*``, see ``cvapp.settings``)."""
    settings = get_settings()
    return {
        plan: Entitlements(
            plan=plan,
            label=_LABELS[plan],
            cv_versions=getattr(settings, f"plan_{plan}_cv_versions"),
            templates=FREE_TEMPLATES if plan == "free" else None,
            ai_calls_per_day=getattr(settings, f"plan_{plan}_ai_calls_per_day"),
            share_links=getattr(settings, f"plan_{plan}_share_links"),
            api_access=plan == "expert",
            history_days=getattr(settings, f"plan_{plan}_history_days"),
            applications=getattr(settings, f"plan_{plan}_applications"),
            letters=getattr(settings, f"plan_{plan}_letters"),
        )
        for plan in PLAN_ORDER
    }


def price(plan: str) -> str:
    """What ``plan`` costs, as shown to people ("Free", "€6 a month")."""
    return "Free" if plan == "free" else str(getattr(get_settings(), f"plan_{plan}_price"))


LIMIT_LABELS: dict[Limit, str] = {
    "cv_versions": "CV versions",
    "templates": "CV templates",
    "ai_calls_per_day": "AI calls per day",
    "share_links": "active share links",
    "applications": "tracked applications",
    "letters": "cover letters",
    "api_access": "API access",
}


def for_plan(plan: str) -> Entitlements:
    """The entitlements of ``plan`` (an unknown plan gets Free's)."""
    every = plans()
    return every.get(plan, every["free"])


def allows_template(plan: str, template: str) -> bool:
    templates = for_plan(plan).templates
    return templates is None or template in templates


def describe(plan: str, limit: Limit) -> str:
    """What ``plan`` allows for ``limit``, in words: ``"2"``, ``"unlimited"``, ``"yes"``…"""
    value = getattr(for_plan(plan), limit)
    if limit == "api_access":
        return "included" if value else "not included"
    if limit == "templates":
        return "all templates" if value is None else f"{len(value)} ({', '.join(value)})"
    return "unlimited" if value is None else str(value)


def next_plan_for(plan: str, limit: Limit) -> str | None:
    """The first higher plan that allows more of ``limit`` than ``plan`` does, if any."""
    current = getattr(for_plan(plan), limit)
    start = PLAN_ORDER.index(plan) + 1 if plan in PLAN_ORDER else 1
    for candidate in PLAN_ORDER[start:]:
        if getattr(for_plan(candidate), limit) != current:
            return candidate
    return None
