"""What the CV shows: its sections (on/off, order, heading) and their items (on/off, order)."""

from __future__ import annotations

import reflex as rx
from reflex.vars.base import Var

from cvapp.components.cvs.rewrites import item_texts, summary_rewrite
from cvapp.components.dnd import drag_handle, sortable_item, sortable_list
from cvapp.state.cvs.content import CvContentState as S
from cvapp.state.cvs.rows import ItemRow, SectionRow

MUTED = rx.color("gray", 11)
BORDER = f"1px solid {rx.color('gray', 5, alpha=True)}"


def _icon_button(icon: str | rx.Component, label: Var[str] | str, **props: object) -> rx.Component:
    return rx.icon_button(
        rx.icon(icon, size=16) if isinstance(icon, str) else icon,
        variant="ghost",
        color_scheme=props.pop("color_scheme", "gray"),
        size="2",
        type="button",
        aria_label=label,
        title=label,
        **props,
    )


def _review_badge(count: Var[int]) -> rx.Component:
    return rx.cond(
        count > 0,
        rx.badge(rx.icon("flag", size=12), "Review", color_scheme="amber", size="1"),
    )


# -- items --------------------------------------------------------------------------------


def _item(section: SectionRow, item: ItemRow, index: Var[int]) -> rx.Component:
    open_key = section.key + ":" + item.id
    is_open = S.open_item == open_key
    count = section.item_rows.length()
    return sortable_item(
        rx.flex(
            drag_handle("Drag to reorder " + item.label),
            rx.switch(
                checked=item.visible,
                on_change=S.show_item(section.key, item.id),
                aria_label="Show " + item.label,
                margin_top="3px",
            ),
            rx.vstack(
                rx.text(
                    item.label,
                    size="2",
                    weight="medium",
                    class_name="cv-break",
                    color=rx.cond(item.visible, rx.color("gray", 12), MUTED),
                ),
                rx.cond(item.detail, rx.text(item.detail, size="1", color=MUTED)),
                spacing="0",
                flex="1",
                min_width="0",
            ),
            _review_badge(item.review),
            rx.hstack(
                _icon_button(
                    "pencil-line",
                    "Rewrite texts of " + item.label,
                    on_click=S.toggle_item_texts(section.key, item.id),
                    aria_expanded=rx.cond(is_open, "true", "false"),
                    color_scheme=rx.cond(is_open, "indigo", "gray"),
                    display=rx.cond(section.editable, "inline-flex", "none"),
                ),
                _icon_button(
                    "arrow-up",
                    "Move " + item.label + " up",
                    on_click=S.move_item(section.key, item.id, -1),
                    disabled=index == 0,
                ),
                _icon_button(
                    "arrow-down",
                    "Move " + item.label + " down",
                    on_click=S.move_item(section.key, item.id, 1),
                    disabled=index + 1 == count,
                ),
                spacing="1",
                flex_shrink="0",
            ),
            spacing="3",
            align="start",
            width="100%",
        ),
        rx.cond(is_open, item_texts()),
        item_id=item.id,
        label=item.label,
        padding_y="10px",
        border_top=rx.cond(index == 0, "none", BORDER),
        width="100%",
        data_testid="cv-item",
    )


def _heading_field(section: SectionRow) -> rx.Component:
    field_id = "heading-" + section.key
    return rx.vstack(
        rx.el.label(rx.text("Heading in this CV", size="1", color=MUTED), html_for=field_id),
        rx.input(
            id=field_id,
            default_value=section.title,
            key=section.key + ":" + section.title,
            placeholder=section.name,
            on_blur=S.rename_section(section.key),
            size="2",
            width="100%",
            max_width="320px",
        ),
        spacing="1",
        width="100%",
    )


def _section_body(section: SectionRow) -> rx.Component:
    return rx.vstack(
        rx.cond(
            section.has_items,
            rx.cond(
                section.item_rows.length() > 0,
                sortable_list(
                    rx.foreach(section.item_rows, lambda item, i: _item(section, item, i)),
                    list_id="cv-items",
                    ids=section.item_rows.pluck("id"),
                    on_reorder=lambda ids: S.reorder_items(section.key, ids),
                    width="100%",
                ),
                rx.text(
                    "Nothing in this section of your profile yet.",
                    size="2",
                    color=MUTED,
                ),
            ),
        ),
        rx.cond(section.key == "summary", summary_rewrite()),
        _heading_field(section),
        spacing="3",
        width="100%",
        padding_top="12px",
        margin_top="12px",
        border_top=BORDER,
    )


