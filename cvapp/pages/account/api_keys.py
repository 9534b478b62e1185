"""API keys at /app/settings/api-keys (Expert plan): create one and copy it once, revoke.

The full key exists only in the creation's answer: it is shown in a dialog until dismissed,
and never again (the server keeps its hash).
"""

from __future__ import annotations

import dataclasses
from typing import Any

import reflex as rx

from cvapp import routes
from cvapp.components.forms import field, form_alert, form_notice, submit_button
from cvapp.components.layout import template
from cvapp.components.links import anchor, page_link
from cvapp.components.settings_layout import settings_page, settings_section
from cvapp.components.upgrade import upgrade_button
from cvapp.domain.apikeys import service as api_keys
from cvapp.domain.apikeys.schemas import ApiKeyView
from cvapp.domain.plans.entitlements import for_plan
from cvapp.domain.plans.limits import plan_limit
from cvapp.errors import DomainError
from cvapp.pages.account.sessions import when
from cvapp.state.forms import describe
from cvapp.state.session import SessionState, off_loop

_FORM = "api-key"


@dataclasses.dataclass(frozen=True)
class KeyRow:
    id: str
    name: str
    prefix: str
    scopes: str
    created: str
    last_used: str
    active: bool
    revoked: bool

    @classmethod
    def of(cls, key: ApiKeyView) -> KeyRow:
        return cls(
            id=key.id,
            name=key.name,
            prefix=f"{key.prefix}…",
            scopes=" + ".join(key.scopes),
            created=when(key.created_at),
            last_used=when(key.last_used_at) if key.last_used_at else "never used",
            active=key.active,
            revoked=key.revoked_at is not None,
        )


class ApiKeysState(SessionState):
    allowed: bool = False
    plan_message: str = ""
    rows: list[KeyRow] = []
    # The key just made: on screen until the dialog is dismissed, then gone for good.
    new_key: str = ""
    new_key_name: str = ""
    busy: bool = False
    error: str = ""
    field_errors: dict[str, str] = {}
    notice: str = ""

    @rx.event
    @off_loop
    def load(self) -> None:
        self.busy, self.error, self.field_errors, self.notice = False, "", {}, ""
        self.new_key = self.new_key_name = ""
        with self._signed_in(quiet=True) as (db, user):
            self._show(db, user)

    def _show(self, db: Any, user: Any) -> None:
        self.allowed = for_plan(user.plan).api_access
        self.plan_message = "" if self.allowed else plan_limit(user.plan, "api_access").message
        keys, _ = api_keys.list_keys(db, user=user)
        self.rows = [KeyRow.of(key) for key in keys]

    @rx.event
    @off_loop
    def create(self, form: dict[str, Any]):  # type: ignore[no-untyped-def]
        """Make a key with the form's name and scope, and show it once."""
        self.error, self.field_errors, self.notice = "", {}, ""
        scopes = ["read", "write"] if form.get("scope") == "write" else ["read"]
        try:
            with self._signed_in() as (db, user):
                created = api_keys.create_key(
                    db,
                    user=user,
                    data={"name": str(form.get("name", "")), "scopes": scopes},
                    ip=self._caller().ip,
                )
                self._show(db, user)
        except DomainError as exc:
            self.error, self.field_errors = describe(exc, fields=("name",))
            return
        self.new_key, self.new_key_name = created.key, created.name
        yield rx.set_value(f"{_FORM}-name", "")

    @rx.event
    def dismiss_key(self) -> None:
        self.new_key = self.new_key_name = ""

    @rx.event
    @off_loop
    def revoke(self, key_id: str):  # type: ignore[no-untyped-def]
        self.error, self.notice = "", ""
        try:
            with self._signed_in() as (db, user):
                api_keys.revoke_key(db, user=user, key_id=key_id, ip=self._caller().ip)
                self._show(db, user)
        except DomainError as exc:
            self.error = describe(exc, fields=())[0]
            return
        self.notice = "The key was revoked: requests with it now fail."


