"""The devices signed in to the account: sign one out, or every one (this one too)."""

from __future__ import annotations

import dataclasses
from datetime import datetime

import reflex as rx

from cvapp.components.forms import form_alert
from cvapp.db import session_scope
from cvapp.domain.auth import service as auth_service
from cvapp.domain.auth.schemas import SessionInfo
from cvapp.errors import DomainError
from cvapp.state.forms import describe
from cvapp.state.session import SessionState, off_loop

# (substring of the User-Agent, name shown), first match wins: Edge and Opera say "Chrome" too.
_BROWSERS = (("Edg/", "Edge"), ("OPR/", "Opera"), ("Firefox/", "Firefox"), ("Chrome/", "Chrome"))
_SYSTEMS = (
    ("Android", "Android"),
    ("iPhone", "iPhone"),
    ("iPad", "iPad"),
    ("Windows", "Windows"),
    ("Mac OS X", "macOS"),
    ("Linux", "Linux"),
)


def device_name(user_agent: str | None) -> str:
    """ "Firefox on Linux" from a User-Agent header; enough to recognise one's own devices."""
    agent = user_agent or ""
    browser = next((name for key, name in _BROWSERS if key in agent), "")
    if not browser and "Safari/" in agent:
        browser = "Safari"
    system = next((name for key, name in _SYSTEMS if key in agent), "")
    if browser and system:
        return f"{browser} on {system}"
    return browser or system or "Unknown device"


def when(moment: datetime) -> str:
    return f"{moment:%d %b %Y, %H:%M} UTC"


@dataclasses.dataclass(frozen=True)
class SessionRow:
    id: str
    device: str
    ip: str
    started: str
    last_used: str
    current: bool

    @classmethod
    def of(cls, info: SessionInfo) -> SessionRow:
        return cls(
            id=info.id,
            device=device_name(info.user_agent),
            ip=info.ip or "unknown address",
            started=when(info.started_at),
            last_used=when(info.last_used_at),
            current=info.current,
        )


class SessionsState(SessionState):
    rows: list[SessionRow] = []
    busy: bool = False
    error: str = ""

    @rx.event
    @off_loop
    def load(self) -> None:
        """List the live sessions, this one marked."""
        self.busy, self.error = False, ""
        with session_scope() as db:
            found = self._authenticate(db)
            if found is None:
                return
            user, claims = found
            sessions = auth_service.list_sessions(
                db, user_id=user.id, current_session_id=claims.get("sid")
            )
        self.rows = [SessionRow.of(info) for info in sessions]

    @rx.event
    @off_loop
    def revoke(self, session_id: str):  # type: ignore[no-untyped-def]
        """Sign one other device out."""
        self.busy, self.error = True, ""
        yield
        try:
            with self._signed_in() as (db, user):
                auth_service.revoke_session(
                    db, user_id=user.id, session_id=session_id, ip=self._caller().ip
                )
        except DomainError as exc:
            self.error = describe(exc, fields=())[0]
        finally:
            self.busy = False
        yield SessionsState.load

    @rx.event
    @off_loop
    def revoke_all(self):  # type: ignore[no-untyped-def]
        """Sign out every device, this one too, then leave through the logout endpoint."""
        self.busy, self.error = True, ""
        yield
        try:
            with self._signed_in() as (db, user):
                auth_service.revoke_all_sessions(db, user_id=user.id, ip=self._caller().ip)
        except DomainError as exc:
            self.busy, self.error = False, describe(exc, fields=())[0]
            return
        self._sign_out()


def _row(row: SessionRow) -> rx.Component:
    return rx.flex(
        rx.icon("monitor-smartphone", size=20, color=rx.color("gray", 10), flex_shrink="0"),
        rx.vstack(
            rx.hstack(
                rx.text(row.device, size="2", weight="bold"),
                rx.cond(row.current, rx.badge("This device", color_scheme="green", size="1")),
                spacing="2",
                align="center",
                wrap="wrap",
            ),
            rx.text(row.ip, " · last active ", row.last_used, size="1", color=rx.color("gray", 11)),
            rx.text("Signed in ", row.started, size="1", color=rx.color("gray", 11)),
            spacing="1",
            flex="1",
            min_width="0",
        ),
        rx.cond(
            row.current,
            rx.fragment(),
            rx.button(
                "Sign out",
                size="1",
                variant="soft",
                color_scheme="gray",
                disabled=SessionsState.busy,
                on_click=SessionsState.revoke(row.id),
                aria_label="Sign out " + row.device,
            ),
        ),
        gap="12px",
        align="start",
        width="100%",
        padding_y="12px",
        border_bottom=f"1px solid {rx.color('gray', 4)}",
    )


def _sign_out_everywhere() -> rx.Component:
    return rx.alert_dialog.root(
        rx.alert_dialog.trigger(
            rx.button(
                rx.icon("log-out", size=16),
                "Sign out everywhere",
                color_scheme="red",
                variant="soft",
                loading=SessionsState.busy,
            ),
        ),
        rx.alert_dialog.content(
            rx.alert_dialog.title("Sign out everywhere?"),
            rx.alert_dialog.description(
                "Every device signed in to your account is signed out, this one too. "
                "You will need your password to sign in again."
            ),
            rx.flex(
                rx.alert_dialog.cancel(rx.button("Cancel", variant="soft", color_scheme="gray")),
                rx.alert_dialog.action(
                    rx.button(
                        "Sign out everywhere", color_scheme="red", on_click=SessionsState.revoke_all
                    ),
                ),
                gap="12px",
                justify="end",
                margin_top="16px",
                wrap="wrap",
            ),
            max_width="440px",
        ),
    )


def sessions_list() -> rx.Component:
    """The live sessions and the "sign out everywhere" button."""
    return rx.vstack(
        form_alert(SessionsState.error),
        rx.box(rx.foreach(SessionsState.rows, _row), width="100%"),
        _sign_out_everywhere(),
        spacing="4",
        width="100%",
    )
