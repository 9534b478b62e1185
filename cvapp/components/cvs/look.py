"""The Design tab's look controls: accent colour, fonts, sizes, styles, photo, dates, side
column. Every control is a labelled native element (keyboard and screen-reader friendly);
each change saves at once (a typed number on leaving the field) and the preview follows."""

from __future__ import annotations

import reflex as rx

from cvapp.components.profile.fields import field_label, field_message
from cvapp.domain.cvs.design import MAX_MARGIN_MM, MAX_SIZE_PT, MIN_MARGIN_MM, MIN_SIZE_PT
from cvapp.domain.cvs.fonts import stylesheet_href
from cvapp.state.cvs.look import CHOICES, PRESETS
from cvapp.state.cvs.look import CvLookState as S
from cvapp.state.cvs.looks import SideRow

MUTED = rx.color("gray", 11)
TEMPLATE_OWN = "As the template"
SAMPLE_HEADING = "Experience"
# Latin, Greek and Cyrillic (each in its language, for screen readers).
SAMPLE_TEXT = (("Led 12 engineers · ", ""), ("Ελληνικά", "el"), (" · ", ""), ("Кириллица", "ru"))


def _swatch(key: str, name: str, hex_colour: str) -> rx.Component:
    chosen = (S.design["accent"] == hex_colour) & (S.design["chosen_accent"] != "")
    return rx.el.button(
        type="button",
        on_click=S.set_accent(hex_colour),
        title=name,
        aria_label=f"{name} {hex_colour}",
        aria_pressed=rx.cond(chosen, "true", "false"),
        data_testid=f"accent-{key}",
        width="32px",
        height="32px",
        border_radius="50%",
        background=hex_colour,
        cursor="pointer",
        border=rx.cond(chosen, f"3px solid {rx.color('gray', 12)}", "3px solid white"),
        box_shadow=f"0 0 0 1px {rx.color('gray', 7)}",
    )


def _accent() -> rx.Component:
    return rx.vstack(
        rx.text("Accent colour", id="accent-label", size="2", weight="medium"),
        rx.flex(
            *(_swatch(*preset) for preset in PRESETS),
            rx.hstack(
                rx.debounce_input(
                    rx.el.input(
                        type="color",
                        id="cv-accent",
                        value=S.design["accent"],
                        on_change=S.set_accent,
                        aria_describedby="cv-accent-message",
                        width="44px",
                        height="32px",
                        cursor="pointer",
                    ),
                    debounce_timeout=400,
                    # A refused colour is not kept in the picker: it shows the saved one.
                    key=S.accent_problem,
                ),
                field_label("Other colour", html_for="cv-accent"),
                spacing="2",
                align="center",
            ),
            role="group",
            aria_labelledby="accent-label",
            spacing="2",
            wrap="wrap",
            align="center",
        ),
        rx.cond(
            S.accent_problem != "",
            rx.callout.root(
                rx.callout.icon(rx.icon("triangle_alert")),
                rx.vstack(
                    rx.callout.text(S.accent_problem, size="2"),
                    rx.cond(
                        S.accent_suggestion != "",
                        rx.button(
                            rx.box(
                                width="14px",
                                height="14px",
                                border_radius="50%",
                                background=S.accent_suggestion,
                            ),
                            "Use ",
                            S.accent_suggestion,
                            " instead",
                            on_click=S.use_suggestion,
                            size="1",
                            variant="soft",
                            data_testid="accent-suggestion",
                        ),
                    ),
                    spacing="2",
                ),
                color_scheme="amber",
                size="1",
                role="alert",
                width="100%",
                data_testid="accent-problem",
            ),
        ),
        field_message(
            S.field_errors["design.accent"],
            "For the name, headings and links; checked to read well on white paper.",
            message_id="cv-accent-message",
        ),
        spacing="2",
        width="100%",
    )


def _font_sample() -> rx.Component:
    """The fonts in force, drawn: a heading in the heading font and a line of Latin, Greek
    and Cyrillic in the text font. The fonts' stylesheet is loaded here only."""
    template_own = S.design["font"] == ""
    name = S.design["font_name"]
    return rx.box(
        rx.el.link(rel="stylesheet", href=stylesheet_href()),
        rx.text(
            SAMPLE_HEADING,
            font_family=S.design["font_head"],
            font_weight="700",
            font_size="1.25rem",
            line_height="1.3",
            data_testid="font-sample-heading",
        ),
        rx.text(
            *(rx.el.span(text, lang=lang) if lang else text for text, lang in SAMPLE_TEXT),
            font_family=S.design["font_body"],
            font_size="1rem",
            data_testid="font-sample-text",
        ),
        rx.cond(template_own, rx.text("The template's font: ", name, size="1", color=MUTED)),
        role="group",
        aria_label=rx.cond(
            template_own, f"Sample of the template's font, {name}", f"Sample of {name}"
        ),
        data_testid="font-sample",
        width="100%",
        padding="8px 12px",
        border=f"1px solid {rx.color('gray', 6)}",
        border_radius="var(--radius-2)",
        overflow_wrap="anywhere",
    )