def _key_dialog() -> rx.Component:
    return rx.alert_dialog.root(
        rx.alert_dialog.content(
            rx.alert_dialog.title("Copy your new API key"),
            rx.alert_dialog.description(
                "This is the only time the key is shown. Store it somewhere safe, such as your "
                "password manager or your CI's secrets.",
                size="2",
            ),
            rx.vstack(
                rx.text(ApiKeysState.new_key_name, size="2", weight="bold"),
                rx.code(
                    ApiKeysState.new_key,
                    size="3",
                    word_break="break-all",
                    aria_label="New API key",
                    id="new-api-key",
                ),
                rx.flex(
                    rx.button(
                        rx.icon("copy", size=14),
                        "Copy",
                        variant="soft",
                        on_click=rx.set_clipboard(ApiKeysState.new_key),
                    ),
                    rx.alert_dialog.action(
                        rx.button("I have copied it", on_click=ApiKeysState.dismiss_key),
                    ),
                    gap="12px",
                    justify="end",
                    wrap="wrap",
                ),
                spacing="3",
                margin_top="12px",
            ),
            max_width="520px",
        ),
        open=ApiKeysState.new_key != "",
    )


def _row(row: KeyRow) -> rx.Component:
    status = rx.cond(
        row.revoked,
        rx.badge("Revoked", color_scheme="gray", size="1"),
        rx.cond(
            row.active,
            rx.badge("Active", color_scheme="green", size="1"),
            rx.badge("Paused: not in your plan", color_scheme="amber", size="1"),
        ),
    )
    return rx.flex(
        rx.icon("key-round", size=20, color=rx.color("gray", 10), flex_shrink="0"),
        rx.vstack(
            rx.hstack(
                rx.text(row.name, size="2", weight="bold"),
                status,
                spacing="2",
                wrap="wrap",
                align="center",
            ),
            rx.text(rx.code(row.prefix), " · ", row.scopes, size="1"),
            rx.text(
                "Created ", row.created, " · ", row.last_used, size="1", color=rx.color("gray", 11)
            ),
            spacing="1",
            flex="1",
            min_width="0",
        ),
        rx.cond(
            row.revoked,
            rx.fragment(),
            rx.button(
                "Revoke",
                size="1",
                variant="soft",
                color_scheme="red",
                on_click=ApiKeysState.revoke(row.id),
                aria_label="Revoke " + row.name,
            ),
        ),
        gap="12px",
        align="start",
        width="100%",
        padding_y="12px",
        border_bottom=f"1px solid {rx.color('gray', 4)}",
    )


def _create_form() -> rx.Component:
    return rx.form(
        rx.vstack(
            field(
                "Key name",
                form=_FORM,
                name="name",
                auto_complete="off",
                hint="To recognise it later, e.g. “CI export job”.",
                error=ApiKeysState.field_errors.get("name", ""),
                required=True,
                max_length=100,
            ),
            rx.radio_group.root(
                rx.radio_group.item("Read only (GET requests)", value="read"),
                rx.radio_group.item("Read and write", value="write"),
                name="scope",
                default_value="read",
                direction="column",
                spacing="2",
                aria_label="What the key may do",
            ),
            submit_button("Create key", loading=ApiKeysState.busy),
            spacing="4",
            align="start",
            max_width="420px",
            width="100%",
        ),
        on_submit=ApiKeysState.create,
        reset_on_submit=False,
        width="100%",
    )


def _not_in_plan() -> rx.Component:
    return rx.callout.root(
        rx.callout.icon(rx.icon("lock")),
        rx.callout.text(ApiKeysState.plan_message),
        rx.flex(
            upgrade_button("expert", size="2"),
            page_link("See the plans", routes.SETTINGS_PLAN, size="2"),
            spacing="3",
            align="center",
            wrap="wrap",
        ),
        color_scheme="amber",
        width="100%",
        role="status",
    )


@template(
    route=routes.SETTINGS_API_KEYS,
    title="API keys",
    description="Keys for scripts and integrations to use the cvapp REST API (Expert plan).",
    on_load=ApiKeysState.load,
    protected=True,
)
def api_keys_page() -> rx.Component:
    """The plan notice or the creation form, then the keys."""
    return settings_page(
        routes.SETTINGS_API_KEYS,
        settings_section(
            "API keys",
            "Scripts and integrations use the REST API with a key: "
            "Authorization: Bearer cvk_… . A key cannot sign in to this site or manage "
            "your account.",
            form_notice(ApiKeysState.notice),
            form_alert(ApiKeysState.error),
            rx.cond(ApiKeysState.allowed, _create_form(), _not_in_plan()),
            rx.text("Read the ", anchor("API documentation", routes.API_DOCS), ".", size="2"),
        ),
        settings_section(
            "Your keys",
            "Only the first characters of a key are kept in view.",
            rx.cond(
                ApiKeysState.rows,
                rx.box(rx.foreach(ApiKeysState.rows, _row), width="100%"),
                rx.text("No keys yet.", size="2", color=rx.color("gray", 11)),
            ),
        ),
        _key_dialog(),
    )
