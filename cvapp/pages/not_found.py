"""The page shown for unknown URLs, inside the usual shell."""

import reflex as rx

from cvapp import routes
from cvapp.components.layout import template
from cvapp.components.section import contained


@template(
    route=routes.NOT_FOUND,
    title="Page not found",
    description="This page does not exist.",
)
def not_found() -> rx.Component:
    """A short explanation and a way back."""
    return contained(
        rx.vstack(
            rx.text("404", size="2", weight="bold", color=rx.color("accent", 11)),
            rx.heading("Page not found", as_="h1", size="8"),
            rx.text(
                "The address may be mistyped, or the page has moved.",
                size="4",
                color=rx.color("gray", 11),
            ),
            rx.button(rx.el.a("Back to the home page", href=routes.HOME), as_child=True, size="3"),
            spacing="4",
            align="center",
            text_align="center",
            padding_y=["64px", "96px"],
        ),
    )
