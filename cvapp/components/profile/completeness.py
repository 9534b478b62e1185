"""How complete the profile is, and the next things that would raise it."""

from __future__ import annotations

import reflex as rx

from cvapp.components.profile.fields import MUTED
from cvapp.state.profile.base import ProfileState

SHOWN_HINTS = 3


def completeness_meter(*, hints: int = SHOWN_HINTS) -> rx.Component:
    """The score as a bar, and up to ``hints`` suggestions (all of them with ``hints=0``)."""
    score = ProfileState.completeness
    missing = ProfileState.missing if hints == 0 else ProfileState.missing[:hints]
    return rx.card(
        rx.vstack(
            rx.hstack(
                rx.text("Profile completeness", id="completeness-label", size="2", weight="bold"),
                rx.spacer(),
                rx.text(
                    score.to_string() + "%",
                    size="4",
                    weight="bold",
                    data_testid="completeness-value",
                ),
                align="center",
                width="100%",
            ),
            rx.progress(
                value=score,
                max=100,
                size="2",
                aria_labelledby="completeness-label",
                color_scheme=rx.cond(score >= 80, "green", "indigo"),
            ),
            rx.cond(
                ProfileState.missing.length() > 0,
                rx.flex(
                    rx.text("Next:", size="1", color=MUTED),
                    rx.foreach(
                        missing,
                        lambda hint: rx.badge(hint, variant="surface", color_scheme="gray"),
                    ),
                    spacing="2",
                    wrap="wrap",
                    align="center",
                ),
                rx.text("Your profile is complete. Nice work!", size="1", color=MUTED),
            ),
            spacing="2",
            width="100%",
        ),
        width="100%",
        size="2",
    )
