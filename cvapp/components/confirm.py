"""The confirmation asked before anything is deleted."""

from __future__ import annotations

from typing import Any

import reflex as rx


def confirm_delete(
    *, title: str, message: tuple[Any, ...], on_delete: Any, open: Any, on_open_change: Any
) -> rx.Component:
    """An alert dialog: ``title``, the ``message`` parts (text and state vars), then
    "Keep it" (closes) and a red "Delete" running ``on_delete``."""
    return rx.alert_dialog.root(
        rx.alert_dialog.content(
            rx.alert_dialog.title(title),
            rx.alert_dialog.description(*message, size="2"),
            rx.flex(
                rx.alert_dialog.cancel(
                    rx.button("Keep it", variant="soft", color_scheme="gray", type="button")
                ),
                rx.button(
                    rx.icon("trash-2", size=16),
                    "Delete",
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
