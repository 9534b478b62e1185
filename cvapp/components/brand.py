"""The cvapp wordmark, linking home (the dashboard for a signed-in user)."""

import reflex as rx

from cvapp import routes
from cvapp.state.session import SessionState


def brand(size: str = "5") -> rx.Component:
    """Logo mark and name; a router link to the landing page, or to the dashboard when
    signed in."""
    mark = rx.center(
        rx.icon("file-user", size=18, color="white"),
        width="30px",
        height="30px",
        border_radius="8px",
        background=rx.color("accent", 9),
        flex_shrink="0",
    )
    return rx.link(
        rx.hstack(
            mark,
            rx.text("cvapp", size=size, weight="bold", color=rx.color("gray", 12)),
            spacing="2",
            align="center",
        ),
        href=rx.cond(SessionState.has_session, routes.DASHBOARD, routes.HOME),
        underline="none",
        aria_label=rx.cond(SessionState.has_session, "cvapp dashboard", "cvapp home"),
    )
