"""A project's client and how it is hidden, with a live preview of what others will read."""

from __future__ import annotations

import reflex as rx

from cvapp.components.profile.fields import MUTED, field_message, text_control
from cvapp.state.profile.drafts import ON
from cvapp.state.profile.items import ItemEditorState

TERM_FORM_ID = "term-add-form"


def _term(term: rx.Var[str], index: rx.Var[int]) -> rx.Component:
    return rx.badge(
        term,
        rx.icon_button(
            rx.icon("x", size=12),
            size="1",
            variant="ghost",
            color_scheme="gray",
            type="button",
            aria_label=f"Stop masking {term}",
            on_click=ItemEditorState.remove_term(index),
        ),
        size="2",
        variant="surface",
        color_scheme="gray",
        radius="full",
        class_name="cv-term",
    )


def _terms() -> rx.Component:
    input_id = f"{TERM_FORM_ID}-input"
    return rx.vstack(
        rx.el.label(
            rx.text("Sensitive terms", size="2", weight="medium", color=rx.color("gray", 12)),
            html_for=input_id,
        ),
        rx.cond(
            ItemEditorState.terms.length() > 0,
            rx.flex(rx.foreach(ItemEditorState.terms, _term), spacing="2", wrap="wrap"),
        ),
        rx.form(
            rx.hstack(
                rx.input(
                    id=input_id,
                    name="term",
                    placeholder="Product names, people, places…",
                    size="2",
                    width="100%",
                    aria_describedby=f"{input_id}-message",
                ),
                rx.button(
                    rx.icon("plus", size=16), "Add term", type="submit", size="2", variant="soft"
                ),
                spacing="2",
                width="100%",
            ),
            id=TERM_FORM_ID,
            on_submit=ItemEditorState.add_term,
            reset_on_submit=True,
            width="100%",
        ),
        field_message(
            ItemEditorState.errors.get("sensitive_terms", ""),
            "Masked as [confidential] wherever they appear, links included.",
            message_id=f"{input_id}-message",
        ),
        spacing="2",
        width="100%",
    )


def _preview() -> rx.Component:
    return rx.box(
        rx.hstack(
            rx.icon("eye", size=16, color=MUTED),
            rx.text("What others will read", size="2", weight="bold"),
            spacing="2",
            align="center",
        ),
        rx.text(ItemEditorState.preview_name, size="3", weight="medium", margin_top="8px"),
        rx.cond(
            ItemEditorState.preview_description,
            rx.text(ItemEditorState.preview_description, size="2", white_space="pre-line"),
        ),
        rx.cond(
            ItemEditorState.preview_bullets.length() > 0,
            rx.el.ul(
                rx.foreach(ItemEditorState.preview_bullets, lambda text: rx.el.li(text)),
                class_name="cv-bullets",
            ),
        ),
        rx.cond(
            (ItemEditorState.preview_description == "")
            & (ItemEditorState.preview_bullets.length() == 0),
            rx.text("Write a description or highlights to preview them.", size="2", color=MUTED),
        ),
        aria_live="polite",
        data_testid="anonymized-preview",
        padding="12px",
        border_radius="var(--radius-3)",
        background=rx.color("gray", 2),
        border=f"1px dashed {rx.color('gray', 6)}",
        width="100%",
    )


def anonymization_panel() -> rx.Component:
    values, errors = ItemEditorState.values, ItemEditorState.errors
    on = values["anonymize"] == ON
    return rx.vstack(
        rx.hstack(
            rx.icon("eye-off", size=18, color=rx.color("accent", 11)),
            rx.heading("Client and confidentiality", as_="h3", size="3"),
            spacing="2",
            align="center",
        ),
        rx.grid(
            text_control(
                "Client name",
                field_id="item-client_name",
                value=values["client_name"],
                on_change=lambda v: ItemEditorState.set_value("client_name", v),
                error=errors.get("client_name", ""),
                hint="Only you see it when the project is anonymized.",
            ),
            text_control(
                "Shown as",
                field_id="item-client_alias",
                value=values["client_alias"],
                on_change=lambda v: ItemEditorState.set_value("client_alias", v),
                error=errors.get("client_alias", ""),
                hint="e.g. “a Tier-1 European bank”",
            ),
            columns=rx.breakpoints(initial="1", sm="2"),
            spacing="3",
            width="100%",
        ),
        rx.hstack(
            rx.switch(
                id="item-anonymize",
                checked=on,
                on_change=lambda checked: ItemEditorState.set_checked("anonymize", checked),
            ),
            rx.el.label(
                rx.text("Anonymize this project in CVs and on my public page", size="2"),
                html_for="item-anonymize",
            ),
            spacing="2",
            align="center",
        ),
        rx.cond(
            on,
            rx.fragment(),
            rx.text(
                "Off: CVs and your public page show the client's real name.",
                size="1",
                color=MUTED,
            ),
        ),
        _terms(),
        _preview(),
        spacing="3",
        width="100%",
        padding="16px",
        border_radius="var(--radius-4)",
        border=f"1px solid {rx.color('gray', 5)}",
    )
