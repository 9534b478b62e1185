"""The site footer: only links to pages and routes that exist."""

import datetime

import reflex as rx

from cvapp import routes
from cvapp.components.brand import brand
from cvapp.components.links import anchor, page_link
from cvapp.components.section import contained


def _column(title: str, *links: rx.Component) -> rx.Component:
    return rx.vstack(
        rx.text(title, size="2", weight="bold", color=rx.color("gray", 12)),
        *links,
        spacing="2",
        align="start",
    )


def _footer_link_props() -> dict[str, object]:
    return {"size": "2", "color_scheme": "gray", "underline": "hover"}


def footer() -> rx.Component:
    """Brand, link columns and the copyright line."""
    props = _footer_link_props()
    columns = rx.flex(
        _column(
            "Product",
            page_link("Features", routes.home_section(routes.FEATURES_ANCHOR), **props),
            page_link("Plans", routes.home_section(routes.PLANS_ANCHOR), **props),
        ),
        _column("Developers", anchor("REST API docs", routes.API_DOCS, **props)),
        _column("Legal", page_link("Privacy policy", routes.PRIVACY, **props)),
        gap=["32px", "48px", "64px"],
        wrap="wrap",
    )
    about = rx.vstack(
        brand(size="4"),
        rx.text(
            "One master record of your career, every CV you need.",
            size="2",
            color=rx.color("gray", 11),
            max_width="280px",
        ),
        spacing="3",
        align="start",
    )
    return rx.el.footer(
        contained(
            rx.flex(
                about,
                columns,
                direction=rx.breakpoints(initial="column", sm="row"),
                justify="between",
                gap="40px",
            ),
            rx.separator(size="4", margin_y="32px"),
            rx.text(
                f"© {datetime.date.today().year} cvapp. Your career data stays yours.",
                size="1",
                color=rx.color("gray", 11),
            ),
        ),
        width="100%",
        padding_y="48px",
        border_top=f"1px solid {rx.color('gray', 5, alpha=True)}",
        background=rx.color("gray", 2),
    )
