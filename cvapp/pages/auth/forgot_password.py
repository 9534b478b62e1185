"""Asking for a password-reset link; the answer never tells whether the address has an account."""

from __future__ import annotations

import asyncio
from typing import Any

import reflex as rx

from cvapp import routes
from cvapp.components.forms import (
    field,
    form_alert,
    form_aside,
    form_card,
    form_notice,
    submit_button,
)
from cvapp.components.layout import template
from cvapp.components.links import page_link
from cvapp.db import session_scope
from cvapp.domain.auth import service as auth_service
from cvapp.errors import DomainError
from cvapp.state.forms import describe
from cvapp.state.session import Caller, SessionState

_FORM = "forgot"


def _request_reset(caller: Caller, email: str) -> None:
    with session_scope() as db:
        auth_service.request_password_reset(db, email=email, ip=caller.ip)


class ForgotPasswordState(SessionState):
    loading: bool = False
    error: str = ""
    field_errors: dict[str, str] = {}
    sent_to: str = ""

    @rx.event
    def load(self) -> None:
        self.loading, self.error, self.field_errors, self.sent_to = False, "", {}, ""

    @rx.event
    async def submit(self, form: dict[str, Any]):  # type: ignore[no-untyped-def]
        """Queue the reset mail (if the account exists) and say the same thing either way."""
        if self.loading:
            return
        email = str(form.get("email", "")).strip()
        self.loading, self.error, self.field_errors = True, "", {}
        yield
        try:
            await asyncio.to_thread(_request_reset, self._caller(), email)
        except DomainError as exc:
            self.error, self.field_errors = describe(exc, fields=("email",))
            return
        finally:
            self.loading = False
        self.sent_to = email


def _form() -> rx.Component:
    return rx.form(
        rx.vstack(
            form_alert(ForgotPasswordState.error),
            field(
                "Email",
                form=_FORM,
                name="email",
                type="email",
                auto_complete="email",
                error=ForgotPasswordState.field_errors.get("email", ""),
                required=True,
                auto_focus=True,
            ),
            submit_button("Send reset link", loading=ForgotPasswordState.loading, width="100%"),
            spacing="4",
            width="100%",
        ),
        on_submit=ForgotPasswordState.submit,
        reset_on_submit=False,
        width="100%",
    )


def _sent() -> rx.Component:
    return rx.vstack(
        form_notice(
            "If an account exists for "
            + ForgotPasswordState.sent_to
            + ", we sent it a link to choose a new password. The link works once, for one hour."
        ),
        rx.button(
            "Use another address",
            variant="soft",
            on_click=ForgotPasswordState.load,
            type="button",
        ),
        spacing="4",
        width="100%",
    )


@template(
    route=routes.FORGOT_PASSWORD,
    title="Forgot password",
    description="Get a link to choose a new cvapp password.",
    on_load=ForgotPasswordState.load,
)
def forgot_password() -> rx.Component:
    """The address form, then the confirmation."""
    return form_card(
        "Forgot your password?",
        "Enter your account's email address and we will send you a link to choose a new one.",
        rx.cond(ForgotPasswordState.sent_to, _sent(), _form()),
        form_aside("Remembered it?", page_link("Log in", routes.LOGIN)),
    )
