"""Changing the password: every other session is signed out, this one gets new cookies."""

from __future__ import annotations

import asyncio
from typing import Any

import reflex as rx

from cvapp import routes
from cvapp.components.forms import field, form_alert, form_notice, submit_button
from cvapp.db import session_scope
from cvapp.domain.auth import service as auth_service
from cvapp.domain.auth.password_policy import MIN_LENGTH
from cvapp.domain.auth.schemas import AuthTokens
from cvapp.errors import DomainError
from cvapp.state.forms import describe
from cvapp.state.session import Caller, SessionState, signed_in_user

_FORM = "password-change"
_FIELDS = ("current_password", "new_password")


def _change_password(caller: Caller, current: str, new: str) -> AuthTokens | None:
    """The new session of this device; None when the caller is not signed in (any more)."""
    with session_scope() as db:
        found = signed_in_user(db, caller)
        if found is None:
            return None
        return auth_service.change_password(
            db,
            user=found[0],
            current_password=current,
            new_password=new,
            ip=caller.ip,
            user_agent=caller.user_agent,
        )


class PasswordChangeState(SessionState):
    loading: bool = False
    error: str = ""
    field_errors: dict[str, str] = {}
    notice: str = ""
    # Survives the page load that installs the new cookies, to say it worked.
    _changed: bool = False

    @rx.event
    def load(self) -> None:
        self.loading, self.error, self.field_errors = False, "", {}
        changed = "Password changed. Every other device was signed out."
        self.notice, self._changed = (changed if self._changed else ""), False

    @rx.event
    async def submit(self, form: dict[str, Any]):  # type: ignore[no-untyped-def]
        """Check the current password, set the new one, and renew this device's cookies."""
        if self.loading:
            return
        current, new = str(form.get("current_password", "")), str(form.get("new_password", ""))
        self.error, self.notice, self.field_errors = "", "", {}
        if new != str(form.get("confirm", "")):
            self.field_errors = {"confirm": "The two new passwords differ"}
            return
        self.loading = True
        yield
        try:
            tokens = await asyncio.to_thread(_change_password, self._caller(), current, new)
        except DomainError as exc:
            self.loading = False
            self.error, self.field_errors = describe(exc, fields=_FIELDS)
            return
        if tokens is None:
            self.loading = False
            yield self._session_lost()
            return
        self._changed = True
        self._hand_off(tokens, routes.SETTINGS)


def password_form() -> rx.Component:
    """Current password, new password twice."""
    errors = PasswordChangeState.field_errors
    return rx.form(
        rx.vstack(
            form_notice(PasswordChangeState.notice),
            form_alert(PasswordChangeState.error),
            field(
                "Current password",
                form=_FORM,
                name="current_password",
                type="password",
                auto_complete="current-password",
                error=errors.get("current_password", ""),
                required=True,
            ),
            field(
                "New password",
                form=_FORM,
                name="new_password",
                type="password",
                auto_complete="new-password",
                hint=f"At least {MIN_LENGTH} characters.",
                error=errors.get("new_password", ""),
                required=True,
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
            submit_button("Change password", loading=PasswordChangeState.loading),
            spacing="4",
            width="100%",
            align="start",
        ),
        on_submit=PasswordChangeState.submit,
        reset_on_submit=False,
        width="100%",
    )
