"""The bullet editor: edit, add, remove (with undo) and reorder an item's bullets."""

from __future__ import annotations

import reflex as rx
from reflex.vars import NumberVar
from reflex.vars.base import Var

from cvapp.components.ai.improve_text import improve_button, improve_dialog
from cvapp.components.dnd import drag_handle, sortable_item, sortable_list
from cvapp.components.profile.fields import MUTED, field_message
from cvapp.state.profile.items import ItemEditorState
from cvapp.state.profile.specs import FormField

ADD_FORM_ID = "bullet-add-form"
# The AI "Improve" dialog of the form's bullets: an accepted suggestion replaces the bullet in
# the form (saved with it), Undo puts the original back.
IMPROVE_CHANNEL = "item-bullets"


def _icon_button(icon: str, label: Var[str], **props: object) -> rx.Component:
    return rx.icon_button(
        rx.icon(icon, size=16),
        variant="ghost",
        color_scheme=props.pop("color_scheme", "gray"),
        size="2",
        type="button",
        aria_label=label,
        title=label,
        **props,
    )


def _bullet(text: Var[str], index: NumberVar[int]) -> rx.Component:
    number = index + 1
    count = ItemEditorState.bullets.length()
    return sortable_item(
        drag_handle(f"Drag to reorder bullet {number}"),
        rx.text(
            number.to_string() + ".", size="2", color=MUTED, padding_top="8px", min_width="20px"
        ),
        rx.text_area(
            value=text,
            on_change=lambda value: ItemEditorState.set_bullet(index, value),
            rows="2",
            resize="vertical",
            size="2",
            width="100%",
            aria_label=f"Bullet {number}",
        ),
        rx.flex(
            improve_button(
                text,
                section=ItemEditorState.editing,
                item_id=ItemEditorState.editing_id,
                index=index,
                channel=IMPROVE_CHANNEL,
                label="",
                aria_label=f"Improve bullet {number}",
                disabled=text.strip() == "",
            ),
            _icon_button(
                "arrow-up",
                f"Move bullet {number} up",
                on_click=ItemEditorState.move_bullet(index, -1),
                disabled=index == 0,
            ),
            _icon_button(
                "arrow-down",
                f"Move bullet {number} down",
                on_click=ItemEditorState.move_bullet(index, 1),
                disabled=number == count,
            ),
            _icon_button(
                "trash-2",
                f"Remove bullet {number}",
                on_click=ItemEditorState.remove_bullet(index),
                color_scheme="red",
            ),
            direction=rx.breakpoints(initial="column", sm="row"),
            spacing="1",
            padding_top="4px",
        ),
        item_id=ItemEditorState.bullet_ids[index],
        label=f"bullet {number}",
        key=index,
        display="flex",
        gap="var(--space-2)",
        align_items="start",
        width="100%",
        data_testid="bullet-row",
    )


def _undo_bar() -> rx.Component:
    return rx.cond(
        ItemEditorState.removed_bullets.length() > 0,
        rx.callout.root(
            rx.flex(
                rx.callout.text(
                    "Bullet removed: “" + ItemEditorState.last_removed_bullet + "”",
                    class_name="cv-clamp-2",
                    size="2",
                    flex="1",
                    min_width="0",
                ),
                rx.button(
                    rx.icon("undo-2", size=14),
                    "Undo",
                    size="1",
                    variant="soft",
                    type="button",
                    on_click=ItemEditorState.undo_bullet,
                ),
                spacing="3",
                align="center",
                width="100%",
            ),
            role="status",
            color_scheme="gray",
            size="1",
            width="100%",
        ),
    )


def bullet_editor(spec: FormField) -> rx.Component:
    """``spec`` names the bullet field (``responsibilities``, ``highlights``)."""
    error = ItemEditorState.errors.get(spec.name, "")
    add_id = f"{ADD_FORM_ID}-input"
    heading_id = f"{ADD_FORM_ID}-heading"
    return rx.vstack(
        rx.text(spec.label, id=heading_id, size="2", weight="medium", color=rx.color("gray", 12)),
        rx.cond(
            ItemEditorState.bullets.length() > 0,
            sortable_list(
                rx.foreach(ItemEditorState.bullets, _bullet),
                list_id="item-bullets",
                ids=ItemEditorState.bullet_ids,
                on_reorder=ItemEditorState.reorder_bullets,
                display="flex",
                flex_direction="column",
                gap="var(--space-2)",
                width="100%",
            ),
            rx.text("No bullets yet. Add the first one below.", size="2", color=MUTED),
        ),
        _undo_bar(),
        improve_dialog(
            channel=IMPROVE_CHANNEL,
            on_apply=lambda index, text: ItemEditorState.set_bullet(index, text),
        ),
        rx.form(
            rx.hstack(
                rx.input(
                    id=add_id,
                    name="bullet",
                    placeholder=spec.placeholder or "Add a bullet…",
                    size="2",
                    width="100%",
                    aria_label="New bullet",
                    aria_describedby=f"{add_id}-message",
                ),
                rx.button(
                    rx.icon("plus", size=16), "Add bullet", type="submit", size="2", variant="soft"
                ),
                spacing="2",
                width="100%",
            ),
            id=ADD_FORM_ID,
            on_submit=ItemEditorState.add_bullet,
            reset_on_submit=True,
            width="100%",
        ),
        field_message(error, spec.hint + " Press Enter to add.", message_id=f"{add_id}-message"),
        spacing="2",
        width="100%",
        role="group",
        aria_labelledby=heading_id,
    )
