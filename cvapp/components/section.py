"""Page-width containers so every page lines up with the top bar and footer."""

import reflex as rx

CONTENT_MAX_WIDTH = "1120px"
GUTTER = ["16px", "24px", "32px"]


def contained(*children: rx.Component, **props: object) -> rx.Component:
    """Centre children in the shared content column."""
    return rx.box(
        *children,
        width="100%",
        max_width=CONTENT_MAX_WIDTH,
        margin_x="auto",
        padding_x=GUTTER,
        **props,
    )


def section(
    *children: rx.Component, section_id: str | None = None, **props: object
) -> rx.Component:
    """A full-width page band with its content in the shared column."""
    extra = {"id": section_id} if section_id else {}
    return rx.el.section(
        contained(*children),
        width="100%",
        padding_y=["48px", "64px", "88px"],
        # Keep fragment targets clear of the sticky top bar.
        scroll_margin_top="64px",
        **extra,
        **props,
    )


def section_heading(eyebrow: str, title: str, lead: str) -> rx.Component:
    """The centred heading block that opens a landing-page section."""
    return rx.vstack(
        rx.text(eyebrow, size="2", weight="bold", color=rx.color("accent", 11), as_="p"),
        rx.heading(title, as_="h2", size=rx.breakpoints(initial="7", sm="8"), align="center"),
        rx.text(lead, size="4", color=rx.color("gray", 11), align="center", max_width="640px"),
        spacing="3",
        align="center",
        margin_bottom=["32px", "48px"],
    )