def _section_detail(section: SectionRow) -> rx.Component:
    """ "2 of 3 shown", or where the section's text comes from."""
    return rx.cond(
        section.has_items,
        rx.cond(
            section.item_rows.length() > 0,
            rx.fragment(section.shown, " of ", section.item_rows.length(), " shown"),
            "Nothing in your profile yet",
        ),
        rx.cond(
            section.key == "summary",
            rx.cond(S.summary_override != "", "Rewritten for this CV", "From your profile"),
            "From your profile",
        ),
    )


def _section(section: SectionRow, index: Var[int]) -> rx.Component:
    is_open = S.open_section == section.key
    count = S.sections.length()
    body_id = "section-body-" + section.key
    name = rx.cond(section.title != "", section.title, section.name)
    card = rx.card(
        rx.flex(
            drag_handle("Drag to reorder " + name),
            rx.switch(
                checked=section.visible,
                on_change=S.show_section(section.key),
                aria_label="Show the " + section.name + " section",
            ),
            rx.el.button(
                rx.vstack(
                    rx.text(
                        rx.cond(section.title != "", section.title, section.name),
                        size="3",
                        weight="bold",
                        color=rx.cond(section.visible, rx.color("gray", 12), MUTED),
                    ),
                    rx.text(_section_detail(section), size="1", color=MUTED),
                    spacing="0",
                    align="start",
                ),
                type="button",
                on_click=S.toggle_section_items(section.key),
                aria_expanded=rx.cond(is_open, "true", "false"),
                aria_controls=body_id,
                background="transparent",
                border="none",
                padding="0",
                color="inherit",
                text_align="left",
                cursor="pointer",
                flex="1",
                min_width="0",
            ),
            _review_badge(section.review),
            rx.hstack(
                _icon_button(
                    "arrow-up",
                    "Move " + section.name + " up",
                    on_click=S.move_section(section.key, -1),
                    disabled=index == 0,
                ),
                _icon_button(
                    "arrow-down",
                    "Move " + section.name + " down",
                    on_click=S.move_section(section.key, 1),
                    disabled=index + 1 == count,
                ),
                _icon_button(
                    rx.icon(
                        "chevron-down",
                        size=16,
                        transform=rx.cond(is_open, "rotate(180deg)", "none"),
                        transition="transform 120ms",
                    ),
                    rx.cond(is_open, "Close ", "Open ") + section.name,
                    on_click=S.toggle_section_items(section.key),
                    aria_expanded=rx.cond(is_open, "true", "false"),
                    aria_controls=body_id,
                ),
                spacing="1",
                flex_shrink="0",
            ),
            spacing="3",
            align="center",
            width="100%",
        ),
        rx.cond(is_open, rx.box(_section_body(section), id=body_id)),
        size="2",
        width="100%",
        data_testid="cv-section",
    )
    return sortable_item(card, item_id=section.key, label=name, width="100%")


def cv_content() -> rx.Component:
    """Every section in the CV's order; the open one lists its items."""
    return rx.vstack(
        rx.text(
            "Choose what this CV shows and in which order. Changes are saved at once; "
            "your profile stays as it is.",
            size="2",
            color=MUTED,
        ),
        rx.cond(
            S.review_count > 0,
            rx.callout.root(
                rx.callout.icon(rx.icon("flag")),
                rx.callout.text(
                    rx.cond(
                        S.review_count == 1,
                        "One rewritten text needs a look: ",
                        f"{S.review_count} rewritten texts need a look: ",
                    ),
                    "the profile text behind it has changed since. Open the flagged items.",
                ),
                color_scheme="amber",
                size="1",
                width="100%",
            ),
        ),
        sortable_list(
            rx.foreach(S.sections, _section),
            list_id="cv-sections",
            ids=S.sections.pluck("key"),
            on_reorder=S.reorder_sections,
            display="flex",
            flex_direction="column",
            gap="var(--space-3)",
            width="100%",
        ),
        spacing="3",
        width="100%",
    )
