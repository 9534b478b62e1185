"""Form building blocks: labelled fields with their error, the form-level alert, submit button.

Forms are uncontrolled: the browser keeps the values and ``on_submit`` receives them all at
once (Enter submits), so typing sends nothing to the server.
"""

from typing import Any

import reflex as rx
from reflex.vars.base import Var

_MUTED = rx.color("gray", 11)


def field(
    label: str,
    *,
    form: str,
    name: str,
    auto_complete: str,
    type: str = "text",  # noqa: A002 - the HTML attribute
    error: Var[str] | str = "",
    hint: str = "",
    **input_props: Any,
) -> rx.Component:
    """A label, an input named ``name`` and, below it, the hint or the field's error."""
    field_id = f"{form}-{name}"
    message_id = f"{field_id}-message"
    has_error = Var.create(error).bool()
    return rx.vstack(
        rx.el.label(
            rx.text(label, size="2", weight="medium", color=rx.color("gray", 12)),
            html_for=field_id,
        ),
        rx.input(
            id=field_id,
            name=name,
            type=type,
            auto_complete=auto_complete,
            size="3",
            width="100%",
            aria_invalid=rx.cond(has_error, "true", "false"),
            aria_describedby=message_id,
            color_scheme=rx.cond(has_error, "red", "gray"),
            **input_props,
        ),
        rx.cond(
            has_error,
            rx.text(error, id=message_id, size="2", color=rx.color("red", 11)),
            rx.text(hint, id=message_id, size="1", color=_MUTED),
        ),
        spacing="1",
        width="100%",
    )


def form_alert(message: Var[str]) -> rx.Component:
    """A problem with the whole form (nothing when ``message`` is empty); read out at once."""
    return rx.cond(
        message,
        rx.callout(message, icon="triangle_alert", color_scheme="red", role="alert", width="100%"),
    )


def form_notice(message: Var[str]) -> rx.Component:
    """A success message about the form (nothing when empty)."""
    return rx.cond(
        message,
        rx.callout(message, icon="circle_check", color_scheme="green", role="status", width="100%"),
    )


def submit_button(label: str, *, loading: Var[bool], **props: Any) -> rx.Component:
    """The form's submit button; shows a spinner and ignores clicks while ``loading``."""
    return rx.button(
        label,
        type="submit",
        size="3",
        loading=loading,
        disabled=loading,
        **props,
    )


def form_card(title: str | Var[str], lead: str | Var[str], *children: rx.Component) -> rx.Component:
    """A narrow centred card with a page title, for the sign-in and account-link pages."""
    return rx.center(
        rx.card(
            rx.vstack(
                rx.vstack(
                    rx.heading(title, as_="h1", size=rx.breakpoints(initial="6", sm="7")),
                    rx.text(lead, size="3", color=_MUTED),
                    spacing="2",
                    width="100%",
                ),
                *children,
                spacing="5",
                width="100%",
            ),
            size=rx.breakpoints(initial="2", sm="4"),
            width="100%",
            max_width="440px",
        ),
        padding_y=["24px", "48px", "72px"],
        padding_x="16px",
        width="100%",
    )


def form_aside(question: str, link: rx.Component) -> rx.Component:
    """A small line under a form, e.g. "No account yet? Sign up"."""
    return rx.text(question, " ", link, size="2", color=_MUTED)


def named_file_input(upload: rx.Component, label: str) -> rx.Component:
    """``rx.upload.root`` with an accessible name on its hidden ``<input type=file>``.

    The drop zone is what people use, but the input stays in the accessibility tree (it is
    hidden visually, not from screen readers), so it needs a label too (WCAG 4.1.2).
    """
    zone = upload.children[0]
    file_input = zone.children[0]
    if getattr(file_input, "tag", None) != "input":
        raise TypeError("rx.upload.root no longer starts with its file input")
    file_input.custom_attrs["aria-label"] = label
    return upload
