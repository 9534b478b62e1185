"""The account's security log at /app/settings/activity: sign-ins and changes, newest first."""

from __future__ import annotations

import dataclasses
from typing import Any

import reflex as rx

from cvapp import routes
from cvapp.components.layout import template
from cvapp.components.settings_layout import settings_page, settings_section
from cvapp.domain.auth import service as auth_service
from cvapp.models import AuditEvent
from cvapp.pages.account.sessions import when
from cvapp.state.session import SessionState, off_loop

PAGE_SIZE = 20

_TITLES = {
    "auth.registered": "Account created",
    "auth.login": "Signed in",
    "auth.login_failed": "Failed sign-in attempt",
    "auth.locked": "Account locked",
    "auth.unlocked": "Account unlocked from the emailed link",
    "auth.logout": "Signed out",
    "auth.logout_all": "Signed out everywhere",
    "auth.session_revoked": "A device was signed out",
    "auth.token_reuse_detected": "A copied sign-in token was refused; its session was ended",
    "auth.password_changed": "Password changed",
    "auth.password_reset_requested": "Password reset link requested",
    "auth.password_reset": "Password reset from the emailed link",
    "auth.email_verified": "Email address verified",
    "auth.email_change_requested": "Email address change requested",
    "auth.email_changed": "Email address changed",
    "auth.totp_enabled": "Two-factor authentication turned on",
    "auth.totp_disabled": "Two-factor authentication turned off",
    "auth.recovery_codes_regenerated": "New recovery codes made",
    "auth.recovery_code_used": "Recovery code used",
    "account.consent_given": "Privacy policy accepted",
    "account.deleted": "Account deletion requested",
    "account.export_requested": "Data export requested",
    "account.purged": "Account data erased",
    "account.restored": "Account restored",
    "apikeys.created": "API key created",
    "apikeys.revoked": "API key revoked",
    "plans.changed": "Plan changed",
}


def title(action: str) -> str:
    """An activity's title in words; an action without one still reads as words."""
    if action in _TITLES:
        return _TITLES[action]
    words = action.rpartition(".")[2].replace("_", " ")
    return words[:1].upper() + words[1:]


_LOGIN_METHODS = {
    "password": "with password",
    "totp": "with password and two-factor code",
    "register": "after sign-up",
    "demo": "from “Try the demo”",
}
_FAILURES = {"password": "wrong password", "second_factor": "wrong two-factor code"}


def _detail(action: str, details: dict[str, Any]) -> str:
    """The one detail worth showing for ``action``, in words ("" when there is none)."""
    if action == "auth.login":
        return _LOGIN_METHODS.get(str(details.get("method")), "")
    if action == "auth.login_failed":
        return _FAILURES.get(str(details.get("reason")), "")
    if action == "auth.locked" and "minutes" in details:
        return f"for {details['minutes']} minutes"
    if action == "auth.email_changed" and "new_email" in details:
        return f"{details.get('old_email', '')} → {details['new_email']}"
    if action == "auth.recovery_code_used" and "remaining" in details:
        return f"{details['remaining']} left"
    if "sessions_revoked" in details:
        return _signed_out(details["sessions_revoked"])
    if action == "auth.logout_all" and "sessions" in details:
        return _signed_out(details["sessions"])
    return ""


def _signed_out(count: object) -> str:
    return f"{count} session{'' if count == 1 else 's'} signed out"


@dataclasses.dataclass(frozen=True)
class EventRow:
    id: str
    title: str
    detail: str
    at: str
    ip: str
    warning: bool

    @classmethod
    def of(cls, event: AuditEvent) -> EventRow:
        return cls(
            id=event.id,
            title=title(event.action),
            detail=_detail(event.action, event.details or {}),
            at=when(event.created_at),
            ip=event.ip or "",
            warning=event.action
            in ("auth.login_failed", "auth.locked", "auth.token_reuse_detected"),
        )


class ActivityState(SessionState):
    rows: list[EventRow] = []
    page: int = 1
    pages: int = 1
    total: int = 0

    @rx.event
    @off_loop
    def load(self) -> None:
        self._show(1)

    @rx.event
    @off_loop
    def go_to(self, page: int) -> None:
        self._show(page)

    def _show(self, page: int) -> None:
        with self._signed_in(quiet=True) as (db, user):
            page = max(1, page)
            events, total = auth_service.list_audit_events(
                db, user_id=user.id, offset=(page - 1) * PAGE_SIZE, limit=PAGE_SIZE
            )
        self.rows = [EventRow.of(event) for event in events]
        self.page, self.total, self.pages = page, total, max(1, -(-total // PAGE_SIZE))


def _row(row: EventRow) -> rx.Component:
    return rx.table.row(
        rx.table.cell(
            rx.hstack(
                rx.box(
                    rx.cond(
                        row.warning,
                        rx.icon("triangle-alert", size=14, color=rx.color("amber", 10)),
                        rx.icon("dot", size=14, color=rx.color("gray", 9)),
                    ),
                    flex_shrink="0",
                    padding_top="3px",
                ),
                rx.vstack(
                    rx.text(row.title, size="2", weight="medium"),
                    rx.cond(row.detail, rx.text(row.detail, size="1", color=rx.color("gray", 11))),
                    spacing="0",
                ),
                spacing="2",
                align="start",
            ),
        ),
        rx.table.cell(rx.text(row.at, size="1", white_space="nowrap")),
        rx.table.cell(rx.text(row.ip, size="1"), display=["none", "table-cell"]),
    )


def _pager() -> rx.Component:
    return rx.hstack(
        rx.button(
            rx.icon("chevron-left", size=14),
            "Newer",
            size="1",
            variant="soft",
            disabled=ActivityState.page <= 1,
            on_click=ActivityState.go_to(ActivityState.page - 1),
        ),
        rx.text("Page ", ActivityState.page, " of ", ActivityState.pages, size="1"),
        rx.button(
            "Older",
            rx.icon("chevron-right", size=14),
            size="1",
            variant="soft",
            disabled=ActivityState.page >= ActivityState.pages,
            on_click=ActivityState.go_to(ActivityState.page + 1),
        ),
        spacing="3",
        align="center",
    )


@template(
    route=routes.SETTINGS_ACTIVITY,
    title="Account activity",
    description="Sign-ins and security changes of your cvapp account.",
    on_load=ActivityState.load,
    protected=True,
)
def activity() -> rx.Component:
    """The log as a table, paged."""
    return settings_page(
        routes.SETTINGS_ACTIVITY,
        settings_section(
            "Security activity",
            "Sign-ins, failed attempts and changes to your account. Not you? Change your "
            "password and sign out everywhere.",
            rx.table.root(
                rx.table.header(
                    rx.table.row(
                        rx.table.column_header_cell("Event"),
                        rx.table.column_header_cell("When"),
                        rx.table.column_header_cell("IP address", display=["none", "table-cell"]),
                    ),
                ),
                rx.table.body(rx.foreach(ActivityState.rows, _row)),
                size="1",
                width="100%",
            ),
            rx.cond(ActivityState.pages > 1, _pager()),
        ),
    )
