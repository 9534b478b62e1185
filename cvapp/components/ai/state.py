"""What every AI screen shares: which provider answers, today's calls left, error messages."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import Any

import reflex as rx
from reflex.event import EventSpec

from cvapp.db import session_scope
from cvapp.domain.ai import service as ai
from cvapp.domain.ai.errors import AiQuotaExceeded
from cvapp.domain.ai.schemas import QuotaStatus
from cvapp.errors import DomainError, ValidationFailed
from cvapp.state.session import SessionState, off_loop

UNEXPECTED = "Something went wrong and nothing was changed. Please try again."
"""Shown when an AI call failed for a reason the domain did not name (the error is logged)."""


def ai_error(exc: DomainError) -> str:
    """The message a person reads: the field problems of a refused input, else the error's own
    (the daily limit and when it resets, the provider being down or slow)."""
    if isinstance(exc, ValidationFailed):
        details = [str(d.get("message")) for d in exc.details if d.get("message")]
        if details:
            return " ".join(dict.fromkeys(details))
    return exc.message


def _reset_time(iso: str) -> str:
    try:
        return f"{datetime.fromisoformat(iso):%H:%M} UTC"
    except ValueError:
        return "midnight UTC"


class AiState(SessionState):
    """The provider in use and the signed-in user's AI calls today (shown on every AI page)."""

    provider: str = ""
    provider_model: str = ""
    provider_url: str = ""
    calls_used: int = 0
    calls_limit: int = 0
    calls_reset: str = ""
    plan: str = ""
    # The daily calls ran out: the plan with more (shown with the error, as an upgrade).
    quota_upgrade: str = ""

    @rx.var
    def calls_left(self) -> int:
        return max(0, self.calls_limit - self.calls_used)

    @rx.var
    def offline(self) -> bool:
        return self.provider != "openai"

    @rx.event
    @off_loop
    def load_ai(self) -> None:
        """Loader: the provider (no secret in it) and today's usage."""
        info = ai.provider_info()
        self.provider = info.provider
        self.provider_model = info.model or ""
        self.provider_url = info.base_url or ""
        with session_scope() as db:
            user = self._check(db)
            if user is not None:
                self._note_usage(ai.usage(db, user=user))

    async def _answered(
        self, ticket: int, ask: Callable[[], Awaitable[Any]], **shown: Any
    ) -> EventSpec | None:
        """Wait for ``ask`` (the AI call, off the event loop) in a background handler, then
        show its answer or its error through ``_done`` (with ``shown``), unless a newer
        request replaced it; the event to yield when the session was lost."""
        answer: Any = None
        error, upgrade = UNEXPECTED, ""
        try:
            answer = await ask()
            error = ""
        except DomainError as exc:
            error = ai_error(exc)
            if isinstance(exc, AiQuotaExceeded):
                upgrade = exc.next_plan or ""
        finally:
            async with self:
                self.quota_upgrade = upgrade
                lost: EventSpec | None = self._done(ticket, answer, error, **shown)
        return lost

    def _done(
        self, ticket: int, answer: tuple[Any, QuotaStatus] | None, error: str
    ) -> EventSpec | None:
        """Show the answer (or the error) unless a newer request replaced this one (pages that
        ask in the background keep ``_ticket``, ``loading``, ``error`` and ``_show``)."""
        if ticket != self._ticket:
            return None
        self.loading, self.error = False, error
        if answer is not None:
            self._show(*answer)
        elif not error:  # the caller is not signed in any more
            return self._session_lost()
        return None

    def _note_usage(self, quota: QuotaStatus) -> None:
        self.calls_used, self.calls_limit = quota.used, quota.limit
        self.calls_reset, self.plan = _reset_time(quota.resets_at), quota.plan.capitalize()
