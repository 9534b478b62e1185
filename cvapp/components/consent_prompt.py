"""The prompt to accept a new privacy-policy version, over any page of a signed-in user."""

from __future__ import annotations

import reflex as rx

from cvapp import routes
from cvapp.db import session_scope
from cvapp.domain.account import consent
from cvapp.errors import DomainError
from cvapp.state.forms import describe
from cvapp.state.session import SessionState, off_loop


class ConsentState(SessionState):
    """``required`` while the signed-in user has not accepted the policy in force."""

    required: bool = False
    version: str = ""
    error: str = ""

    @rx.event
    @off_loop
    def check(self) -> None:
        with session_scope() as db:
            user = self._check(db)
            state = consent.status(db, user_id=user.id) if user else None
        self.required = bool(state and state.required)
        self.version = state.current_version if state else ""

    @rx.event
    @off_loop
    def accept(self):  # type: ignore[no-untyped-def]
        self.error = ""
        try:
            with self._signed_in() as (db, user):
                consent.accept_privacy_policy(
                    db, user=user, version=self.version, ip=self._caller().ip
                )
        except DomainError as exc:
            self.error = describe(exc, fields=())[0]
            return
        self.required = False


def consent_prompt() -> rx.Component:
    """Checks on every page load; a modal dialog until the new policy is accepted."""
    return rx.fragment(
        rx.box(display="none", on_mount=ConsentState.check),
        rx.alert_dialog.root(
            rx.alert_dialog.content(
                rx.alert_dialog.title("Our privacy policy has changed"),
                rx.alert_dialog.description(
                    "Please read the new version (",
                    ConsentState.version,
                    ") and accept it to go on using cvapp. You can download or delete your "
                    "data at any time in Settings › Privacy & data.",
                    size="2",
                ),
                rx.cond(
                    ConsentState.error,
                    rx.callout(ConsentState.error, color_scheme="red", margin_top="12px"),
                ),
                rx.flex(
                    rx.link(
                        "Read the privacy policy",
                        href=routes.PRIVACY,
                        is_external=True,
                        size="2",
                    ),
                    rx.button("I accept", on_click=ConsentState.accept),
                    gap="16px",
                    justify="end",
                    align="center",
                    wrap="wrap",
                    margin_top="16px",
                ),
                max_width="480px",
            ),
            open=ConsentState.required,
        ),
    )
