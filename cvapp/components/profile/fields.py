"""Labelled, controlled form controls for the profile forms, each with its inline message.

The values live in a state dict (typing is debounced by Reflex), so previews and pickers can
react to them; the surrounding ``rx.form`` only brings "Enter submits".
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import reflex as rx
from reflex.event import EventSpec
from reflex.vars.base import Var

OnChange = Callable[[Any], EventSpec]
MUTED = rx.color("gray", 11)


def required_mark() -> rx.Component:
    """The red star of a required field (outside its label, so the label reads cleanly)."""
    return rx.text("*", as_="span", aria_hidden="true", size="2", color=rx.color("red", 10))


def field_label(text: str, *, html_for: str, required: bool = False) -> rx.Component:
    label = rx.el.label(
        rx.text(text, size="2", weight="medium", color=rx.color("gray", 12)),
        html_for=html_for,
    )
    return rx.hstack(label, required_mark(), spacing="1") if required else label


def field_message(error: Var[str], hint: str, *, message_id: str) -> rx.Component:
    """The field's error when it has one, else its hint (both read by screen readers)."""
    return rx.cond(
        error,
        rx.text(error, id=message_id, size="2", color=rx.color("red", 11), role="alert"),
        rx.text(hint, id=message_id, size="1", color=MUTED),
    )


def text_control(
    label: str,
    *,
    field_id: str,
    value: Var[str],
    on_change: OnChange,
    error: Var[str],
    hint: str = "",
    required: bool = False,
    multiline: bool = False,
    **props: Any,
) -> rx.Component:
    """A label, a text input (or text area) bound to ``value``, and its message."""
    message_id = f"{field_id}-message"
    invalid = Var.create(error).bool()
    common: dict[str, Any] = {
        "id": field_id,
        "name": field_id,
        "value": value,
        "on_change": on_change,
        "width": "100%",
        "aria_invalid": rx.cond(invalid, "true", "false"),
        "aria_describedby": message_id,
        "color_scheme": rx.cond(invalid, "red", "gray"),
        **({"aria_required": "true"} if required else {}),
        **props,
    }
    control = (
        rx.text_area(rows="4", resize="vertical", size="2", **common)
        if multiline
        else rx.input(size="2", **common)
    )
    return rx.vstack(
        field_label(label, html_for=field_id, required=required),
        control,
        field_message(error, hint, message_id=message_id),
        spacing="1",
        width="100%",
    )


def native_select(
    choices: Sequence[tuple[str, str]],
    *,
    value: Var[str],
    on_change: OnChange,
    label: str,
    field_id: str = "",
    disabled: Var[bool] | bool = False,
    invalid: Var[bool] | bool = False,
) -> rx.Component:
    """A native ``<select>`` (phone wheels, type-ahead), styled like the Radix fields."""
    extra = {"id": field_id, "name": field_id} if field_id else {"aria_label": label}
    return rx.el.select(
        *(rx.el.option(text, value=key) for key, text in choices),
        value=value,
        on_change=on_change,
        disabled=disabled,
        aria_invalid=rx.cond(invalid, "true", "false"),
        class_name="cv-select",
        **extra,
    )


def save_row(
    label: str, *, form_id: str, loading: Var[bool], extra: rx.Component | None = None
) -> rx.Component:
    """The submit button of ``form_id`` (placed anywhere), with optional siblings."""
    return rx.hstack(
        extra or rx.fragment(),
        rx.button(
            label,
            type="submit",
            form=form_id,
            size="2",
            loading=loading,
            disabled=loading,
        ),
        spacing="3",
        justify="end",
        width="100%",
        wrap="wrap",
    )
