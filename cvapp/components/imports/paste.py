"""Paste the text of a CV (from a PDF viewer, a web page, an email) to import it."""

from __future__ import annotations

import reflex as rx

from cvapp.components.forms import form_alert
from cvapp.domain.imports import limits
from cvapp.state.imports.state import PASTE_FORM, ImportState

_MUTED = rx.color("gray", 11)


def paste_text() -> rx.Component:
    """A text area and a button; the preview appears with the uploaded files' below."""
    return rx.card(
        rx.form(
            rx.vstack(
                rx.hstack(
                    rx.icon("clipboard-paste", size=18, color=rx.color("accent", 11)),
                    rx.heading("Paste text", as_="h2", size="3"),
                    spacing="2",
                    align="center",
                ),
                rx.el.label(
                    "The text of your CV: copy it from the PDF, a web page or an email. "
                    "Headings such as Experience or Education help.",
                    html_for=f"{PASTE_FORM}-text",
                    style={"font_size": "var(--font-size-2)", "color": _MUTED},
                ),
                form_alert(ImportState.paste_error),
                rx.text_area(
                    id=f"{PASTE_FORM}-text",
                    name="text",
                    rows="8",
                    max_length=limits.MAX_PASTED_CHARS,
                    placeholder="Ann Example\nData engineer\n\nExperience\n…",
                    width="100%",
                    resize="vertical",
                ),
                rx.button(
                    rx.cond(ImportState.pasting, rx.spinner(size="2"), rx.icon("scan-text")),
                    "Read this text",
                    type="submit",
                    disabled=ImportState.pasting,
                ),
                spacing="2",
                width="100%",
            ),
            id=PASTE_FORM,
            on_submit=ImportState.paste,
            reset_on_submit=False,
            width="100%",
        ),
        width="100%",
        data_testid="import-paste",
    )
