"""Privacy & data at /app/settings/privacy: download all your data, see your consents,
delete your account."""

from __future__ import annotations

import asyncio
import time
from typing import Any

import reflex as rx
from reflex.event import EventSpec

from cvapp import routes
from cvapp.components.forms import field, form_alert, submit_button
from cvapp.components.layout import template
from cvapp.components.links import anchor, page_link
from cvapp.components.settings_layout import settings_page, settings_section
from cvapp.db import session_scope
from cvapp.domain.account import consent, deletion, export
from cvapp.domain.account import tasks as account_tasks
from cvapp.domain.jobs import service as job_service
from cvapp.errors import DomainError
from cvapp.pages.account.sessions import when
from cvapp.state.forms import describe
from cvapp.state.session import Caller, SessionState, off_loop, signed_in_user

_FORM = "delete-account"
EXPORT_WAIT_SECONDS = 600


def _latest_export(caller: Caller) -> dict[str, Any] | None:
    """The caller's newest export job as plain data ({} when none); None when signed out."""
    with session_scope() as db:
        found = signed_in_user(db, caller)
        if found is None:
            return None
        job = export.latest_export(db, user_id=found[0].id)
        return {} if job is None else job_service.job_public(job)


def _delete(caller: Caller, password: str, code: str) -> bool:
    """False when the caller is not signed in (any more); password hashing: off the loop."""
    with session_scope() as db:
        found = signed_in_user(db, caller)
        if found is None:
            return False
        deletion.delete_account(
            db, user=found[0], password=password, totp_code=code or None, ip=caller.ip
        )
        return True


class PrivacyDataState(SessionState):
    exporting: bool = False
    progress: int = 0
    download_url: str = ""
    download_expires: str = ""
    export_error: str = ""
    consents: list[str] = []
    needs_code: bool = False
    deleting: bool = False
    error: str = ""
    field_errors: dict[str, str] = {}

    @rx.event
    @off_loop
    def load(self) -> EventSpec | None:
        self.deleting, self.error, self.field_errors, self.export_error = False, "", {}, ""
        with self._signed_in(quiet=True) as (db, user):
            self.needs_code = user.totp_enabled
            self.consents = [
                f"Privacy policy {record.version} — "
                f"{'accepted' if record.granted else 'withdrawn'} {when(record.recorded_at)}"
                for record in reversed(consent.history(db, user_id=user.id))
            ]
        return PrivacyDataState.follow_export

    @rx.event
    @off_loop
    def start_export(self) -> EventSpec | None:
        """Queue the archive (or pick up the one being built) and follow its progress."""
        self.export_error, self.download_url = "", ""
        try:
            with self._signed_in() as (db, user):
                account_tasks.start_export(db, user=user, ip=self._caller().ip)
        except DomainError as exc:
            self.export_error = describe(exc, fields=())[0]
            return None
        self.exporting, self.progress = True, 1
        return PrivacyDataState.follow_export

    @rx.event(background=True)
    async def follow_export(self) -> None:
        """Poll the newest export job until it ends; show its link when it succeeded."""
        async with self:
            caller = self._caller()
        deadline = time.monotonic() + EXPORT_WAIT_SECONDS
        while time.monotonic() < deadline:
            job = await asyncio.to_thread(_latest_export, caller)
            async with self:
                if not job:
                    self.exporting = False
                    return
                self._show_export(job)
                if not self.exporting:
                    return
            await asyncio.sleep(1)
        async with self:
            self.exporting = False

    def _show_export(self, job: dict[str, Any]) -> None:
        status, result = job["status"], job["result"] or {}
        self.exporting = status in ("queued", "running")
        self.progress = max(1, int(job["progress"])) if self.exporting else 100
        if status == "failed":
            self.export_error = "The export failed. Please try again."
        if status == "succeeded" and result.get("download_url"):
            expires = str(result.get("expires_at", ""))[:16].replace("T", " ")
            self.download_url, self.download_expires = str(result["download_url"]), expires

    @rx.event
    async def delete_account(self, form: dict[str, Any]):  # type: ignore[no-untyped-def]
        """Delete the account with the password (and 2FA code), then sign this browser out."""
        if self.deleting:
            return
        self.deleting, self.error, self.field_errors = True, "", {}
        yield
        password, code = str(form.get("password", "")), str(form.get("totp_code", ""))
        try:
            ok = await asyncio.to_thread(_delete, self._caller(), password, code)
        except DomainError as exc:
            self.deleting = False
            self.error, self.field_errors = describe(exc, fields=("password", "totp_code"))
            yield rx.set_value(f"{_FORM}-password", "")
            return
        if not ok:
            self.deleting = False
            yield self._session_lost()
            return
        self._sign_out()  # stays "deleting" until the logout page load


