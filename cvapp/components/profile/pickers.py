"""Pickers that link an item to others: skills (with "add a new skill"), experiences, projects."""

from __future__ import annotations

import reflex as rx

from cvapp.components.profile.fields import MUTED, field_message
from cvapp.state.profile.items import ItemEditorState
from cvapp.state.profile.specs import LinkField, Option

SKILL_FORM_ID = "skill-add-form"


def _chip(field: str, option: Option) -> rx.Component:
    chosen = ItemEditorState.picked[field].contains(option.id)
    return rx.button(
        rx.cond(chosen, rx.icon("check", size=14), rx.icon("plus", size=14)),
        option.label,
        type="button",
        size="1",
        radius="full",
        variant=rx.cond(chosen, "solid", "outline"),
        color_scheme=rx.cond(chosen, "indigo", "gray"),
        aria_pressed=rx.cond(chosen, "true", "false"),
        on_click=ItemEditorState.toggle_link(field, option.id),
        max_width="100%",
        class_name="cv-chip",
    )


def _new_skill_form() -> rx.Component:
    input_id = f"{SKILL_FORM_ID}-input"
    return rx.form(
        rx.hstack(
            rx.input(
                id=input_id,
                name="skill",
                placeholder="Type a skill, e.g. Kubernetes",
                aria_label="New skill",
                size="2",
                width="100%",
            ),
            rx.button(
                rx.icon("plus", size=16),
                "Add skill",
                type="submit",
                size="2",
                variant="soft",
                loading=ItemEditorState.adding_skill,
            ),
            spacing="2",
            width="100%",
        ),
        id=SKILL_FORM_ID,
        on_submit=ItemEditorState.add_skill,
        reset_on_submit=True,
        width="100%",
    )


def link_picker(link: LinkField) -> rx.Component:
    """Toggle chips of the ``link.source`` items; skills can also be created here."""
    options = ItemEditorState.options[link.source]
    heading_id = f"picker-{link.name}"
    creatable = link.source == "skills"
    empty = (
        "No skills yet: type one below."
        if creatable
        else f"No {link.source} yet. Save this one; you can link them later."
    )
    return rx.vstack(
        rx.text(link.label, id=heading_id, size="2", weight="medium", color=rx.color("gray", 12)),
        rx.cond(
            options.length() > 0,
            rx.flex(
                rx.foreach(options, lambda option: _chip(link.name, option)),
                spacing="2",
                wrap="wrap",
                role="group",
                aria_labelledby=heading_id,
                width="100%",
            ),
            rx.text(empty, size="2", color=MUTED),
        ),
        _new_skill_form() if creatable else rx.fragment(),
        field_message(
            ItemEditorState.errors.get(link.name, ""),
            link.hint,
            message_id=f"{heading_id}-message",
        ),
        spacing="2",
        width="100%",
    )
