"""The top bar's account corner: log in / sign up, or the signed-in user's menu."""

import reflex as rx

from cvapp import routes
from cvapp.components.links import menu_link, page_link
from cvapp.components.session import sign_out
from cvapp.state.session import SessionState

# Pages of the signed-in menu, in order.
ACCOUNT_LINKS: tuple[tuple[str, str, str], ...] = (
    ("Dashboard", routes.DASHBOARD, "layout-dashboard"),
    ("Profile", routes.PROFILE, "id-card"),
    ("CVs", routes.CVS, "files"),
    ("Import", routes.IMPORTS, "file-up"),
    ("AI assistant", routes.AI, "sparkles"),
    ("Account settings", routes.SETTINGS, "user-cog"),
    ("Security", routes.SETTINGS_SECURITY, "shield-check"),
    ("Activity", routes.SETTINGS_ACTIVITY, "history"),
)


def _menu_entry(label: str, href: str, icon: str) -> rx.Component:
    return rx.menu.item(
        rx.el.a(
            rx.hstack(rx.icon(icon, size=16), rx.text(label), spacing="2", align="center"),
            href=href,
        ),
        as_child=True,
    )


def _who() -> rx.Component:
    """Name and address, when this connection proved them (a renewable session shows none)."""
    one_line = {"overflow": "hidden", "text_overflow": "ellipsis", "white_space": "nowrap"}
    return rx.cond(
        SessionState.signed_in,
        rx.box(
            rx.text(SessionState.user_name, size="2", weight="bold", **one_line),
            rx.text(SessionState.user_email, size="1", color=rx.color("gray", 11), **one_line),
            padding="4px var(--space-3) 8px",
            max_width="260px",
        ),
    )


def account_menu() -> rx.Component:
    """The signed-in user's menu: their pages and "Log out"."""
    return rx.menu.root(
        rx.menu.trigger(
            rx.button(
                rx.icon("circle-user-round", size=18),
                rx.el.span("Account menu: ", class_name="sr-only"),
                rx.text(
                    rx.cond(SessionState.signed_in, SessionState.user_name, "Account"),
                    display=["none", "none", "inline"],
                    max_width="160px",
                    overflow="hidden",
                    text_overflow="ellipsis",
                    white_space="nowrap",
                ),
                rx.icon("chevron-down", size=14),
                variant="soft",
                color_scheme="gray",
                size="2",
            ),
        ),
        rx.menu.content(
            _who(),
            rx.cond(SessionState.signed_in, rx.menu.separator()),
            *(_menu_entry(*link) for link in ACCOUNT_LINKS),
            rx.menu.separator(),
            rx.menu.item(
                rx.hstack(rx.icon("log-out", size=16), rx.text("Log out"), spacing="2"),
                on_click=sign_out(),
                color="red",
            ),
            align="end",
            min_width="200px",
        ),
    )


def sign_in_links() -> rx.Component:
    """ "Log in" and "Sign up" for visitors (wide screens; the menu has them on narrow ones)."""
    return rx.hstack(
        page_link("Log in", routes.LOGIN, size="2", weight="medium", color_scheme="gray"),
        rx.button(rx.el.a("Sign up", href=routes.REGISTER), as_child=True, size="2"),
        spacing="4",
        align="center",
        display=["none", "none", "flex"],
    )


def sign_in_menu_items() -> rx.Component:
    """The same two links as items of the narrow-screen menu, for visitors only."""
    return rx.cond(
        SessionState.has_session,
        rx.fragment(),
        rx.fragment(
            rx.menu.separator(),
            rx.menu.item(menu_link("Log in", routes.LOGIN, routed=True), as_child=True),
            rx.menu.item(menu_link("Sign up", routes.REGISTER, routed=True), as_child=True),
        ),
    )


def account_corner() -> rx.Component:
    """The user's menu with a session; otherwise the sign-in links (hidden until checked)."""
    return rx.cond(
        SessionState.has_session,
        account_menu(),
        rx.box(
            sign_in_links(),
            # Invisible (but in place) until the cookies were checked: no flash of "Log in".
            visibility=rx.cond(SessionState.session_checked, "visible", "hidden"),
        ),
    )
