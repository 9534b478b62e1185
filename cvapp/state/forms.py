"""Turning a domain error into what a form shows: one message for the form, one per field."""

from __future__ import annotations

from collections.abc import Iterable

from cvapp.errors import DomainError, PlanLimit, RateLimited


def retry_wait(seconds: int) -> str:
    """``"42 seconds"``, ``"1 minute"``, ``"12 minutes"``: how long before trying again."""
    if seconds < 60:
        return f"{seconds} second{'s' if seconds != 1 else ''}"
    minutes = -(-seconds // 60)
    return f"{minutes} minute{'s' if minutes != 1 else ''}"


def describe(exc: DomainError, *, fields: Iterable[str]) -> tuple[str, dict[str, str]]:
    """The form-level message and the messages of the form's own ``fields``.

    A detail about a field the form does not show (a link's token, say) becomes the
    form-level message, so no error is ever lost.
    """
    if isinstance(exc, RateLimited):
        return f"Too many attempts. Try again in {retry_wait(exc.retry_after)}.", {}
    shown = set(fields)
    by_field: dict[str, str] = {}
    elsewhere: list[str] = []
    for detail in exc.details:
        name, message = str(detail.get("field", "")), str(detail.get("message", ""))
        if name in shown and name not in by_field:
            by_field[name] = message
        elif message:
            elsewhere.append(message)
    if elsewhere:
        return " ".join(elsewhere), by_field
    return ("" if by_field else exc.message), by_field


def limit_of(exc: DomainError) -> tuple[str, str]:
    """``(limit, next plan)`` of a plan-limit error ("" for other errors or no higher plan)."""
    if not isinstance(exc, PlanLimit) or not exc.details:
        return "", ""
    detail = exc.details[0]
    return str(detail.get("limit") or ""), str(detail.get("next_plan") or "")
