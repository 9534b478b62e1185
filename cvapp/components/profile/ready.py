"""Profile content shown only once it holds the signed-in user's profile."""

from __future__ import annotations

import reflex as rx

from cvapp.state.profile.base import ProfileState
from cvapp.state.profile.basics import BasicsState
from cvapp.state.profile.items import ItemEditorState

# Page loaders of the pages that edit the profile: a notice or errors of an earlier visit
# (the basics form's, a section list's) do not show again.
PROFILE_MESSAGE_RESET = (BasicsState.clear_messages, ItemEditorState.clear_notice)


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
