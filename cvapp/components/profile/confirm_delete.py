"""Deleting an item: a confirmation first, then a bar that can undo it."""

from __future__ import annotations

import reflex as rx

from cvapp.components.confirm import confirm_delete, undo_notice
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
        undo_notice(
            "Deleted “",
            ItemListState.undo_label,
            "”.",
            on_undo=ItemListState.undo_delete,
            on_dismiss=ItemListState.dismiss_undo,
            busy=ItemListState.busy,
        ),
    )
