"""Summary at /app/ai/summary: a profile summary written from the profile's facts in a chosen
tone; accepting replaces the profile's summary, Undo puts the old one back."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator

import reflex as rx
from reflex.event import EventSpec

from cvapp import routes
from cvapp.components.ai.frame import ai_page, panel
from cvapp.components.ai.parts import Claim, TextPart, claims, mostly_rewritten, review_parts
from cvapp.components.ai.review import error_callout, suggestion_review, working
from cvapp.components.ai.state import AiState, ai_error
from cvapp.components.layout import template
from cvapp.db import session_scope
from cvapp.domain.ai import service as ai
from cvapp.domain.ai.accept import PROFILE, accept_suggestion
from cvapp.domain.ai.diff import word_diff
from cvapp.domain.ai.schemas import QuotaStatus, SummarySuggestion, TextPlace, Tone
from cvapp.errors import DomainError
from cvapp.state.session import Caller, off_loop, signed_in_user

TONES: dict[str, tuple[str, str]] = {
    "professional": ("Professional", "Measured and factual, with a highlight"),
    "confident": ("Confident", "Leads with results"),
    "friendly": ("Friendly", "Warm, in the first person"),
    "concise": ("Concise", "The essentials only"),
}
_SUMMARY = TextPlace(section=PROFILE, field="summary")


def _generate(
    caller: Caller, tone: Tone, variant: int = 0
) -> tuple[SummarySuggestion, QuotaStatus] | None:
    with session_scope() as db:
        found = signed_in_user(db, caller)
        if found is None:
            return None
        user = found[0]
        summary = ai.generate_summary(db, user=user, tone=tone, variant=variant)
        return summary, ai.usage(db, user=user)


class SummaryState(AiState):
    tone: str = "professional"
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
    cached: bool = False
    compared: bool = False  # changes are marked (the new summary keeps much of the old)
    variant: int = 0  # "Try again" asks for the next structure of the same facts
    _shown_tone: str = ""
    _ticket: int = 0

    @rx.event
    def load(self) -> None:
        self.loading = self.saving = self.accepted = False
        self.error = self.notice = self.suggestion = ""

    @rx.event
    def set_tone(self, tone: str) -> None:
        if tone in TONES:
            self.tone, self.variant = tone, 0

    @rx.event(background=True)
    async def generate(self) -> AsyncIterator[EventSpec | None]:
        """Write a summary from the profile in the chosen tone (nothing is saved yet)."""
        async with self:
            self._ticket += 1
            # A summary on show: this is "Try again", so ask for another structure.
            again = bool(self.suggestion) and not self.accepted and self._shown_tone == self.tone
            self.variant = self.variant + 1 if again else 0
            ticket, tone, variant = self._ticket, self.tone, self.variant
            self._shown_tone = tone
            self.loading, self.accepted, self.error, self.notice = True, False, "", ""
            caller = self._caller()
        lost = await self._answered(
            ticket, lambda: asyncio.to_thread(_generate, caller, tone, variant)
        )
        if lost is not None:
            yield lost

    def _show(self, result: SummarySuggestion, quota: QuotaStatus) -> None:
        self.original, self.suggestion = result.original or "", result.summary
        self.cached = result.cached
        diff = word_diff(self.original, self.suggestion)
        self.compared = bool(self.original) and not mostly_rewritten(diff)
        self.original_parts, self.suggestion_parts = review_parts(
            diff, result.warnings, marked=self.compared
        )
        self.claims = claims(result.warnings)
        self._note_usage(quota)

    @rx.event
    @off_loop
    def accept(self) -> Iterator[EventSpec | None]:
        """Make the suggestion the profile's summary (the old one is kept for Undo)."""
        yield from self._write(self.original, self.suggestion, accepted=True)

    @rx.event
    @off_loop
    def undo(self) -> Iterator[EventSpec | None]:
        """Put the previous summary back."""
        yield from self._write(self.suggestion, self.original, accepted=False)

    def _write(self, expected: str, new: str, *, accepted: bool) -> Iterator[EventSpec | None]:
        if self.saving or self.loading or not self.suggestion:
            return
        self.saving, self.error, self.notice = True, "", ""
        yield
        try:
            with self._signed_in() as (db, user):
                accept_suggestion(
                    db, user_id=user.id, target=_SUMMARY, original=expected, suggestion=new
                )
        except DomainError as exc:
            self.error = ai_error(exc)
            return
        finally:
            self.saving = False
        self.accepted = accepted
        self.notice = (
            "This is now your profile summary." if accepted else "Your previous summary is back."
        )


