"""How the CV looks: its name and target role, template, design, page size, language, one
page."""

from __future__ import annotations

import reflex as rx

from cvapp import routes
from cvapp.components.cvs.look import cv_look
from cvapp.components.profile.fields import field_label, field_message
from cvapp.components.upgrade import limit_notice
from cvapp.state.cvs.design import LOCALES, PAGE_SIZES
from cvapp.state.cvs.design import CvDesignState as S
from cvapp.state.cvs.rows import DroppedRow, TemplateCard

MUTED = rx.color("gray", 11)


def _card(title: str, *children: rx.Component) -> rx.Component:
    return rx.card(
        rx.vstack(rx.heading(title, as_="h3", size="3"), *children, spacing="3", width="100%"),
        size="2",
        width="100%",
    )


def _details() -> rx.Component:
    return _card(
        "Name and role",
        rx.grid(
            rx.vstack(
                field_label("Name of this CV", html_for="cv-name"),
                rx.input(
                    id="cv-name",
                    default_value=S.name,
                    key="name:" + S.name,
                    on_blur=S.rename,
                    max_length=100,
                    width="100%",
                    aria_describedby="cv-name-message",
                    aria_invalid=rx.cond(S.field_errors["name"], "true", "false"),
                ),
                field_message(
                    S.field_errors["name"], "Only you see it.", message_id="cv-name-message"
                ),
                spacing="1",
                width="100%",
            ),
            rx.vstack(
                field_label("Target role", html_for="cv-role"),
                rx.input(
                    id="cv-role",
                    default_value=S.target_role,
                    key="role:" + S.target_role,
                    on_blur=S.set_target_role,
                    placeholder="e.g. Backend engineer",
                    max_length=200,
                    width="100%",
                    aria_describedby="cv-role-message",
                ),
                field_message(
                    S.field_errors["target_role"],
                    "A one-page CV keeps what matches it best.",
                    message_id="cv-role-message",
                ),
                spacing="1",
                width="100%",
            ),
            columns=rx.breakpoints(initial="1", sm="2"),
            spacing="4",
            width="100%",
        ),
        _title_line(),
    )


def _choice(value: str, label: str, detail: rx.Var[str] | str) -> rx.Component:
    return rx.text(
        rx.flex(
            rx.radio_group.item(value=value),
            label,
            rx.cond(detail != "", rx.text.span("“", detail, "”", color=MUTED)),
            spacing="2",
            align="center",
            wrap="wrap",
        ),
        as_="label",
        size="2",
    )


def _title_line() -> rx.Component:
    """What the CV prints under the person's name."""
    return rx.vstack(
        rx.text("Under your name", id="cv-title-line-label", size="2", weight="medium"),
        rx.radio_group.root(
            rx.flex(
                _choice("headline", "Your headline", S.headline_master),
                _choice("target_role", "This CV's target role", S.target_role),
                direction="column",
                spacing="2",
            ),
            value=S.title_line,
            on_change=S.set_title_line,
            aria_labelledby="cv-title-line-label",
        ),
        spacing="1",
        width="100%",
        padding_top="8px",
    )


def _template(card: TemplateCard) -> rx.Component:
    chosen = S.template == card.key
    return rx.el.button(
        rx.vstack(
            rx.box(
                rx.image(
                    src=card.thumbnail,
                    alt="",
                    width="100%",
                    height="100%",
                    object_fit="cover",
                    object_position="top",
                    loading="lazy",
                ),
                aspect_ratio="1 / 1.1",
                width="100%",
                overflow="hidden",
                border_radius="var(--radius-2)",
                background="white",
                border=f"1px solid {rx.color('gray', 5, alpha=True)}",
            ),
            rx.hstack(
                rx.text(
                    card.name,
                    rx.el.span(" template", class_name="sr-only"),
                    size="2",
                    weight="bold",
                ),
                rx.cond(chosen, rx.icon("circle-check", size=16, color=rx.color("accent", 10))),
                rx.cond(
                    card.locked,
                    rx.badge(rx.icon("lock", size=10), card.plans, size="1", color_scheme="gray"),
                ),
                spacing="2",
                align="center",
                wrap="wrap",
            ),
            rx.text(card.description, size="1", color=MUTED, class_name="cv-clamp-2"),
            rx.cond(
                card.features != "",
                rx.text(card.features, size="1", weight="medium", color=rx.color("accent", 11)),
            ),
            spacing="2",
            align="start",
            width="100%",
        ),
        type="button",
        on_click=S.choose_template(card.key),
        aria_pressed=rx.cond(chosen, "true", "false"),
        data_testid="template-" + card.key,
        padding="8px",
        text_align="left",
        color="inherit",
        cursor="pointer",
        background=rx.cond(chosen, rx.color("accent", 3), "transparent"),
        border=rx.cond(
            chosen,
            f"2px solid {rx.color('accent', 9)}",
            f"2px solid {rx.color('gray', 4, alpha=True)}",
        ),
        border_radius="var(--radius-3)",
        width="100%",
    )


