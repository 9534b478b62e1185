"""The "Improve" dialog's state: ask for a better version of one text, then accept, reject
or undo. Used by the AI page and the profile editor alike (see ``improve_text``)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator

import reflex as rx
from reflex.event import EventSpec

from cvapp.components.ai.parts import Claim, TextPart, claims, review_parts
from cvapp.components.ai.state import AiState, ai_error
from cvapp.components.ai.text_target import TextTarget
from cvapp.db import session_scope
from cvapp.domain.ai import service as ai
from cvapp.domain.ai.accept import accept_suggestion
from cvapp.domain.ai.schemas import QuotaStatus, TextSuggestion
from cvapp.errors import Conflict, DomainError
from cvapp.state.session import Caller, off_loop, signed_in_user

STORED = "stored"
"""The channel of the dialog that saves accepted text itself (the default)."""
_ASK_AGAIN = " Close this and choose “Improve” again."


def _optimize(caller: Caller, target: TextTarget) -> tuple[TextSuggestion, QuotaStatus] | None:
    """The suggestion and today's usage; None when the caller is not signed in (any more)."""
    with session_scope() as db:
        found = signed_in_user(db, caller)
        if found is None:
            return None
        user = found[0]
        result = ai.optimize_text(db, user=user, text=target.text, context=target.context())
        return result, ai.usage(db, user=user)


class ImproveTextState(AiState):
    channel: str = ""  # the open dialog's channel; "" when closed
    kind: str = "bullet"
    saves: bool = False  # the target names a stored text (else it is applied by a form or copied)
    index: int = -1
    loading: bool = False
    saving: bool = False
    accepted: bool = False
    error: str = ""
    notice: str = ""
    original: str = ""
    suggestion: str = ""
    original_parts: list[TextPart] = []
    suggestion_parts: list[TextPart] = []
    claims: list[Claim] = []
    changes: list[str] = []
    tips: list[str] = []
    cached: bool = False
    _target: TextTarget = TextTarget()
    _ticket: int = 0  # answers to an older request are dropped

    @rx.var
    def unchanged(self) -> bool:
        """The suggestion says the same as the original: nothing to accept."""
        return bool(self.suggestion) and self.suggestion.strip() == self.original.strip()

    @rx.event(background=True)
    async def start(self, target: TextTarget) -> AsyncIterator[EventSpec | None]:
        """Open the dialog on ``target`` and ask the AI for a better version of its text."""
        async with self:
            self._ticket += 1
            ticket = self._ticket
            self._open(target)
            caller = self._caller()
        lost = await self._answered(ticket, lambda: asyncio.to_thread(_optimize, caller, target))
        if lost is not None:
            yield lost

    def _done(
        self, ticket: int, answer: tuple[TextSuggestion, QuotaStatus] | None, error: str
    ) -> EventSpec | None:
        """As ``AiState._done``; the dialog also closes when the caller is not signed in any
        more (decided here: ``_session_lost`` returns None when it renews the session)."""
        if ticket == self._ticket and answer is None and not error:
            self.channel = ""
        return super()._done(ticket, answer, error)

    def _open(self, target: TextTarget) -> None:
        self._target = target
        self.channel = target.channel or STORED
        self.kind, self.index, self.saves = target.kind, target.index, bool(target.section)
        self.original, self.suggestion = target.text.strip(), ""
        self.original_parts = [TextPart(self.original)] if self.original else []
        self.suggestion_parts, self.claims, self.changes, self.tips = [], [], [], []
        self.loading, self.saving, self.accepted, self.cached = True, False, False, False
        self.error = self.notice = ""

    def _show(self, result: TextSuggestion, quota: QuotaStatus) -> None:
        self.suggestion, self.cached = result.suggestion, result.cached
        self.original_parts, self.suggestion_parts = review_parts(result.diff, result.warnings)
        self.claims, self.changes, self.tips = claims(result.warnings), result.changes, result.tips
        if result.unchanged and result.reason:
            self.notice = result.reason  # "Already good: …" (and not counted)
        self._note_usage(quota)

    @rx.event
    def set_open(self, is_open: bool) -> None:
        """The dialog asks to close (Escape, Close, Reject); a late answer is then dropped."""
        if not is_open:
            self._ticket += 1
            self.channel, self.loading = "", False

    @rx.event
    @off_loop
    def accept(self) -> Iterator[EventSpec | None]:
        """Save the suggestion in place of the original (the original is kept for Undo)."""
        yield from self._write(self.original, self.suggestion, accepted=True)

    @rx.event
    @off_loop
    def undo(self) -> Iterator[EventSpec | None]:
        """Put the original back."""
        yield from self._write(self.suggestion, self.original, accepted=False)

    def _write(self, expected: str, new: str, *, accepted: bool) -> Iterator[EventSpec | None]:
        if not self.saves or self.saving or self.loading or not self.suggestion:
            return
        self.saving, self.error, self.notice = True, "", ""
        yield
        try:
            with self._signed_in() as (db, user):
                accept_suggestion(
                    db,
                    user_id=user.id,
                    target=self._target.place(),
                    original=expected,
                    suggestion=new,
                )
        except DomainError as exc:
            self.error = ai_error(exc) + (_ASK_AGAIN if isinstance(exc, Conflict) else "")
            return
        finally:
            self.saving = False
        self._applied(accepted)

    @rx.event
    def copied(self) -> None:
        self.notice = "Copied: paste it where you need it."

    @rx.event
    def mark_applied(self, applied: bool) -> None:
        """The page put the suggestion (or, undoing, the original) into its own form."""
        if self.suggestion:
            self._applied(applied, saved=False)

    def _applied(self, accepted: bool, *, saved: bool = True) -> None:
        self.accepted = accepted
        if accepted:
            self.notice = "Saved." if saved else "Applied to the form: save it to keep it."
        else:
            self.notice = "The original is back."
