"""Share links of a CV: make one per recipient, copy it, see its counts, revoke it."""

from __future__ import annotations

import reflex as rx

from cvapp import routes
from cvapp.components.confirm import confirm_delete
from cvapp.components.forms import form_alert, form_notice
from cvapp.components.profile.fields import field_label, field_message
from cvapp.components.upgrade import limit_notice
from cvapp.state.cvs.share import FORM, ShareRow
from cvapp.state.cvs.share import ShareLinksState as S

MUTED = rx.color("gray", 11)
# Select the whole address when the field gets focus (compiled into the bundle: no eval).
_SELECT_FOCUSED = rx.run_script("document.activeElement?.select?.()")
_STATUS = {
    "active": ("Active", "green"),
    "expired": ("Expired", "gray"),
    "revoked": ("Revoked", "red"),
}


def _create_form() -> rx.Component:
    return rx.form(
        rx.grid(
            rx.vstack(
                field_label("Who is it for?", html_for=f"{FORM}-label"),
                rx.input(
                    id=f"{FORM}-label",
                    name="label",
                    placeholder="e.g. Acme — backend role",
                    max_length=100,
                    width="100%",
                    aria_describedby=f"{FORM}-label-message",
                ),
                field_message(
                    S.share_field_errors["label"],
                    "Only you see it.",
                    message_id=f"{FORM}-label-message",
                ),
                spacing="1",
                width="100%",
            ),
            rx.vstack(
                field_label("Expires after (optional)", html_for=f"{FORM}-expires"),
                rx.input(
                    id=f"{FORM}-expires",
                    name="expires_on",
                    type="date",
                    width="100%",
                    aria_describedby=f"{FORM}-expires-message",
                ),
                field_message(
                    S.share_field_errors["expires_at"],
                    "Empty: until you revoke it.",
                    message_id=f"{FORM}-expires-message",
                ),
                spacing="1",
                width="100%",
            ),
            columns=rx.breakpoints(initial="1", sm="2"),
            spacing="3",
            width="100%",
        ),
        rx.button(rx.icon("link", size=16), "Create link", type="submit", margin_top="12px"),
        id=FORM,
        on_submit=S.create,
        width="100%",
    )


def _status(row: ShareRow) -> rx.Component:
    return rx.match(
        row.status,
        *(
            (key, rx.badge(label, color_scheme=color, size="1"))
            for key, (label, color) in _STATUS.items()
        ),
        rx.fragment(),
    )


def _link(row: ShareRow) -> rx.Component:
    active = row.status == "active"
    url_id = "share-url-" + row.id
    return rx.box(
        rx.vstack(
            rx.flex(
                rx.text(row.label, size="2", weight="bold", class_name="cv-break"),
                _status(row),
                spacing="2",
                align="center",
                wrap="wrap",
            ),
            rx.cond(
                active,
                rx.flex(
                    rx.input(
                        id=url_id,
                        value=row.url,
                        read_only=True,
                        aria_label="Address of " + row.label,
                        on_focus=_SELECT_FOCUSED,
                        size="1",
                        flex="1",
                        min_width="180px",
                    ),
                    rx.hstack(
                        rx.button(
                            rx.cond(
                                S.copied == row.id,
                                rx.icon("check", size=14),
                                rx.icon("copy", size=14),
                            ),
                            rx.cond(S.copied == row.id, "Copied", "Copy"),
                            size="1",
                            variant="soft",
                            type="button",
                            on_click=[rx.set_clipboard(row.url), S.mark_copied(row.id)],
                        ),
                        rx.link(
                            rx.hstack(
                                rx.icon("external-link", size=14),
                                "Open",
                                spacing="1",
                                align="center",
                            ),
                            href=row.url,
                            reload_document=True,
                            is_external=True,
                            size="1",
                        ),
                        spacing="2",
                    ),
                    spacing="2",
                    align="center",
                    wrap="wrap",
                    width="100%",
                ),
            ),
            rx.text(
                row.views,
                rx.cond(row.views == 1, " view · ", " views · "),
                row.downloads,
                rx.cond(row.downloads == 1, " download", " downloads"),
                " · ",
                rx.cond(row.expires != "", "expires " + row.expires, "no expiry"),
                " · made ",
                row.created,
                size="1",
                color=MUTED,
            ),
            spacing="2",
            flex="1",
            min_width="0",
        ),
        rx.cond(
            active,
            rx.button(
                "Revoke",
                size="1",
                variant="soft",
                color_scheme="red",
                type="button",
                on_click=S.ask_revoke(row.id, row.label),
                margin_top="8px",
            ),
        ),
        padding_y="12px",
        border_top=f"1px solid {rx.color('gray', 5, alpha=True)}",
        width="100%",
        data_testid="share-link",
    )


def _revoke_dialog() -> rx.Component:
    return confirm_delete(
        title="Revoke this link?",
        message=(
            "“",
            S.confirm_label,
            "” will stop opening your CV at once. Its counts stay here. "
            "This cannot be undone: make a new link if you need one again.",
        ),
        on_delete=S.revoke,
        open=S.confirm_revoke != "",
        on_open_change=S.set_revoke_open,
        action="Revoke",
        icon=None,
    )


def cv_share_links() -> rx.Component:
    """The form, the messages and every link of this CV (revoked ones too, with counts)."""
    return rx.vstack(
        rx.text(
            "Send each recipient their own link to this CV: you see how often it was opened "
            "and downloaded, and can revoke it at any time. Nothing is recorded about visitors.",
            size="2",
            color=MUTED,
        ),
        rx.card(_create_form(), size="2", width="100%"),
        form_notice(S.share_notice),
        rx.cond(
            S.share_limit_to != "",
            limit_notice(S.share_error, S.share_limit_to, test_id="share-link-limit"),
            form_alert(S.share_error),
        ),
        rx.cond(
            S.links.length() > 0,
            rx.box(rx.foreach(S.links, _link), width="100%"),
            rx.text("No links yet.", size="2", color=MUTED),
        ),
        rx.text(
            "One address for everyone instead? ",
            rx.link("Set up your public profile", href=routes.PUBLIC_PROFILE_SETTINGS),
            ".",
            size="2",
            color=MUTED,
        ),
        _revoke_dialog(),
        spacing="3",
        width="100%",
    )