def _tone_picker() -> rx.Component:
    return rx.vstack(
        rx.text("Tone", size="2", weight="medium", id="summary-tone-label"),
        rx.radio_cards.root(
            *(
                rx.radio_cards.item(
                    rx.vstack(
                        rx.text(label, size="2", weight="bold"),
                        rx.text(hint, size="1", color=rx.color("gray", 11)),
                        spacing="0",
                        align="start",
                        width="100%",
                    ),
                    value=key,
                    justify_content="start",
                )
                for key, (label, hint) in TONES.items()
            ),
            value=SummaryState.tone,
            on_value_change=SummaryState.set_tone,
            columns=rx.breakpoints(initial="2", md="4"),
            spacing="2",
            width="100%",
            aria_labelledby="summary-tone-label",
        ),
        spacing="2",
        width="100%",
    )


def _choices() -> rx.Component:
    busy = SummaryState.loading | SummaryState.saving
    return rx.flex(
        rx.cond(
            SummaryState.accepted,
            rx.button(
                "Undo",
                variant="soft",
                color_scheme="gray",
                loading=SummaryState.saving,
                on_click=SummaryState.undo,
            ),
            rx.fragment(
                rx.button(
                    "Try again",
                    variant="soft",
                    color_scheme="gray",
                    disabled=busy,
                    on_click=SummaryState.generate,
                ),
                rx.button(
                    "Use this summary",
                    loading=SummaryState.saving,
                    disabled=busy,
                    on_click=SummaryState.accept,
                ),
            ),
        ),
        spacing="3",
        justify="end",
        wrap="wrap",
        width="100%",
    )


def _result() -> rx.Component:
    return rx.cond(
        SummaryState.loading,
        working("Writing your summary…"),
        rx.cond(
            SummaryState.suggestion != "",
            rx.vstack(
                suggestion_review(
                    original=SummaryState.original_parts,
                    suggestion=SummaryState.suggestion_parts,
                    claims=SummaryState.claims,
                    empty_original="Your profile has no summary yet.",
                    marked=SummaryState.compared,
                ),
                rx.cond(
                    SummaryState.cached,
                    rx.text(
                        "Reused from an earlier request (not counted).",
                        size="1",
                        color=rx.color("gray", 11),
                    ),
                ),
                _choices(),
                spacing="3",
                width="100%",
            ),
        ),
    )


@template(
    route=routes.AI_SUMMARY,
    title="Summary",
    description="Generate a profile summary from your own facts, in the tone you choose.",
    on_load=[AiState.load_ai, SummaryState.load],
    protected=True,
)
def summary_page() -> rx.Component:
    """Tone, Generate, then the suggestion beside the current summary."""
    return ai_page(
        routes.AI_SUMMARY,
        "Summary",
        "A summary written only from what your profile says: your roles, years, most-used "
        "skills and a real highlight. The tone changes the wording, never the facts.",
        panel(
            _tone_picker(),
            rx.button(
                rx.icon("sparkles", size=16),
                "Generate summary",
                size="3",
                loading=SummaryState.loading,
                on_click=SummaryState.generate,
                align_self="start",
            ),
            error_callout(SummaryState.error, SummaryState.quota_upgrade),
            rx.cond(
                SummaryState.notice,
                rx.callout(
                    SummaryState.notice,
                    icon="circle_check",
                    color_scheme="green",
                    role="status",
                    width="100%",
                ),
            ),
            _result(),
        ),
    )
