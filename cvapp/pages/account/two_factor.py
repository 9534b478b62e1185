"""Two-factor sign-in: set up with a QR code and a first code, recovery codes shown once,
new recovery codes, turning it off."""

from __future__ import annotations

import asyncio
import time
from typing import Any

import reflex as rx

from cvapp.components.forms import field, form_alert, form_notice, submit_button
from cvapp.db import session_scope
from cvapp.domain.auth import service as auth_service
from cvapp.domain.auth.totp import recovery_codes_left
from cvapp.errors import DomainError
from cvapp.state.forms import describe
from cvapp.state.session import Caller, SessionState, off_loop, signed_in_user

_FORM = "totp"
_FIELDS = ("code", "password")
# New recovery codes stay on screen until dismissed, or this long: a page load that only
# reconnects the websocket must not lose them before they were saved.
RECOVERY_CODES_SHOWN_SECONDS = 600


def _turn_off(caller: Caller, password: str, code: str) -> bool:
    """False when the caller is not signed in (any more); password hashing: off the loop."""
    with session_scope() as db:
        found = signed_in_user(db, caller)
        if found is None:
            return False
        auth_service.disable_totp(db, user=found[0], password=password, code=code, ip=caller.ip)
        return True


class TwoFactorState(SessionState):
    enabled: bool = False
    codes_left: int = 0
    # During setup: the QR code (data: URI) and the secret, for typing it in instead.
    qr_code: str = ""
    secret: str = ""
    # Shown once, right after they are made (the server keeps only their hashes).
    recovery_codes: list[str] = []
    _codes_made_at: float = 0.0
    # Which form is open when 2FA is on: "", "regenerate" or "disable".
    panel: str = ""
    busy: bool = False
    error: str = ""
    field_errors: dict[str, str] = {}
    notice: str = ""

    @rx.var
    def recovery_codes_text(self) -> str:
        return "\n".join(self.recovery_codes)

    def _reset_forms(self) -> None:
        self.busy, self.error, self.field_errors, self.notice = False, "", {}, ""

    @rx.event
    @off_loop
    def load(self) -> None:
        self._reset_forms()
        self.qr_code, self.secret, self.panel = "", "", ""
        if time.time() - self._codes_made_at > RECOVERY_CODES_SHOWN_SECONDS:
            self.recovery_codes = []
        with self._signed_in(quiet=True) as (db, user):
            self.enabled, self.codes_left = user.totp_enabled, recovery_codes_left(user)

    @rx.event
    def open_panel(self, panel: str) -> None:
        self._reset_forms()
        self.panel = panel if panel in ("regenerate", "disable") else ""

    @rx.event
    def cancel_setup(self) -> None:
        self._reset_forms()
        self.qr_code = self.secret = ""

    @rx.event
    def dismiss_codes(self) -> None:
        self.recovery_codes, self._codes_made_at = [], 0.0

    @rx.event
    @off_loop
    def begin_setup(self):  # type: ignore[no-untyped-def]
        """A new secret, shown as a QR code; 2FA stays off until a code confirms it."""
        self._reset_forms()
        try:
            with self._signed_in() as (db, user):
                setup = auth_service.begin_totp_setup(db, user=user)
        except DomainError as exc:
            self.error = describe(exc, fields=())[0]
            return
        self.qr_code = setup.qr_code
        self.secret = " ".join(setup.secret[i : i + 4] for i in range(0, len(setup.secret), 4))
        yield rx.set_focus(f"{_FORM}-code")

    @rx.event
    @off_loop
    def confirm_setup(self, form: dict[str, Any]):  # type: ignore[no-untyped-def]
        """Turn 2FA on with a first code; show the recovery codes."""
        self._reset_forms()
        try:
            with self._signed_in() as (db, user):
                codes = auth_service.confirm_totp_setup(
                    db, user=user, code=str(form.get("code", "")), ip=self._caller().ip
                )
        except DomainError as exc:
            self.error, self.field_errors = describe(exc, fields=_FIELDS)
            yield rx.set_value(f"{_FORM}-code", "")
            return
        self.qr_code = self.secret = ""
        self.enabled, self.codes_left = True, len(codes)
        self.recovery_codes, self._codes_made_at = codes, time.time()
        self.notice = "Two-factor authentication is on."

    @rx.event
    @off_loop
    def regenerate(self, form: dict[str, Any]):  # type: ignore[no-untyped-def]
        """Replace every recovery code (a current authenticator code proves it is you)."""
        self._reset_forms()
        try:
            with self._signed_in() as (db, user):
                codes = auth_service.regenerate_recovery_codes(
                    db, user=user, code=str(form.get("code", "")), ip=self._caller().ip
                )
        except DomainError as exc:
            self.error, self.field_errors = describe(exc, fields=_FIELDS)
            yield rx.set_value(f"{_FORM}-regenerate-code", "")
            return
        self.panel, self.codes_left = "", len(codes)
        self.recovery_codes, self._codes_made_at = codes, time.time()
        self.notice = "New recovery codes made; the old ones no longer work."

    @rx.event
    async def disable(self, form: dict[str, Any]):  # type: ignore[no-untyped-def]
        """Turn 2FA off with the password and a current code (or a recovery code)."""
        if self.busy:
            return
        self._reset_forms()
        self.busy = True
        yield
        password, code = str(form.get("password", "")), str(form.get("code", ""))
        try:
            ok = await asyncio.to_thread(_turn_off, self._caller(), password, code)
        except DomainError as exc:
            self.error, self.field_errors = describe(exc, fields=_FIELDS)
            return
        finally:
            self.busy = False
        if not ok:
            yield self._session_lost()
            return
        self.enabled, self.codes_left, self.panel = False, 0, ""
        self.notice = "Two-factor authentication is off."


