"""Links: client-side for pages of the app, document navigation for routes the API serves."""

import reflex as rx


def page_link(text: str, href: str, **props: object) -> rx.Component:
    """A client-side (React Router) link to a page of this app, fragments included."""
    return rx.link(text, href=href, **props)


def back_link(text: str, href: str) -> rx.Component:
    """The "← All …" link at the top of a page, back to the list it was opened from."""
    return rx.link(
        rx.hstack(
            rx.icon("arrow-left", size=14, aria_hidden="true"), text, spacing="1", align="center"
        ),
        href=href,
        size="2",
        color_scheme="gray",
        width="fit-content",
    )


def anchor(text: str, href: str, **props: object) -> rx.Component:
    """A link the browser follows itself (full page load), for routes outside the SPA."""
    return rx.link(text, href=href, reload_document=True, **props)


def menu_link(text: str, href: str, *, routed: bool) -> rx.Component:
    """A bare router link for use as a menu item's `as_child` target.

    Radix's Slot needs a single plain element: rx.link would nest two slotting components
    and fail at render with "Slot failed to slot onto its children".
    """
    return rx.el.a(text, href=href, reload_document=not routed)