def _templates() -> rx.Component:
    return _card(
        "Template",
        rx.grid(
            rx.foreach(S.templates, _template),
            columns=rx.breakpoints(initial="2", sm="3"),
            spacing="3",
            width="100%",
            role="group",
            aria_label="Templates",
        ),
        rx.cond(
            S.limit_kind == "templates",
            limit_notice(S.error, S.upgrade_to, test_id="template-limit"),
        ),
        rx.text(
            "Every template keeps real text in reading order, so applicant tracking systems "
            "read it. ",
            rx.link("Compare plans", href=routes.SETTINGS_PLAN),
            size="1",
            color=MUTED,
        ),
    )


def _dropped(row: DroppedRow) -> rx.Component:
    return rx.el.li(rx.text(row.section, ": ", as_="span", color=MUTED), row.label)


def _layout() -> rx.Component:
    return _card(
        "Page",
        rx.flex(
            rx.vstack(
                rx.text("Paper size", size="2", weight="medium", id="page-size-label"),
                rx.segmented_control.root(
                    *(rx.segmented_control.item(size, value=size) for size in PAGE_SIZES),
                    value=S.page_size,
                    on_change=S.set_page_size,
                    aria_labelledby="page-size-label",
                ),
                spacing="1",
            ),
            rx.vstack(
                field_label("Language of dates and headings", html_for="cv-locale"),
                rx.el.select(
                    *(rx.el.option(name, value=code) for code, name in LOCALES),
                    id="cv-locale",
                    value=S.locale,
                    on_change=S.set_locale,
                    class_name="cv-select",
                ),
                spacing="1",
            ),
            spacing="5",
            wrap="wrap",
        ),
        rx.el.label(
            rx.hstack(
                rx.switch(checked=S.one_page, on_change=S.set_one_page),
                rx.vstack(
                    rx.text("Fit on one page", size="2", weight="medium"),
                    rx.text(
                        "Tightens the spacing and type first (never below 9 pt), then leaves "
                        "out what matters least for the target role.",
                        size="1",
                        color=MUTED,
                    ),
                    spacing="0",
                ),
                spacing="3",
                align="start",
            ),
        ),
        rx.cond(
            S.fit_note != "",
            rx.callout.root(
                rx.callout.icon(rx.icon("ruler")),
                rx.callout.text(S.fit_note, size="2"),
                size="1",
                color_scheme="gray",
                width="100%",
                data_testid="fit-note",
            ),
        ),
        rx.cond(
            S.dropped.length() > 0,
            rx.callout.root(
                rx.callout.icon(rx.icon("scissors")),
                rx.vstack(
                    rx.callout.text("Left out to fit one page:", size="2", weight="medium"),
                    rx.el.ul(rx.foreach(S.dropped, _dropped), class_name="cv-bullets"),
                    rx.callout.text(
                        "Hide other items, or shorten texts, to bring these back.", size="1"
                    ),
                    spacing="1",
                ),
                size="1",
                color_scheme="gray",
                width="100%",
                data_testid="dropped-items",
            ),
        ),
    )


def cv_design() -> rx.Component:
    return rx.vstack(_details(), _templates(), cv_look(), _layout(), spacing="4", width="100%")