def _code_field(form: str, **props: Any) -> rx.Component:
    return field(
        "Authentication code",
        form=form,
        name="code",
        auto_complete="one-time-code",
        error=TwoFactorState.field_errors.get("code", ""),
        required=True,
        spell_check=False,
        **props,
    )


def _setup() -> rx.Component:
    """Step 1 scan (or type the secret), step 2 confirm with a code."""
    return rx.vstack(
        rx.text(
            "Scan this QR code with an authenticator app (such as Aegis, Google Authenticator "
            "or 1Password), then enter the 6-digit code it shows.",
            size="2",
        ),
        rx.flex(
            rx.image(
                src=TwoFactorState.qr_code,
                alt="QR code to add cvapp to an authenticator app",
                width="180px",
                height="180px",
                background="white",
                padding="8px",
                border_radius="8px",
                flex_shrink="0",
            ),
            rx.vstack(
                rx.text("Can't scan it? Enter this key:", size="2", color=rx.color("gray", 11)),
                rx.code(TwoFactorState.secret, size="3", word_break="break-all"),
                spacing="2",
                min_width="0",
            ),
            gap="20px",
            align="center",
            wrap="wrap",
        ),
        rx.form(
            rx.vstack(
                _code_field(_FORM, input_mode="numeric", max_length=6, pattern="[0-9 ]*"),
                rx.hstack(
                    submit_button("Turn on", loading=TwoFactorState.busy),
                    rx.button(
                        "Cancel",
                        type="button",
                        variant="soft",
                        color_scheme="gray",
                        size="3",
                        on_click=TwoFactorState.cancel_setup,
                    ),
                    spacing="3",
                ),
                spacing="4",
                align="start",
                width="100%",
                max_width="320px",
            ),
            on_submit=TwoFactorState.confirm_setup,
            reset_on_submit=False,
            width="100%",
        ),
        spacing="4",
        width="100%",
    )


def _recovery_codes() -> rx.Component:
    return rx.callout.root(
        rx.callout.icon(rx.icon("key-round")),
        rx.vstack(
            rx.callout.text(
                rx.el.strong("Save these recovery codes now: they are shown only once."),
                " Each one signs you in once if you lose your authenticator.",
            ),
            rx.grid(
                rx.foreach(TwoFactorState.recovery_codes, lambda code: rx.code(code, size="3")),
                columns="2",
                spacing="2",
                aria_label="Recovery codes",
            ),
            rx.hstack(
                rx.button(
                    rx.icon("copy", size=14),
                    "Copy",
                    size="2",
                    variant="soft",
                    on_click=rx.set_clipboard(TwoFactorState.recovery_codes_text),
                ),
                rx.button("I have saved them", size="2", on_click=TwoFactorState.dismiss_codes),
                spacing="3",
                wrap="wrap",
            ),
            spacing="3",
        ),
        color_scheme="amber",
        width="100%",
    )


def _regenerate_form() -> rx.Component:
    return rx.form(
        rx.vstack(
            _code_field(f"{_FORM}-regenerate", auto_focus=True),
            submit_button("Make new recovery codes", loading=TwoFactorState.busy),
            spacing="4",
            align="start",
            max_width="320px",
            width="100%",
        ),
        on_submit=TwoFactorState.regenerate,
        reset_on_submit=False,
        width="100%",
    )


def _disable_form() -> rx.Component:
    return rx.form(
        rx.vstack(
            field(
                "Password",
                form=f"{_FORM}-disable",
                name="password",
                type="password",
                auto_complete="current-password",
                error=TwoFactorState.field_errors.get("password", ""),
                required=True,
                auto_focus=True,
            ),
            _code_field(f"{_FORM}-disable", hint="Or one of your recovery codes."),
            submit_button("Turn off", loading=TwoFactorState.busy, color_scheme="red"),
            spacing="4",
            align="start",
            max_width="320px",
            width="100%",
        ),
        on_submit=TwoFactorState.disable,
        reset_on_submit=False,
        width="100%",
    )


def _when_on() -> rx.Component:
    panels = rx.match(
        TwoFactorState.panel,
        ("regenerate", _regenerate_form()),
        ("disable", _disable_form()),
        rx.fragment(),
    )
    return rx.vstack(
        rx.hstack(
            rx.badge(rx.icon("shield-check", size=12), "On", color_scheme="green", size="2"),
            rx.text(TwoFactorState.codes_left, " recovery codes left", size="2"),
            spacing="3",
            align="center",
        ),
        rx.flex(
            rx.button(
                "New recovery codes",
                variant="soft",
                size="2",
                on_click=TwoFactorState.open_panel("regenerate"),
            ),
            rx.button(
                "Turn off",
                variant="soft",
                color_scheme="red",
                size="2",
                on_click=TwoFactorState.open_panel("disable"),
            ),
            gap="12px",
            wrap="wrap",
        ),
        panels,
        spacing="4",
        width="100%",
    )


def _when_off() -> rx.Component:
    return rx.cond(
        TwoFactorState.qr_code,
        _setup(),
        rx.vstack(
            rx.badge("Off", color_scheme="gray", size="2"),
            rx.button(
                rx.icon("smartphone", size=16),
                "Set up two-factor authentication",
                size="2",
                on_click=TwoFactorState.begin_setup,
            ),
            spacing="3",
            align="start",
        ),
    )


def two_factor() -> rx.Component:
    """The whole two-factor section body."""
    return rx.vstack(
        form_notice(TwoFactorState.notice),
        form_alert(TwoFactorState.error),
        rx.cond(TwoFactorState.recovery_codes, _recovery_codes()),
        rx.cond(TwoFactorState.enabled, _when_on(), _when_off()),
        spacing="4",
        width="100%",
    )
