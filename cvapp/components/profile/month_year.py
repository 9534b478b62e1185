"""Month/year pickers for career dates, with "Present" for an end that has not come yet."""

from __future__ import annotations

import reflex as rx

from cvapp.components.profile.fields import MUTED, native_select, required_mark
from cvapp.state.profile.dates import MONTHS, year_choices
from cvapp.state.profile.drafts import ON
from cvapp.state.profile.items import ItemEditorState

_MONTH_CHOICES = [("", "Month"), *((f"{i:02d}", name) for i, name in enumerate(MONTHS, 1))]
YEAR_ONLY = "Leave the month empty if you only know the year."
_YEAR_CHOICES = [("", "Year"), *((year, year) for year in year_choices())]


def month_year(
    label: str, name: str, *, required: bool = False, present: bool = False, hint: str = ""
) -> rx.Component:
    """Month and year of the date field ``name`` in the item form; optionally "Present"."""
    values, errors = ItemEditorState.values, ItemEditorState.errors
    is_present = values[f"{name}.present"] == ON if present else False
    error = errors.get(name, "")
    message_id = f"item-{name}-message"
    pickers = rx.hstack(
        native_select(
            _MONTH_CHOICES,
            value=values[f"{name}.month"],
            on_change=lambda value: ItemEditorState.set_value(f"{name}.month", value),
            label=f"{label} month",
            disabled=is_present,
            invalid=error.bool(),
        ),
        native_select(
            _YEAR_CHOICES,
            value=values[f"{name}.year"],
            on_change=lambda value: ItemEditorState.set_value(f"{name}.year", value),
            label=f"{label} year",
            disabled=is_present,
            invalid=error.bool(),
        ),
        spacing="2",
        align="center",
    )
    present_box = rx.checkbox(
        "Present",
        checked=is_present,
        on_change=lambda checked: ItemEditorState.set_checked(f"{name}.present", checked),
        size="2",
    )
    return rx.el.fieldset(
        rx.el.legend(
            rx.text(label, size="2", weight="medium", color=rx.color("gray", 12)),
            required_mark() if required else rx.fragment(),
            margin_bottom="4px",
            display="flex",
            gap="4px",
        ),
        rx.flex(
            pickers,
            present_box if present else rx.fragment(),
            spacing="3",
            align="center",
            wrap="wrap",
        ),
        rx.cond(
            error,
            rx.text(error, id=message_id, size="2", color=rx.color("red", 11), role="alert"),
            rx.text(hint, id=message_id, size="1", color=MUTED),
        ),
        aria_describedby=message_id,
        class_name="cv-fieldset",
    )


def date_range(
    start: str, end: str, *, start_label: str, end_label: str, required: bool, present: bool
) -> rx.Component:
    """A start and an end picker side by side (stacked on phones)."""
    return rx.flex(
        month_year(start_label, start, required=required, hint=YEAR_ONLY),
        month_year(end_label, end, present=present),
        direction=rx.breakpoints(initial="column", sm="row"),
        spacing="4",
        width="100%",
    )
