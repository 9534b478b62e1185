"""Deleting an item: a confirmation first, then a bar that can undo it."""

from __future__ import annotations

import reflex as rx

from cvapp.state.profile.lists import ItemListState


def delete_dialog() -> rx.Component:
    """One confirmation for every list of the page."""
    return rx.alert_dialog.root(
        rx.alert_dialog.content(
            rx.alert_dialog.title("Delete this item?"),
            rx.alert_dialog.description(
                "“",
                ItemListState.confirm_label,
                "” will be removed from your profile and from the CVs made from it. "
                "You can undo right after.",
                size="2",
            ),
            rx.flex(
                rx.alert_dialog.cancel(
                    rx.button("Keep it", variant="soft", color_scheme="gray", type="button")
                ),
                rx.button(
                    rx.icon("trash-2", size=16),
                    "Delete",
                    color_scheme="red",
                    type="button",
                    on_click=ItemListState.delete,
                ),
                spacing="3",
                justify="end",
                margin_top="16px",
                wrap="wrap",
            ),
            max_width="460px",
            width="calc(100vw - 24px)",
        ),
        open=ItemListState.confirming,
        on_open_change=ItemListState.set_confirm_open,
    )


def undo_bar(section: str) -> rx.Component:
    """ "Deleted …  Undo" under the section heading, after a deletion in ``section``."""
    return rx.cond(
        ItemListState.undo_section == section,
        rx.callout.root(
            rx.flex(
                rx.callout.text("Deleted “", ItemListState.undo_label, "”.", flex="1", size="2"),
                rx.hstack(
                    rx.button(
                        rx.icon("undo-2", size=14),
                        "Undo",
                        size="1",
                        variant="solid",
                        type="button",
                        loading=ItemListState.busy,
                        on_click=ItemListState.undo_delete,
                    ),
                    rx.icon_button(
                        rx.icon("x", size=14),
                        size="1",
                        variant="ghost",
                        color_scheme="gray",
                        type="button",
                        aria_label="Dismiss",
                        on_click=ItemListState.dismiss_undo,
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
        ),
    )
