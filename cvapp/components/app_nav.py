"""The signed-in app's navigation: a sidebar beside every /app page on wide screens, the
same entries in the top bar's menu on phones; the current page is marked (aria-current)."""

from __future__ import annotations

from typing import NamedTuple

import reflex as rx

from cvapp import routes
from cvapp.components.links import menu_link


class AppEntry(NamedTuple):
    label: str
    href: str
    icon: str


APP_ENTRIES: tuple[AppEntry, ...] = (
    AppEntry("Dashboard", routes.DASHBOARD, "layout-dashboard"),
    AppEntry("Profile", routes.PROFILE, "id-card"),
    AppEntry("CVs", routes.CVS, "files"),
    AppEntry("Applications", routes.APPLICATIONS, "briefcase"),
    AppEntry("Cover letters", routes.LETTERS, "mail"),
    AppEntry("Import", routes.IMPORTS, "file-up"),
    AppEntry("AI assistant", routes.AI, "sparkles"),
    AppEntry("Public profile", routes.PUBLIC_PROFILE_SETTINGS, "globe"),
    AppEntry("Account", routes.SETTINGS, "user-cog"),
)
# The sidebar shows from Reflex's "md" breakpoint (62em); below it the top bar's menu has it.
SIDEBAR_WIDTH = "200px"
_WIDE = ["none", "none", "none", "block"]


def current_entry(route: str) -> str:
    """The entry a page belongs to (its href), "" for pages outside the app's sections."""
    best = ""
    for entry in APP_ENTRIES:
        inside = route == entry.href or route.startswith(entry.href + "/")
        if entry.href == routes.DASHBOARD:
            inside = route == entry.href
        if inside and len(entry.href) > len(best):
            best = entry.href
    return best


def _sidebar_link(entry: AppEntry, current: bool) -> rx.Component:
    return rx.el.a(
        rx.icon(entry.icon, size=16),
        entry.label,
        href=entry.href,
        aria_current="page" if current else None,
        class_name="cv-app-nav-link",
        style={
            "display": "flex",
            "align_items": "center",
            "gap": "10px",
            "padding": "8px 10px",
            "border_radius": "var(--radius-2)",
            "font_size": "var(--font-size-2)",
            "font_weight": "600" if current else "500",
            "color": rx.color("accent", 11) if current else rx.color("gray", 12),
            "background": rx.color("accent", 3) if current else "transparent",
            "text_decoration": "none",
            "&:hover": {"background": rx.color("gray", 3)},
            "&:focus-visible": {"outline": f"2px solid {rx.color('accent', 8)}"},
        },
    )


def sidebar(route: str) -> rx.Component:
    """The wide-screen sidebar of the page at ``route``."""
    current = current_entry(route)
    return rx.el.nav(
        rx.vstack(
            *(_sidebar_link(entry, entry.href == current) for entry in APP_ENTRIES),
            spacing="1",
            width="100%",
        ),
        aria_label="App",
        display=_WIDE,
        width=SIDEBAR_WIDTH,
        flex_shrink="0",
        padding="24px 12px",
        position="sticky",
        top="60px",
        align_self="flex-start",
        data_testid="app-nav",
    )


def with_sidebar(route: str, content: rx.Component) -> rx.Component:
    """``content`` beside the sidebar (the sidebar hides on narrow screens)."""
    return rx.flex(
        sidebar(route),
        rx.box(content, flex="1", min_width="0"),
        width="100%",
        max_width="1440px",
        margin_x="auto",
    )


def app_menu_items() -> rx.Component:
    """The same entries as items of the top bar's menu (phones)."""
    return rx.fragment(
        *(
            rx.menu.item(menu_link(entry.label, entry.href, routed=True), as_child=True)
            for entry in APP_ENTRIES
        )
    )
