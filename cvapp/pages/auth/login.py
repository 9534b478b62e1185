"""The login page: email and password, then the two-factor code when the account has one."""

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
from cvapp.domain.auth.schemas import AuthTokens, MfaChallenge
from cvapp.errors import DomainError, Unauthenticated
from cvapp.state.forms import describe
from cvapp.state.session import Caller, SessionState

_FORM = "login"


def _password_step(caller: Caller, email: str, password: str) -> AuthTokens | MfaChallenge:
    with session_scope() as db:
        return auth_service.login(
            db, email=email, password=password, ip=caller.ip, user_agent=caller.user_agent
        )


def _code_step(caller: Caller, mfa_token: str, code: str) -> AuthTokens:
    with session_scope() as db:
        return auth_service.complete_mfa_login(
            db, mfa_token=mfa_token, code=code, ip=caller.ip, user_agent=caller.user_agent
        )


class LoginState(SessionState):
    loading: bool = False
    error: str = ""
    field_errors: dict[str, str] = {}
    notice: str = ""
    code_step: bool = False
    _mfa_token: str = ""

    def _next_path(self) -> str:
        return routes.safe_next(self.router.url.query_parameters.get("next"))

    @rx.event
    def load(self) -> rx.event.EventSpec | None:
        """Start over; a signed-in visitor goes on at once, a renewable session is renewed."""
        self.loading = False
        self._password_step_again()
        has_next = bool(self.router.url.query_parameters.get("next"))
        self.notice = "Log in to continue." if has_next else ""
        if self.signed_in:
            return rx.redirect(self._next_path(), replace=True)
        self._renew_session(self._next_path())
        return None

    @rx.event
    def back_to_password(self) -> None:
        self._password_step_again()

    def _password_step_again(self) -> None:
        self.code_step, self._mfa_token, self.error, self.field_errors = False, "", "", {}

    @rx.event
    async def submit(self, form: dict[str, Any]):  # type: ignore[no-untyped-def]
        """Check the password (or the second factor), then hand the session to the browser."""
        if self.loading:
            return
        self.loading, self.error, self.field_errors, self.notice = True, "", {}, ""
        yield
        caller = self._caller()
        try:
            if self.code_step:
                code = str(form.get("code", ""))
                result: AuthTokens | MfaChallenge = await asyncio.to_thread(
                    _code_step, caller, self._mfa_token, code
                )
            else:
                email, password = str(form.get("email", "")), str(form.get("password", ""))
                result = await asyncio.to_thread(_password_step, caller, email, password)
        except DomainError as exc:
            self.loading = False
            if self.code_step and isinstance(exc, Unauthenticated):  # the 5-minute step ran out
                self._password_step_again()
                self.error = "That took too long. Enter your password again."
            else:
                self.error, self.field_errors = describe(exc, fields=("email", "code"))
            yield rx.set_value(f"{_FORM}-password" if not self.code_step else f"{_FORM}-code", "")
            return
        if isinstance(result, MfaChallenge):
            self.loading, self.code_step, self._mfa_token = False, True, result.mfa_token
            return
        self._hand_off(result, self._next_path())  # stays "loading" until the page changes


def _password_form() -> rx.Component:
    forgot = page_link("Forgot password?", routes.FORGOT_PASSWORD, size="2")
    return rx.form(
        rx.vstack(
            form_alert(LoginState.error),
            field(
                "Email",
                form=_FORM,
                name="email",
                type="email",
                auto_complete="username",
                error=LoginState.field_errors.get("email", ""),
                required=True,
                auto_focus=True,
            ),
            field(
                "Password",
                form=_FORM,
                name="password",
                type="password",
                auto_complete="current-password",
                required=True,
            ),
            rx.flex(forgot, justify="end", width="100%", margin_top="-8px"),
            submit_button("Log in", loading=LoginState.loading, width="100%"),
            spacing="4",
            width="100%",
        ),
        on_submit=LoginState.submit,
        reset_on_submit=False,
        width="100%",
    )


def _code_form() -> rx.Component:
    return rx.form(
        rx.vstack(
            form_alert(LoginState.error),
            field(
                "Authentication code",
                form=_FORM,
                name="code",
                auto_complete="one-time-code",
                hint="The 6-digit code from your authenticator app, or a recovery code.",
                error=LoginState.field_errors.get("code", ""),
                required=True,
                auto_focus=True,
                spell_check=False,
                auto_capitalize="none",
            ),
            submit_button("Verify", loading=LoginState.loading, width="100%"),
            rx.button(
                "Back",
                type="button",
                variant="ghost",
                size="2",
                on_click=LoginState.back_to_password,
            ),
            spacing="4",
            width="100%",
        ),
        on_submit=LoginState.submit,
        reset_on_submit=False,
        width="100%",
    )


@template(
    route=routes.LOGIN,
    title="Log in",
    description="Log in to your cvapp account.",
    on_load=LoginState.load,
)
def login() -> rx.Component:
    """The password form, or the second-factor form once the password was right."""
    return form_card(
        rx.cond(LoginState.code_step, "Two-factor authentication", "Log in"),
        rx.cond(
            LoginState.code_step,
            "Enter the code your authenticator app shows for cvapp.",
            "Welcome back. Log in to your career record.",
        ),
        rx.cond(
            LoginState.notice,
            rx.callout(LoginState.notice, icon="info", color_scheme="blue", width="100%"),
        ),
        rx.cond(LoginState.code_step, _code_form(), _password_form()),
        form_aside("No account yet?", page_link("Sign up", routes.REGISTER)),
    )
