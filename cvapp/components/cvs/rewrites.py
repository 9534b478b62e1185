"""Rewriting a CV's texts: an item's fields and bullets, the summary, and review flags.

A rewrite lives in the CV only (the profile keeps the original). Each box starts with the
text the CV shows and is saved when it loses focus; writing the profile's text again, or
emptying the box, removes the rewrite.
"""

from __future__ import annotations

import reflex as rx
from reflex.vars.base import Var

from cvapp.state.cvs.content import CvContentState as S
from cvapp.state.cvs.rows import TextRow

MUTED = rx.color("gray", 11)
BORDER = f"1px solid {rx.color('gray', 5, alpha=True)}"


def _review_note(master: Var[str], keep: rx.EventSpec, use_master: rx.EventSpec) -> rx.Component:
    return rx.callout.root(
        rx.callout.icon(rx.icon("flag")),
        rx.vstack(
            rx.callout.text(
                "Your profile's text changed since you rewrote it. It now reads: “",
                master,
                "”",
                size="2",
                class_name="cv-break",
            ),
            rx.flex(
                rx.button("Keep my text", size="1", type="button", on_click=keep),
                rx.button(
                    "Use the profile's text",
                    size="1",
                    variant="soft",
                    type="button",
                    on_click=use_master,
                ),
                spacing="2",
                wrap="wrap",
            ),
            spacing="2",
        ),
        color_scheme="amber",
        size="1",
        width="100%",
    )


def _text_box(text: TextRow, field_id: Var[str]) -> dict[str, object]:
    """What the input (short fields) and text area (long ones and bullets) share."""
    return {
        "id": field_id,
        "default_value": rx.cond(text.value != "", text.value, text.master),
        # A new key when the saved text changes: the box shows it (after "Use the profile's").
        "key": text.path + ":" + text.value,
        "on_blur": S.rewrite(text.path),
        "width": "100%",
        "size": "2",
        "opacity": rx.cond(text.shown, "1", "0.55"),
    }


def _text(text: TextRow) -> rx.Component:
    field_id = "text-" + text.path.replace(".", "-")
    rewritten = text.value != ""
    return rx.vstack(
        rx.flex(
            rx.el.label(
                rx.text(text.label, size="2", weight="medium"),
                html_for=field_id,
            ),
            rx.cond(rewritten, rx.badge("Rewritten", size="1", variant="soft")),
            rx.cond(text.review, rx.badge("Review", size="1", color_scheme="amber")),
            rx.spacer(),
            rx.cond(
                text.bullet,
                rx.el.label(
                    rx.hstack(
                        rx.text(rx.cond(text.shown, "Shown", "Hidden"), size="1", color=MUTED),
                        rx.switch(
                            checked=text.shown,
                            size="1",
                            on_change=S.show_bullet(text.path),
                            aria_label="Show " + text.label,
                        ),
                        spacing="2",
                        align="center",
                    ),
                ),
            ),
            spacing="2",
            align="center",
            width="100%",
            wrap="wrap",
        ),
        rx.cond(
            text.review,
            _review_note(text.master, S.keep_rewrite(text.path), S.use_master_text(text.path)),
        ),
        rx.cond(
            text.long,
            rx.text_area(
                rows="3",
                resize="vertical",
                **_text_box(text, field_id),
            ),
            rx.input(**_text_box(text, field_id)),
        ),
        rx.cond(
            rewritten & ~text.review,
            rx.button(
                rx.icon("undo-2", size=12),
                "Use the profile's text",
                size="1",
                variant="ghost",
                type="button",
                on_click=S.use_master_text(text.path),
            ),
        ),
        spacing="1",
        width="100%",
    )


def item_texts() -> rx.Component:
    """The open item's texts, each with its rewrite, review flag and (bullets) switch."""
    return rx.vstack(
        rx.text(
            "Rewrite a text for this CV only: your profile keeps the original. "
            "Leave the box to save.",
            size="1",
            color=MUTED,
        ),
        rx.foreach(S.open_texts, _text),
        spacing="3",
        width="100%",
        padding="12px",
        margin_top="8px",
        border_radius="var(--radius-3)",
        background=rx.color("gray", 2),
        border=BORDER,
    )


def summary_rewrite() -> rx.Component:
    """The summary as this CV shows it (the profile's, or rewritten)."""
    rewritten = S.summary_override != ""
    return rx.vstack(
        rx.cond(
            S.summary_review,
            _review_note(S.summary_master, S.keep_summary(), S.use_master_summary()),
        ),
        rx.el.label(
            rx.hstack(
                rx.text("Summary in this CV", size="2", weight="medium"),
                rx.cond(rewritten, rx.badge("Rewritten", size="1", variant="soft")),
                spacing="2",
            ),
            html_for="cv-summary",
        ),
        rx.text_area(
            id="cv-summary",
            default_value=rx.cond(rewritten, S.summary_override, S.summary_master),
            key="summary:" + S.summary_override,
            placeholder="Your profile has no summary yet: write one for this CV.",
            on_blur=S.rewrite_summary,
            rows="5",
            resize="vertical",
            width="100%",
        ),
        rx.cond(
            rewritten & ~S.summary_review,
            rx.button(
                rx.icon("undo-2", size=12),
                "Use the profile's summary",
                size="1",
                variant="ghost",
                type="button",
                on_click=S.use_master_summary,
            ),
        ),
        spacing="2",
        width="100%",
    )
