"""The top bar: brand, navigation, colour theme; a menu replaces the links on narrow screens."""

from typing import NamedTuple

import reflex as rx

from cvapp import routes
from cvapp.components.account_menu import account_corner, sign_in_menu_items
from cvapp.components.app_nav import app_menu_items
from cvapp.components.brand import brand
from cvapp.components.color_mode import color_mode_menu
from cvapp.components.links import anchor, menu_link, page_link
from cvapp.components.section import contained
from cvapp.state.session import SessionState


class NavItem(NamedTuple):
    """One navigation entry; `routed` is False for targets the router does not serve (API)."""

    label: str
    href: str
    routed: bool


NAV_ITEMS: tuple[NavItem, ...] = (
    NavItem("Features", routes.home_section(routes.FEATURES_ANCHOR), routed=True),
    NavItem("Plans", routes.home_section(routes.PLANS_ANCHOR), routed=True),
    NavItem("Privacy", routes.PRIVACY, routed=True),
    NavItem("API docs", routes.API_DOCS, routed=False),
)

# Below the Reflex "sm" breakpoint (48em) the links fold into the menu.
_WIDE_ONLY = ["none", "none", "flex"]
_NARROW_ONLY = ["flex", "flex", "none"]


def _link(item: NavItem, **props: object) -> rx.Component:
    make = page_link if item.routed else anchor
    return make(item.label, item.href, **props)


def _menu_item(item: NavItem) -> rx.Component:
    return rx.menu.item(menu_link(item.label, item.href, routed=item.routed), as_child=True)


def _desktop_links() -> rx.Component:
    return rx.el.nav(
        rx.hstack(
            rx.cond(
                SessionState.has_session,
                page_link(
                    "Dashboard", routes.DASHBOARD, size="2", weight="bold", underline="hover"
                ),
            ),
            *(
                _link(item, size="2", weight="medium", color_scheme="gray", underline="hover")
                for item in NAV_ITEMS
            ),
            spacing="5",
            align="center",
        ),
        display=_WIDE_ONLY,
        aria_label="Main",
    )


def _mobile_menu() -> rx.Component:
    return rx.box(
        rx.menu.root(
            rx.menu.trigger(
                rx.icon_button(
                    rx.icon("menu", size=20),
                    variant="ghost",
                    color_scheme="gray",
                    size="2",
                    aria_label="Open navigation menu",
                ),
            ),
            rx.menu.content(
                rx.cond(
                    SessionState.has_session,
                    rx.fragment(app_menu_items(), rx.menu.separator()),
                ),
                *(_menu_item(item) for item in NAV_ITEMS),
                sign_in_menu_items(),
                align="end",
                min_width="180px",
            ),
        ),
        display=_NARROW_ONLY,
    )


def navbar() -> rx.Component:
    """The sticky top bar shown on every page."""
    return rx.el.header(
        contained(
            rx.hstack(
                brand(),
                rx.spacer(),
                _desktop_links(),
                rx.hstack(
                    account_corner(),
                    color_mode_menu(),
                    _mobile_menu(),
                    spacing="3",
                    align="center",
                ),
                align="center",
                spacing="6",
                height="60px",
            ),
        ),
        position="sticky",
        top="0",
        z_index="20",
        width="100%",
        border_bottom=f"1px solid {rx.color('gray', 5, alpha=True)}",
        background="color-mix(in srgb, var(--color-background) 86%, transparent)",
        backdrop_filter="blur(10px)",
    )
