"""The sign-up page: name, email, password and the privacy policy; signs the new user in."""

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
    submit_button,
)
from cvapp.components.layout import template
from cvapp.components.links import page_link
from cvapp.db import session_scope
from cvapp.domain.auth import service as auth_service
from cvapp.domain.auth.password_policy import MIN_LENGTH
from cvapp.domain.auth.schemas import AuthTokens
from cvapp.errors import DomainError
from cvapp.settings import get_settings
from cvapp.state.forms import describe
from cvapp.state.session import Caller, SessionState

_FORM = "register"
_FIELDS = ("full_name", "email", "password", "accept_privacy_version")


def _register(caller: Caller, form: dict[str, Any]) -> AuthTokens | None:
    """The new account's first session; None when the server confirms sign-ups by mail."""
    accepted = form.get("accept_privacy") in ("on", "true", True)
    version = auth_service.current_privacy_policy().version if accepted else ""
    data = {
        "email": str(form.get("email", "")),
        "password": str(form.get("password", "")),
        "full_name": str(form.get("full_name", "")),
        "accept_privacy_version": version,
        "ip": caller.ip,
    }
    with session_scope() as db:
        if get_settings().confirms_signup:
            auth_service.request_signup(db, **data)
            return None
        return auth_service.register(db, **data, user_agent=caller.user_agent)


class RegisterState(SessionState):
    loading: bool = False
    error: str = ""
    field_errors: dict[str, str] = {}
    # The address a confirmation link was mailed to (sign-up confirmation on).
    sent_to: str = ""

    def _next_path(self) -> str:
        return routes.safe_next(self.router.url.query_parameters.get("next"))

    @rx.event
    def load(self) -> rx.event.EventSpec | None:
        """A clean form; a signed-in visitor goes straight on."""
        self.loading, self.error, self.field_errors, self.sent_to = False, "", {}, ""
        if self.signed_in:
            return rx.redirect(self._next_path(), replace=True)
        return None

    @rx.event
    async def submit(self, form: dict[str, Any]):  # type: ignore[no-untyped-def]
        """Create the account, then hand its first session to the browser."""
        if self.loading:
            return
        self.loading, self.error, self.field_errors = True, "", {}
        yield
        try:
            tokens = await asyncio.to_thread(_register, self._caller(), form)
        except DomainError as exc:
            self.loading = False
            self.error, self.field_errors = describe(exc, fields=_FIELDS)
            return
        if tokens is None:
            self.loading, self.sent_to = False, str(form.get("email", "")).strip()
            return
        self._hand_off(tokens, self._next_path())


def _privacy_consent() -> rx.Component:
    version = auth_service.current_privacy_policy().version
    error = RegisterState.field_errors.get("accept_privacy_version", "")
    return rx.vstack(
        rx.el.label(
            rx.hstack(
                rx.checkbox(
                    id=f"{_FORM}-accept_privacy",
                    name="accept_privacy",
                    size="2",
                    margin_top="3px",
                    aria_describedby=f"{_FORM}-accept_privacy-message",
                    aria_labelledby=f"{_FORM}-accept_privacy-label",
                ),
                rx.text(
                    "I have read and accept the ",
                    rx.link("privacy policy", href=routes.PRIVACY, is_external=True),
                    f" (version {version}).",
                    size="2",
                    id=f"{_FORM}-accept_privacy-label",
                ),
                spacing="2",
                align="start",
            ),
        ),
        rx.cond(
            error,
            rx.text(
                error, id=f"{_FORM}-accept_privacy-message", size="2", color=rx.color("red", 11)
            ),
        ),
        spacing="1",
        width="100%",
    )


def _form() -> rx.Component:
    errors = RegisterState.field_errors
    return rx.form(
        rx.vstack(
            form_alert(RegisterState.error),
            field(
                "Full name",
                form=_FORM,
                name="full_name",
                auto_complete="name",
                error=errors.get("full_name", ""),
                required=True,
                auto_focus=True,
            ),
            field(
                "Email",
                form=_FORM,
                name="email",
                type="email",
                auto_complete="email",
                error=errors.get("email", ""),
                required=True,
            ),
            field(
                "Password",
                form=_FORM,
                name="password",
                type="password",
                auto_complete="new-password",
                hint=f"At least {MIN_LENGTH} characters. A passphrase is easiest to remember.",
                error=errors.get("password", ""),
                required=True,
                min_length=MIN_LENGTH,
            ),
            _privacy_consent(),
            submit_button("Create account", loading=RegisterState.loading, width="100%"),
            spacing="4",
            width="100%",
        ),
        on_submit=RegisterState.submit,
        reset_on_submit=False,
        width="100%",
    )


@template(
    route=routes.REGISTER,
    title="Sign up",
    description="Create a free cvapp account.",
    on_load=RegisterState.load,
)
def register() -> rx.Component:
    """The sign-up form."""
    return form_card(
        "Create your account",
        "One record of your career, every CV you need.",
        rx.cond(RegisterState.sent_to, _check_inbox(), _form()),
        form_aside("Already have an account?", page_link("Log in", routes.LOGIN)),
    )


def _check_inbox() -> rx.Component:
    """After a sign-up the server confirms by mail: the same words for every address."""
    return rx.vstack(
        rx.callout(
            "Check your inbox: we sent a link to "
            + RegisterState.sent_to
            + ". Open it and enter the password you just chose to finish creating your "
            "account (the link works for 24 hours).",
            icon="mail",
            color_scheme="green",
            role="status",
            width="100%",
        ),
        rx.text(
            "No mail after a few minutes? Look in the spam folder, or sign up again. If this "
            "address already has an account, the mail tells you how to sign in instead.",
            size="2",
            color=rx.color("gray", 11),
        ),
        spacing="3",
        width="100%",
    )
