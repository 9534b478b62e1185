"""The frame of the settings pages: a title, the tabs between them, and section cards."""

import reflex as rx

from cvapp import routes
from cvapp.components.section import contained

SETTINGS_PAGES: tuple[tuple[str, str], ...] = (
    ("Account", routes.SETTINGS),
    ("Security", routes.SETTINGS_SECURITY),
    ("Activity", routes.SETTINGS_ACTIVITY),
    ("Plan", routes.SETTINGS_PLAN),
    ("API keys", routes.SETTINGS_API_KEYS),
    ("Privacy & data", routes.SETTINGS_PRIVACY),
)


def _tab(label: str, href: str, *, current: bool) -> rx.Component:
    return rx.link(
        label,
        href=href,
        size="2",
        weight="medium",
        underline="none",
        padding="8px 2px",
        color=rx.color("gray", 12) if current else rx.color("gray", 11),
        border_bottom=f"2px solid {rx.color('accent', 9) if current else 'transparent'}",
        aria_current="page" if current else None,
    )


def settings_page(current: str, *sections: rx.Component) -> rx.Component:
    """The settings title, the tabs (``current`` is the page's route) and its sections."""
    tabs = rx.el.nav(
        rx.hstack(
            *(_tab(label, href, current=href == current) for label, href in SETTINGS_PAGES),
            spacing="5",
            wrap="wrap",
        ),
        aria_label="Settings",
        width="100%",
        border_bottom=f"1px solid {rx.color('gray', 5, alpha=True)}",
    )
    return contained(
        rx.vstack(
            rx.heading("Settings", as_="h1", size=rx.breakpoints(initial="7", sm="8")),
            tabs,
            *sections,
            spacing="5",
            padding_y=["24px", "40px"],
            width="100%",
            max_width="760px",
        ),
    )


def settings_section(title: str, description: str, *children: rx.Component) -> rx.Component:
    """A card with a heading (h2), one line saying what it is for, and its content."""
    return rx.card(
        rx.vstack(
            rx.vstack(
                rx.heading(title, as_="h2", size="4"),
                rx.text(description, size="2", color=rx.color("gray", 11)),
                spacing="1",
            ),
            *children,
            spacing="4",
            width="100%",
        ),
        size=rx.breakpoints(initial="2", sm="3"),
        width="100%",
    )
