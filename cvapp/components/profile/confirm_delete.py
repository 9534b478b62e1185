"""Deleting an item: a confirmation first, then a bar that can undo it."""

from __future__ import annotations

import reflex as rx

from cvapp.components.confirm import confirm_delete
from cvapp.state.profile.lists import ItemListState


def delete_dialog() -> rx.Component:
    """One confirmation for every list of the page."""
    return confirm_delete(
        title="Delete this item?",
        message=(
            "“",
            ItemListState.confirm_label,
            "” will be removed from your profile and from the CVs made from it. "
            "You can undo right after.",
        ),
        on_delete=ItemListState.delete,
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
