"""A profile section as a list of cards: add, edit, move (arrows, drag), delete; an empty state."""

from __future__ import annotations

import reflex as rx
from reflex.vars.base import Var

from cvapp.components.dnd import drag_handle, sortable_item, sortable_list
from cvapp.components.forms import form_alert, form_notice
from cvapp.components.profile.confirm_delete import undo_bar
from cvapp.components.profile.fields import MUTED
from cvapp.state.profile.base import ProfileState
from cvapp.state.profile.items import ItemEditorState
from cvapp.state.profile.lists import ItemListState
from cvapp.state.profile.specs import ItemCard, SectionSpec


def _action(icon: str, label: Var[str], **props: object) -> rx.Component:
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


def _actions(spec: SectionSpec, card: ItemCard, index: Var[int], count: Var[int]) -> rx.Component:
    return rx.flex(
        drag_handle(f"Drag to reorder {card.title}"),
        _action(
            "pencil",
            f"Edit {card.title}",
            on_click=ItemEditorState.open_edit(spec.key, card.id),
        ),
        _action(
            "arrow-up",
            f"Move {card.title} up",
            on_click=ItemListState.move(spec.key, card.id, -1),
            disabled=(index == 0) | ItemListState.busy,
        ),
        _action(
            "arrow-down",
            f"Move {card.title} down",
            on_click=ItemListState.move(spec.key, card.id, 1),
            disabled=(index + 1 == count) | ItemListState.busy,
        ),
        _action(
            "trash-2",
            f"Delete {card.title}",
            on_click=ItemListState.ask_delete(spec.key, card.id, card.title),
            color_scheme="red",
        ),
        spacing="1",
        flex_shrink="0",
        align_self=rx.breakpoints(initial="end", sm="start"),
    )


def _card(spec: SectionSpec, card: ItemCard, index: Var[int], count: Var[int]) -> rx.Component:
    return sortable_item(
        _card_body(spec, card, index, count), item_id=card.id, label=card.title, width="100%"
    )


def _card_body(spec: SectionSpec, card: ItemCard, index: Var[int], count: Var[int]) -> rx.Component:
    return rx.card(
        rx.flex(
            rx.vstack(
                rx.hstack(
                    rx.heading(card.title, as_="h3", size="3", class_name="cv-break"),
                    rx.cond(card.badge, rx.badge(card.badge, color_scheme="amber")),
                    spacing="2",
                    align="center",
                    wrap="wrap",
                ),
                rx.cond(card.subtitle, rx.text(card.subtitle, size="2", class_name="cv-break")),
                rx.cond(card.period, rx.text(card.period, size="2", color=MUTED)),
                rx.cond(card.text, rx.text(card.text, size="2", color=MUTED)),
                rx.cond(
                    card.bullets.length() > 0,
                    rx.el.ul(
                        rx.foreach(card.bullets, lambda text: rx.el.li(text)),
                        class_name="cv-bullets",
                    ),
                ),
                rx.cond(
                    card.tags.length() > 0,
                    rx.flex(
                        rx.foreach(card.tags, lambda tag: rx.badge(tag, variant="soft")),
                        spacing="1",
                        wrap="wrap",
                    ),
                ),
                rx.cond(card.note, rx.text(card.note, size="1", color=MUTED)),
                spacing="1",
                min_width="0",
                flex="1",
            ),
            _actions(spec, card, index, count),
            direction=rx.breakpoints(initial="column", sm="row"),
            spacing="3",
        ),
        width="100%",
        data_testid=f"{spec.key}-item",
    )


def _empty(spec: SectionSpec) -> rx.Component:
    return rx.center(
        rx.vstack(
            rx.icon(spec.icon, size=28, color=rx.color("gray", 9)),
            rx.text(spec.empty, size="2", color=MUTED, align="center"),
            rx.button(
                rx.icon("plus", size=16),
                f"Add {spec.singular}",
                variant="soft",
                type="button",
                on_click=ItemEditorState.open_new(spec.key),
            ),
            spacing="3",
            align="center",
            max_width="420px",
        ),
        padding="28px 16px",
        border=f"1px dashed {rx.color('gray', 6)}",
        border_radius="var(--radius-4)",
        width="100%",
        data_testid=f"{spec.key}-empty",
    )


def section_list(spec: SectionSpec, *, heading: bool = True) -> rx.Component:
    """The section's heading, messages and cards (or what to do when it is empty)."""
    cards = ProfileState.cards[spec.key]
    count = cards.length()
    return rx.vstack(
        rx.flex(
            rx.vstack(
                rx.heading(spec.plural, as_="h2", size="5") if heading else rx.fragment(),
                rx.text(spec.intro, size="2", color=MUTED),
                spacing="1",
                flex="1",
                min_width="0",
            ),
            rx.cond(
                count > 0,
                rx.button(
                    rx.icon("plus", size=16),
                    f"Add {spec.singular}",
                    type="button",
                    on_click=ItemEditorState.open_new(spec.key),
                    flex_shrink="0",
                ),
            ),
            spacing="3",
            align=rx.breakpoints(initial="start", sm="end"),
            direction=rx.breakpoints(initial="column", sm="row"),
            width="100%",
        ),
        rx.cond(
            ItemEditorState.notice_section == spec.key,
            form_notice(ItemEditorState.notice),
        ),
        rx.cond(ItemListState.error_section == spec.key, form_alert(ItemListState.error)),
        undo_bar(spec.key),
        rx.cond(
            count > 0,
            sortable_list(
                rx.foreach(cards, lambda card, index: _card(spec, card, index, count)),
                list_id=f"{spec.key}-items",
                ids=cards.pluck("id"),
                on_reorder=lambda ids: ItemListState.reorder(spec.key, ids),
                display="flex",
                flex_direction="column",
                gap="var(--space-3)",
                width="100%",
            ),
            _empty(spec),
        ),
        spacing="3",
        width="100%",
        id=f"section-{spec.key}",
    )
