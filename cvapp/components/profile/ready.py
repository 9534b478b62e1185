"""Profile content shown only once it holds the signed-in user's profile."""

from __future__ import annotations

import reflex as rx

from cvapp.state.profile.base import ProfileState


def when_ready(content: rx.Component) -> rx.Component:
    """``content``, or a spinner while the profile loads (no flash of empty lists)."""
    return rx.cond(
        ProfileState.ready,
        content,
        rx.center(
            rx.hstack(
                rx.spinner(size="3"),
                rx.text("Loading your profile…", size="3", color=rx.color("gray", 11)),
                spacing="3",
                align="center",
            ),
            role="status",
            min_height="40vh",
            width="100%",
        ),
    )
