"""The confirmation asked before anything is deleted."""

from __future__ import annotations

from typing import Any

import reflex as rx


def confirm_delete(
    *,
    title: str,
    message: tuple[Any, ...],
    on_delete: Any,
    open: Any,
    on_open_change: Any,
    action: str = "Delete",
    icon: str | None = "trash-2",
) -> rx.Component:
    """An alert dialog: ``title``, the ``message`` parts (text and state vars), then
    "Keep it" (closes) and a red ``action`` button (with ``icon`` unless None) running
    ``on_delete``."""
    return rx.alert_dialog.root(
        rx.alert_dialog.content(
            rx.alert_dialog.title(title),
            rx.alert_dialog.description(*message, size="2"),
            rx.flex(
                rx.alert_dialog.cancel(
                    rx.button("Keep it", variant="soft", color_scheme="gray", type="button")
                ),
                rx.button(
                    *([rx.icon(icon, size=16)] if icon else []),
                    action,
                    color_scheme="red",
                    type="button",
                    on_click=on_delete,
                ),
                spacing="3",
                justify="end",
                margin_top="16px",
                wrap="wrap",
            ),
            max_width="460px",
            width="calc(100vw - 24px)",
        ),
        open=open,
        on_open_change=on_open_change,
    )


def undo_notice(*message: Any, on_undo: Any, on_dismiss: Any, busy: Any = False) -> rx.Component:
    """ "Deleted …  [Undo] [×]": shown right after a deletion (``message`` parts are text and
    state vars). "Undo" takes the keyboard focus: the deleted item's buttons are gone."""
    return rx.callout.root(
        rx.flex(
            rx.callout.text(*message, flex="1", size="2"),
            rx.hstack(
                rx.button(
                    rx.icon("undo-2", size=14),
                    "Undo",
                    size="1",
                    variant="solid",
                    type="button",
                    loading=busy,
                    on_click=on_undo,
                    auto_focus=True,
                ),
                rx.icon_button(
                    rx.icon("x", size=14),
                    size="1",
                    variant="ghost",
                    color_scheme="gray",
                    type="button",
                    aria_label="Dismiss",
                    on_click=on_dismiss,
                ),
                spacing="2",
                align="center",
            ),
            spacing="3",
            align="center",
            width="100%",
            wrap="wrap",
        ),
        role="status",
        color_scheme="gray",
        size="1",
        width="100%",
    )
