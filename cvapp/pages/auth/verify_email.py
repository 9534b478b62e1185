"""Opening the verification link (``?token=``): the address is marked verified."""

from __future__ import annotations

import reflex as rx

from cvapp import routes
from cvapp.components.forms import form_alert, form_card, form_notice
from cvapp.components.layout import template
from cvapp.db import session_scope
from cvapp.domain.auth import service as auth_service
from cvapp.errors import DomainError
from cvapp.state.forms import describe
from cvapp.state.session import SessionState, off_loop


class VerifyEmailState(SessionState):
    working: bool = True
    verified: bool = False
    error: str = ""
    # The token this tab spent, so that loading the page again keeps showing the success.
    _spent: str = ""

    @rx.event
    @off_loop
    def load(self) -> None:
        """Spend the link's token (no password needed: having the mail is the proof)."""
        token = self.router.url.query_parameters.get("token", "")
        if token and token == self._spent:
            return
        self.working, self.verified, self.error = True, False, ""
        try:
            with session_scope() as db:
                user = auth_service.verify_email(db, token=token)
        except DomainError as exc:
            self.error = describe(exc, fields=())[0]
        else:
            self.verified, self._spent = True, token
            if user.id == self._user_id:
                self.email_verified = True
        self.working = False


def _next_step() -> rx.Component:
    target = rx.cond(VerifyEmailState.signed_in, routes.DASHBOARD, routes.LOGIN)
    label = rx.cond(VerifyEmailState.signed_in, "Go to your dashboard", "Log in")
    return rx.button(rx.el.a(label, href=target), as_child=True, size="3", width="100%")


@template(
    route=routes.VERIFY_EMAIL,
    title="Verify your email",
    description="Confirm the email address of your cvapp account.",
    on_load=VerifyEmailState.load,
)
def verify_email() -> rx.Component:
    """What became of the link."""
    return form_card(
        "Email verification",
        "Confirming that this address is yours.",
        rx.cond(
            VerifyEmailState.working,
            rx.hstack(rx.spinner(), rx.text("Checking the link…"), spacing="2", role="status"),
            rx.cond(
                VerifyEmailState.verified,
                form_notice("Thank you, your email address is verified."),
                form_alert(VerifyEmailState.error),
            ),
        ),
        rx.cond(VerifyEmailState.working, rx.fragment(), _next_step()),
    )
