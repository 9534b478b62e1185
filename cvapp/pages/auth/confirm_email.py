"""Opening the link sent to a new address (``?token=``): it becomes the account's address."""

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


class ConfirmEmailState(SessionState):
    working: bool = True
    new_address: str = ""
    error: str = ""
    # The token this tab spent, so that loading the page again keeps showing the success.
    _spent: str = ""

    @rx.event
    @off_loop
    def load(self) -> None:
        """Spend the link's token; the old address is told by mail."""
        token = self.router.url.query_parameters.get("token", "")
        if token and token == self._spent:
            return
        self.working, self.new_address, self.error = True, "", ""
        try:
            with session_scope() as db:
                user = auth_service.confirm_email_change(
                    db, token=token, ip=self.router.session.client_ip or None
                )
        except DomainError as exc:
            self.error = describe(exc, fields=())[0]
        else:
            self.new_address, self._spent = user.email, token
            if user.id == self._user_id:
                self.user_email, self.email_verified = user.email, True
        self.working = False


@template(
    route=routes.CONFIRM_EMAIL,
    title="Confirm your new email",
    description="Confirm the new email address of your cvapp account.",
    on_load=ConfirmEmailState.load,
)
def confirm_email() -> rx.Component:
    """What became of the link."""
    target = rx.cond(ConfirmEmailState.signed_in, routes.SETTINGS, routes.LOGIN)
    label = rx.cond(ConfirmEmailState.signed_in, "Back to your settings", "Log in")
    return form_card(
        "New email address",
        "Confirming the new address of your account.",
        rx.cond(
            ConfirmEmailState.working,
            rx.hstack(rx.spinner(), rx.text("Checking the link…"), spacing="2", role="status"),
            rx.cond(
                ConfirmEmailState.new_address,
                form_notice("Done: you now sign in with " + ConfirmEmailState.new_address + "."),
                form_alert(ConfirmEmailState.error),
            ),
        ),
        rx.cond(
            ConfirmEmailState.working,
            rx.fragment(),
            rx.button(rx.el.a(label, href=target), as_child=True, size="3", width="100%"),
        ),
    )
