"""How the AI features fail: provider down or slow, a useless answer, the daily quota."""

from __future__ import annotations

from datetime import datetime

from cvapp.errors import DomainError, RateLimited, ServiceUnavailable


class AiProviderUnavailable(ServiceUnavailable):
    """The provider could not be reached or failed (5xx); nothing was changed."""

    code = "AI_PROVIDER_UNAVAILABLE"


class AiProviderTimeout(AiProviderUnavailable):
    code = "AI_PROVIDER_TIMEOUT"


class AiBadResponse(DomainError):
    """The provider answered, but not with something usable (even after one retry)."""

    code, status = "AI_PROVIDER_BAD_RESPONSE", 502


class AiQuotaExceeded(RateLimited):
    """The plan's daily AI calls are used up; ``Retry-After`` runs to midnight UTC."""

    def __init__(
        self,
        *,
        plan: str,
        limit: int,
        resets_at: datetime,
        retry_after: int,
        next_plan: str | None = None,
    ) -> None:
        self.next_plan = next_plan
        """The plan with more calls a day (None on the highest)."""
        super().__init__(
            f"Daily AI limit reached ({limit} per day on the {plan.capitalize()} plan); "
            f"it resets at {resets_at:%Y-%m-%d %H:%M} UTC",
            retry_after=retry_after,
        )
        self.details = [
            {"field": "limit", "message": str(limit)},
            {"field": "resets_at", "message": resets_at.isoformat()},
        ]
