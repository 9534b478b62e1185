"""Opening the sign-up link (``?token=``): the password chosen on the form creates the
account, already verified, and signs it in (sign-up confirmation, see settings)."""

from __future__ import annotations

import asyncio
from typing import Any

import reflex as rx

from cvapp import routes
from cvapp.components.forms import field, form_alert, form_aside, form_card, submit_button
from cvapp.components.layout import template
from cvapp.components.links import page_link
from cvapp.db import session_scope
from cvapp.domain.auth import service as auth_service
from cvapp.domain.auth.schemas import AuthTokens
from cvapp.errors import DomainError
from cvapp.state.forms import describe
from cvapp.state.session import Caller, SessionState

_FORM = "confirm-signup"


def _confirm(caller: Caller, token: str, password: str) -> AuthTokens:
    with session_scope() as db:
        return auth_service.confirm_signup(
            db, token=token, password=password, ip=caller.ip, user_agent=caller.user_agent
        )


class ConfirmSignupState(SessionState):
    loading: bool = False
    error: str = ""
    field_errors: dict[str, str] = {}
    has_token: bool = True

    def _token(self) -> str:
        return self.router.url.query_parameters.get("token", "")

    @rx.event
    def load(self) -> None:
        self.loading, self.error, self.field_errors = False, "", {}
        self.has_token = bool(self._token())

    @rx.event
    async def submit(self, form: dict[str, Any]):  # type: ignore[no-untyped-def]
        """Create the account with the link's token and the password typed again."""
        if self.loading:
            return
        self.loading, self.error, self.field_errors = True, "", {}
        yield
        try:
            tokens = await asyncio.to_thread(
                _confirm, self._caller(), self._token(), str(form.get("password", ""))
            )
        except DomainError as exc:
            self.loading = False
            self.error, self.field_errors = describe(exc, fields=("password",))
            return
        # Where a sign-up without confirmation lands too.
        self._hand_off(tokens, routes.DASHBOARD)


def _form() -> rx.Component:
    return rx.form(
        rx.vstack(
            form_alert(ConfirmSignupState.error),
            field(
                "Password",
                form=_FORM,
                name="password",
                type="password",
                auto_complete="current-password",
                hint="The password you chose on the sign-up form.",
                error=ConfirmSignupState.field_errors.get("password", ""),
                required=True,
                auto_focus=True,
            ),
            submit_button("Create my account", loading=ConfirmSignupState.loading, width="100%"),
            spacing="4",
            width="100%",
        ),
        on_submit=ConfirmSignupState.submit,
        reset_on_submit=False,
        width="100%",
    )


def _no_token() -> rx.Component:
    return form_alert("This link is incomplete. Open the link from the email again.")


@template(
    route=routes.CONFIRM_SIGNUP,
    title="Finish signing up",
    description="Confirm your address to create your cvapp account.",
    on_load=ConfirmSignupState.load,
)
def confirm_signup() -> rx.Component:
    """The password form that turns a confirmed sign-up into an account."""
    return form_card(
        "Finish creating your account",
        "Your address is confirmed. Enter the password you chose to create the account.",
        rx.cond(ConfirmSignupState.has_token, _form(), _no_token()),
        rx.cond(
            ConfirmSignupState.error,
            form_aside("Link expired?", page_link("Sign up again", routes.REGISTER)),
        ),
    )
