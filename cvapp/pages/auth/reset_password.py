"""Choosing a new password from the emailed link (``?token=``); every session is signed out."""

from __future__ import annotations

import asyncio
from typing import Any

import reflex as rx

from cvapp import routes
from cvapp.components.forms import field, form_alert, form_card, form_notice, submit_button
from cvapp.components.layout import template
from cvapp.components.links import page_link
from cvapp.db import session_scope
from cvapp.domain.auth import service as auth_service
from cvapp.domain.auth.password_policy import MIN_LENGTH
from cvapp.errors import DomainError
from cvapp.state.forms import describe
from cvapp.state.session import Caller, SessionState

_FORM = "reset"


def _reset(caller: Caller, token: str, new_password: str) -> None:
    with session_scope() as db:
        auth_service.confirm_password_reset(
            db, token=token, new_password=new_password, ip=caller.ip
        )


class ResetPasswordState(SessionState):
    loading: bool = False
    error: str = ""
    field_errors: dict[str, str] = {}
    done: bool = False
    has_token: bool = True

    def _token(self) -> str:
        return self.router.url.query_parameters.get("token", "")

    @rx.event
    def load(self) -> None:
        self.loading, self.error, self.field_errors, self.done = False, "", {}, False
        self.has_token = bool(self._token())

    @rx.event
    async def submit(self, form: dict[str, Any]):  # type: ignore[no-untyped-def]
        """Set the new password with the link's token."""
        if self.loading:
            return
        password, again = str(form.get("new_password", "")), str(form.get("confirm", ""))
        self.error, self.field_errors = "", {}
        if password != again:
            self.field_errors = {"confirm": "The two passwords differ"}
            return
        self.loading = True
        yield
        try:
            await asyncio.to_thread(_reset, self._caller(), self._token(), password)
        except DomainError as exc:
            self.error, self.field_errors = describe(exc, fields=("new_password",))
            return
        finally:
            self.loading = False
        self.done = True


def _form() -> rx.Component:
    errors = ResetPasswordState.field_errors
    return rx.form(
        rx.vstack(
            form_alert(ResetPasswordState.error),
            field(
                "New password",
                form=_FORM,
                name="new_password",
                type="password",
                auto_complete="new-password",
                hint=f"At least {MIN_LENGTH} characters.",
                error=errors.get("new_password", ""),
                required=True,
                auto_focus=True,
                min_length=MIN_LENGTH,
            ),
            field(
                "Repeat the new password",
                form=_FORM,
                name="confirm",
                type="password",
                auto_complete="new-password",
                error=errors.get("confirm", ""),
                required=True,
            ),
            submit_button("Set new password", loading=ResetPasswordState.loading, width="100%"),
            spacing="4",
            width="100%",
        ),
        on_submit=ResetPasswordState.submit,
        reset_on_submit=False,
        width="100%",
    )


def _done() -> rx.Component:
    return rx.vstack(
        form_notice("Your password was changed and every session was signed out."),
        rx.button(rx.el.a("Log in", href=routes.LOGIN), as_child=True, size="3", width="100%"),
        spacing="4",
        width="100%",
    )


def _no_token() -> rx.Component:
    return rx.vstack(
        form_alert("This link is incomplete. Open the link from the email again."),
        page_link("Ask for a new link", routes.FORGOT_PASSWORD, size="2"),
        spacing="4",
        width="100%",
    )


@template(
    route=routes.RESET_PASSWORD,
    title="Choose a new password",
    description="Choose a new password for your cvapp account.",
    on_load=ResetPasswordState.load,
)
def reset_password() -> rx.Component:
    """The new-password form, or what happened."""
    return form_card(
        "Choose a new password",
        "Every device signed in to your account will be signed out.",
        rx.cond(
            ResetPasswordState.done,
            _done(),
            rx.cond(ResetPasswordState.has_token, _form(), _no_token()),
        ),
        rx.cond(
            ResetPasswordState.error,
            page_link("Ask for a new link", routes.FORGOT_PASSWORD, size="2"),
        ),
    )
