"""The add/edit dialog of a section item, its form built from the section's spec."""

from __future__ import annotations

import reflex as rx

from cvapp.components.forms import form_alert
from cvapp.components.profile.anonymization import anonymization_panel
from cvapp.components.profile.bullets import bullet_editor
from cvapp.components.profile.fields import native_select, save_row, text_control
from cvapp.components.profile.month_year import date_range, month_year
from cvapp.components.profile.pickers import link_picker
from cvapp.state.profile.items import ItemEditorState
from cvapp.state.profile.specs import LEVELS, SPECS, FormField, SectionSpec

FORM_ID = "item-form"
_LEVEL_CHOICES = [("", "Not set"), *((str(i), f"{i} – {name}") for i, name in enumerate(LEVELS, 1))]


def _field(f: FormField) -> rx.Component:
    values, errors = ItemEditorState.values, ItemEditorState.errors
    if f.kind == "range":
        control = date_range(
            f.name,
            f.end,
            start_label=f.label,
            end_label=f.end_label,
            required=f.required,
            present=f.present,
        )
    elif f.kind == "month":
        control = month_year(f.label, f.name, required=f.required)
    elif f.kind == "level":
        control = rx.vstack(
            rx.el.label(
                rx.text(f.label, size="2", weight="medium", color=rx.color("gray", 12)),
                html_for=f"item-{f.name}",
            ),
            native_select(
                _LEVEL_CHOICES,
                value=values[f.name],
                on_change=lambda value: ItemEditorState.set_value(f.name, value),
                label=f.label,
                field_id=f"item-{f.name}",
            ),
            spacing="1",
        )
    else:
        control = text_control(
            f.label,
            field_id=f"item-{f.name}",
            value=values[f.name],
            on_change=lambda value: ItemEditorState.set_value(f.name, value),
            error=errors.get(f.name, ""),
            hint=f.hint,
            required=f.required,
            multiline=f.kind == "textarea",
            placeholder=f.placeholder,
            type="url" if f.kind == "url" else "text",
            **({"input_mode": "decimal"} if f.kind == "number" else {}),
        )
    return rx.box(
        control,
        grid_column=rx.breakpoints(initial="auto", sm="1 / -1") if f.wide else "auto",
        min_width="0",
    )


def item_form(spec: SectionSpec) -> rx.Component:
    """Simple fields in a form (Enter saves), then bullets, confidentiality and links."""
    return rx.vstack(
        rx.form(
            rx.grid(
                *(_field(f) for f in spec.fields),
                columns=rx.breakpoints(initial="1", sm="2"),
                spacing="4",
                width="100%",
            ),
            id=FORM_ID,
            on_submit=ItemEditorState.save,
            no_validate=True,
            width="100%",
        ),
        bullet_editor(spec.bullets) if spec.bullets else rx.fragment(),
        anonymization_panel() if spec.anonymization else rx.fragment(),
        *(link_picker(link) for link in spec.links),
        spacing="5",
        width="100%",
        data_testid=f"{spec.key}-form",
    )


def editor_dialog() -> rx.Component:
    """One dialog for every section; it shows the form of the section being edited."""
    return rx.dialog.root(
        rx.dialog.content(
            rx.vstack(
                rx.dialog.title(ItemEditorState.dialog_title, margin="0"),
                rx.dialog.description(
                    "Fields marked * are required. Changes are saved when you press Save.",
                    size="2",
                    color=rx.color("gray", 11),
                ),
                rx.match(
                    ItemEditorState.editing,
                    *((spec.key, item_form(spec)) for spec in SPECS),
                    rx.fragment(),
                ),
                # Beside the Save button, where the eye is after pressing it.
                form_alert(ItemEditorState.form_error),
                save_row(
                    "Save",
                    form_id=FORM_ID,
                    loading=ItemEditorState.saving,
                    extra=rx.dialog.close(
                        rx.button("Cancel", variant="soft", color_scheme="gray", type="button")
                    ),
                ),
                spacing="4",
                width="100%",
            ),
            max_width="720px",
            width="calc(100vw - 24px)",
            padding=rx.breakpoints(initial="16px", sm="24px"),
        ),
        open=ItemEditorState.editing != "",
        on_open_change=ItemEditorState.set_open,
    )
