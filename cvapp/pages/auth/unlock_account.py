"""Opening the lock mail's link (``?token=``): the account lock ends for this device."""

from __future__ import annotations

import reflex as rx

from cvapp import routes
from cvapp.components.forms import form_alert, form_card, form_notice
from cvapp.components.layout import template
from cvapp.components.links import page_link
from cvapp.db import session_scope
from cvapp.domain.auth import service as auth_service
from cvapp.errors import DomainError
from cvapp.state.forms import describe
from cvapp.state.session import SessionState, off_loop


class UnlockAccountState(SessionState):
    working: bool = True
    unlocked: bool = False
    error: str = ""
    # The token this tab spent, so that loading the page again keeps showing the success.
    _spent: str = ""

    @rx.event
    @off_loop
    def load(self) -> None:
        """Spend the link's token for this browser's client address."""
        token = self.router.url.query_parameters.get("token", "")
        if token and token == self._spent:
            return
        self.working, self.unlocked, self.error = True, False, ""
        try:
            with session_scope() as db:
                auth_service.unlock_account(db, token=token, ip=self._caller().ip)
        except DomainError as exc:
            self.error = describe(exc, fields=())[0]
        else:
            self.unlocked, self._spent = True, token
        self.working = False


@template(
    route=routes.UNLOCK_ACCOUNT,
    title="Unlock your account",
    description="End the lock on your cvapp account for this device.",
    on_load=UnlockAccountState.load,
)
def unlock_account() -> rx.Component:
    """What became of the link."""
    return form_card(
        "Unlock your account",
        "Sign-in attempts that were not yours locked the account for unknown devices.",
        rx.cond(
            UnlockAccountState.working,
            rx.hstack(rx.spinner(), rx.text("Checking the link…"), spacing="2", role="status"),
            rx.cond(
                UnlockAccountState.unlocked,
                rx.vstack(
                    form_notice("Your account is unlocked on this device: you can log in now."),
                    rx.button(
                        rx.el.a("Log in", href=routes.LOGIN), as_child=True, size="3", width="100%"
                    ),
                    rx.text(
                        "If the attempts were not yours, choose a new password after you log in.",
                        size="2",
                        color=rx.color("gray", 11),
                    ),
                    spacing="4",
                    width="100%",
                ),
                rx.vstack(
                    form_alert(UnlockAccountState.error),
                    page_link("Forgot your password?", routes.FORGOT_PASSWORD, size="2"),
                    spacing="3",
                    width="100%",
                ),
            ),
        ),
    )