def _export_section() -> rx.Component:
    return settings_section(
        "Download your data",
        "A ZIP with everything cvapp holds about you: profile, every section, CV versions as "
        "PDF and JSON Resume, share links, consents, security log and your uploaded files.",
        form_alert(PrivacyDataState.export_error),
        rx.cond(
            PrivacyDataState.exporting,
            rx.vstack(
                rx.text("Preparing your archive… ", PrivacyDataState.progress, "%", size="2"),
                rx.progress(value=PrivacyDataState.progress, max=100, width="100%"),
                spacing="2",
                width="100%",
                role="status",
            ),
            rx.button(
                rx.icon("download", size=16),
                "Export my data",
                on_click=PrivacyDataState.start_export,
                variant="soft",
            ),
        ),
        rx.cond(
            PrivacyDataState.download_url,
            rx.callout.root(
                rx.callout.icon(rx.icon("file-archive")),
                rx.callout.text(
                    anchor("Download your archive", PrivacyDataState.download_url),
                    " (link valid until ",
                    PrivacyDataState.download_expires,
                    " UTC; we also emailed it to you).",
                ),
                color_scheme="green",
                width="100%",
            ),
        ),
    )


def _consents_section() -> rx.Component:
    return settings_section(
        "Your consents",
        "The versions of the privacy policy you accepted, newest first.",
        rx.vstack(
            rx.foreach(PrivacyDataState.consents, lambda line: rx.text(line, size="2")),
            spacing="1",
        ),
        page_link("Read the privacy policy", routes.PRIVACY, size="2"),
    )


def _delete_section() -> rx.Component:
    code_field = field(
        "Two-factor code",
        form=_FORM,
        name="totp_code",
        auto_complete="one-time-code",
        hint="From your authenticator app, or a recovery code.",
        error=PrivacyDataState.field_errors.get("totp_code", ""),
        required=True,
    )
    return settings_section(
        "Delete your account",
        "You are signed out everywhere at once, your public page and share links disappear "
        "and your API keys stop working. Everything is erased for good after 30 days; until "
        "then our support can restore the account if you ask.",
        rx.form(
            rx.vstack(
                form_alert(PrivacyDataState.error),
                field(
                    "Password",
                    form=_FORM,
                    name="password",
                    type="password",
                    auto_complete="current-password",
                    error=PrivacyDataState.field_errors.get("password", ""),
                    required=True,
                ),
                rx.cond(PrivacyDataState.needs_code, code_field),
                rx.el.label(
                    rx.hstack(
                        rx.checkbox(
                            name="confirm", required=True, aria_labelledby="delete-confirm-label"
                        ),
                        rx.text(
                            "I understand that my account and data will be deleted",
                            size="2",
                            id="delete-confirm-label",
                        ),
                        spacing="2",
                        align="center",
                    ),
                ),
                submit_button(
                    "Delete my account", loading=PrivacyDataState.deleting, color_scheme="red"
                ),
                spacing="4",
                align="start",
                max_width="420px",
                width="100%",
            ),
            on_submit=PrivacyDataState.delete_account,
            reset_on_submit=False,
            width="100%",
        ),
    )


@template(
    route=routes.SETTINGS_PRIVACY,
    title="Privacy & data",
    description="Download everything cvapp holds about you, or delete your account.",
    on_load=PrivacyDataState.load,
    protected=True,
)
def privacy_data() -> rx.Component:
    """Export, consents, deletion."""
    return settings_page(
        routes.SETTINGS_PRIVACY,
        _export_section(),
        _consents_section(),
        _delete_section(),
    )