def _select(key: str, label: str, hint: str = "", *after: rx.Component) -> rx.Component:
    field_id = f"cv-design-{key.replace('_', '-')}"
    message_id = f"{field_id}-message"
    return rx.vstack(
        field_label(label, html_for=field_id),
        rx.el.select(
            rx.el.option(TEMPLATE_OWN, value=""),
            *(rx.el.option(name, value=value) for value, name in CHOICES[key].items()),
            id=field_id,
            value=S.design[key],
            on_change=lambda value: S.choose(key, value),
            aria_describedby=message_id,
            class_name="cv-select",
            width="100%",
        ),
        field_message(S.field_errors[f"design.{key}"], hint, message_id=message_id),
        *after,
        spacing="1",
        width="100%",
    )


def _number(key: str, label: str, unit: str, low: float, high: float, step: float) -> rx.Component:
    field_id = f"cv-design-{key.replace('_', '-')}"
    message_id = f"{field_id}-message"
    return rx.vstack(
        field_label(f"{label} ({unit})", html_for=field_id),
        rx.input(
            id=field_id,
            type="number",
            default_value=S.design[key],
            key=f"{key}:" + S.design[key],
            min=low,
            max=high,
            step=step,
            input_mode="decimal",
            on_blur=lambda value: S.set_number(key, value),
            aria_describedby=message_id,
            aria_invalid=rx.cond(S.field_errors[f"design.{key}"], "true", "false"),
            width="100%",
        ),
        field_message(
            S.field_errors[f"design.{key}"],
            f"From {low:g} to {high:g} {unit}.",
            message_id=message_id,
        ),
        spacing="1",
        width="100%",
    )


def _side_row(row: SideRow) -> rx.Component:
    return rx.el.label(
        rx.hstack(
            rx.checkbox(
                checked=row.checked,
                on_change=lambda checked: S.toggle_side(row.key, checked),
            ),
            rx.text(row.name, size="2"),
            spacing="2",
            align="center",
        ),
    )


def _side_column() -> rx.Component:
    return rx.cond(
        S.design["two_column"] != "",
        rx.vstack(
            rx.text("In the side column", id="side-label", size="2", weight="medium"),
            rx.flex(
                rx.foreach(S.side_rows, _side_row),
                role="group",
                aria_labelledby="side-label",
                direction="column",
                spacing="2",
            ),
            rx.text(
                "The other sections go in the main column, in the CV's order.",
                size="1",
                color=MUTED,
            ),
            field_message(S.field_errors["design.side_sections"], "", message_id="side-message"),
            spacing="1",
            width="100%",
            data_testid="side-sections",
        ),
    )


def _photo() -> rx.Component:
    return rx.vstack(
        rx.el.label(
            rx.hstack(
                rx.switch(checked=S.design["photo"] == "on", on_change=S.set_photo),
                rx.text("Show my photo", size="2", weight="medium"),
                spacing="2",
                align="center",
            ),
        ),
        rx.text("On templates with a photo, from your profile.", size="1", color=MUTED),
        spacing="1",
        width="100%",
    )


def cv_look() -> rx.Component:
    """The card of the design's controls."""
    return rx.card(
        rx.vstack(
            rx.hstack(
                rx.heading("Colours, fonts and spacing", as_="h3", size="3"),
                rx.spacer(),
                rx.cond(
                    S.design["chosen"] != "",
                    rx.button(
                        rx.icon("rotate_ccw", size=14),
                        "Back to the template's design",
                        on_click=S.use_template_design,
                        size="1",
                        variant="ghost",
                        data_testid="design-reset",
                    ),
                ),
                width="100%",
                align="center",
                wrap="wrap",
            ),
            _accent(),
            rx.grid(
                _select(
                    "font",
                    "Fonts",
                    "Noto fonts cover Latin, Greek and Cyrillic; all are embedded in the PDF.",
                    _font_sample(),
                ),
                _select("date_format", "Dates"),
                _number("size_pt", "Text size", "pt", MIN_SIZE_PT, MAX_SIZE_PT, 0.5),
                _select("density", "Spacing"),
                _number("margin_mm", "Page margins", "mm", MIN_MARGIN_MM, MAX_MARGIN_MM, 1),
                _select("section_titles", "Section titles"),
                _select("header", "Header"),
                _select("photo_shape", "Photo shape"),
                columns=rx.breakpoints(initial="1", sm="2"),
                spacing="4",
                width="100%",
            ),
            _photo(),
            _side_column(),
            spacing="4",
            width="100%",
        ),
        size="2",
        width="100%",
        data_testid="cv-look",
    )
