"""Changing the account's address: a link goes to the new one, which must confirm it."""

from __future__ import annotations

import asyncio
from typing import Any

import reflex as rx

from cvapp.components.forms import field, form_alert, form_notice, submit_button
from cvapp.db import session_scope
from cvapp.domain.auth import service as auth_service
from cvapp.errors import DomainError
from cvapp.state.forms import describe
from cvapp.state.session import Caller, SessionState, signed_in_user

_FORM = "email-change"


def _request_change(caller: Caller, new_email: str, password: str) -> bool:
    """False when the caller is not signed in (any more)."""
    with session_scope() as db:
        found = signed_in_user(db, caller)
        if found is None:
            return False
        auth_service.request_email_change(
            db, user=found[0], new_email=new_email, password=password, ip=caller.ip
        )
        return True


class EmailChangeState(SessionState):
    loading: bool = False
    error: str = ""
    field_errors: dict[str, str] = {}
    notice: str = ""

    @rx.event
    def load(self) -> None:
        self.loading, self.error, self.field_errors, self.notice = False, "", {}, ""

    @rx.event
    async def submit(self, form: dict[str, Any]):  # type: ignore[no-untyped-def]
        """Send the confirmation link to the new address (the password proves it is you)."""
        if self.loading:
            return
        new_email = str(form.get("new_email", "")).strip()
        self.loading, self.error, self.field_errors, self.notice = True, "", {}, ""
        yield
        try:
            ok = await asyncio.to_thread(
                _request_change, self._caller(), new_email, str(form.get("password", ""))
            )
        except DomainError as exc:
            self.error, self.field_errors = describe(exc, fields=("new_email", "password"))
            return
        finally:
            self.loading = False
        if not ok:
            yield self._session_lost()
            return
        self.notice = (
            f"We sent a link to {new_email}. Your address changes when you open it "
            "(within 24 hours)."
        )
        yield rx.set_value(f"{_FORM}-password", "")


def email_form() -> rx.Component:
    """New address and current password."""
    errors = EmailChangeState.field_errors
    return rx.form(
        rx.vstack(
            form_notice(EmailChangeState.notice),
            form_alert(EmailChangeState.error),
            field(
                "New email address",
                form=_FORM,
                name="new_email",
                type="email",
                auto_complete="email",
                error=errors.get("new_email", ""),
                required=True,
            ),
            field(
                "Current password",
                form=_FORM,
                name="password",
                type="password",
                auto_complete="current-password",
                error=errors.get("password", ""),
                required=True,
            ),
            submit_button("Send confirmation link", loading=EmailChangeState.loading),
            spacing="4",
            width="100%",
            align="start",
        ),
        on_submit=EmailChangeState.submit,
        reset_on_submit=False,
        width="100%",
    )
