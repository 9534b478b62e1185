"""Drag-and-drop ordering: a sortable list and a board of columns, on @dnd-kit.

The React side is ``sortable.jsx`` beside this file (shipped with ``rx.asset``); the rows
stay Reflex components. A drop calls the handler given as ``on_reorder`` (a list: every id
in the new order) or ``on_move`` (a board: the item's id, the column's id and its index
there) — the same domain calls as the arrow buttons and "Move to…" menus, which stay as
the other way to move rows. Each row needs a :func:`drag_handle`: pointer, touch and
keyboard (Space, arrows, Space) lift the row from there, and moves are announced.
"""

from __future__ import annotations

from typing import Any

import reflex as rx
from reflex.event import EventHandler, passthrough_event_spec
from reflex.vars.base import Var

DND_KIT = ("@dnd-kit/core@6.3.1", "@dnd-kit/sortable@10.0.0", "@dnd-kit/utilities@3.2.2")
_MODULE = rx.asset("sortable.jsx", shared=True)

# The row being dragged is lifted and outlined; the rows it passes make room for it.
DRAGGING = {
    "&[data-dragging=true]": {
        "box_shadow": "var(--shadow-4)",
        "outline": f"2px solid {rx.color('accent', 8)}",
        "outline_offset": "2px",
        "border_radius": "var(--radius-3)",
        "background": rx.color("gray", 1),
        "opacity": "0.95",
    }
}
# A column a card is dragged over.
DROP_TARGET = {
    "&[data-drop-target=true]": {
        "outline": f"2px dashed {rx.color('accent', 8)}",
        "outline_offset": "-2px",
        "background": rx.color("accent", 3),
    }
}


class _Dnd(rx.Component):
    library = _MODULE.importable_path
    lib_dependencies: list[str] = list(DND_KIT)


class SortableList(_Dnd):
    """Rows (``SortableItem``) the user can put in another order."""

    tag = "SortableList"
    # The rows' ids in the order shown (the same ids their SortableItems carry).
    ids: Var[list[str]]
    on_reorder: EventHandler[passthrough_event_spec(list[str])]


class SortableItem(_Dnd):
    """One row of a SortableList or a BoardColumn; ``label`` names it in announcements."""

    tag = "SortableItem"
    label: Var[str]


class DragHandle(_Dnd):
    """Makes its only child (a button) the grip that lifts its row."""

    tag = "DragHandle"


class SortableBoard(_Dnd):
    """Columns (``BoardColumn``) whose rows can be dragged from one column to another."""

    tag = "SortableBoard"
    # Whether a card dropped elsewhere in its own column moves (boards ordered in columns).
    sort_within_columns: Var[bool]
    on_move: EventHandler[passthrough_event_spec(str, str, int)]


class BoardColumn(_Dnd):
    """One column of a SortableBoard; ``ids`` are its rows' ids, ``title`` its name."""

    tag = "BoardColumn"
    ids: Var[list[str]]
    title: Var[str]


def _strings(ids: Var[Any]) -> Var[list[str]]:
    """``ids`` typed as the strings they are (``rows.pluck("id")`` keeps the rows' type)."""
    return ids.to(list[str])


def sortable_list(
    *rows: rx.Component, list_id: str, ids: Var[Any], **props: object
) -> rx.Component:
    """A list whose ``rows`` (from :func:`sortable_item`) can be dragged into another order;
    ``list_id`` names it (unique on the page)."""
    return SortableList.create(*rows, id=list_id, ids=_strings(ids), **props)


def sortable_item(
    *children: rx.Component,
    item_id: Var[str] | str,
    label: Var[str] | str,
    key: Var[Any] | None = None,
    **props: object,
) -> rx.Component:
    """A draggable row, keyed by its id (so React keeps it across moves) unless ``key``
    says otherwise (rows whose id changes while they are edited)."""
    props.setdefault("style", DRAGGING)
    row = SortableItem.create(*children, id=item_id, label=label, **props)
    row.key = item_id if key is None else key
    return row


def drag_handle(label: Var[str] | str) -> rx.Component:
    """The grip that lifts its row (``label``: "Drag to reorder …"): a ghost icon button
    like the arrow buttons beside it."""
    return DragHandle.create(
        rx.icon_button(
            rx.icon("grip-vertical", size=16),
            variant="ghost",
            color_scheme="gray",
            size="2",
            type="button",
            aria_label=label,
            title=label,
            data_testid="drag-handle",
        )
    )


def sortable_board(*columns: rx.Component, board_id: str, **props: object) -> rx.Component:
    """A board whose cards (in :func:`board_column`) can be dragged between columns."""
    return SortableBoard.create(*columns, id=board_id, **props)


def board_column(
    *children: rx.Component,
    column_id: Var[str] | str,
    ids: Var[Any],
    title: Var[str] | str,
    **props: object,
) -> rx.Component:
    """A column of a :func:`sortable_board`; ``ids`` are its cards' ids, in order."""
    style = props.pop("style", {})
    return BoardColumn.create(
        *children,
        id=column_id,
        ids=_strings(ids),
        title=title,
        style={**DROP_TARGET, **style},  # type: ignore[dict-item]
        **props,
    )
