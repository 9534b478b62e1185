"""The dashboard's invitation to the welcome wizard (start, resume, or skip it)."""

from __future__ import annotations

import reflex as rx

from cvapp import routes
from cvapp.state.profile.onboarding import STEP_KEYS, OnboardingState


def welcome_card() -> rx.Component:
    """Shown while the wizard is neither finished nor skipped (see ``OnboardingState.offer``)."""
    starting = OnboardingState.resume_step == STEP_KEYS[0]
    return rx.cond(
        OnboardingState.resume_step != "",
        rx.card(
            rx.flex(
                rx.center(
                    rx.icon("wand-sparkles", size=22, color=rx.color("accent", 11)),
                    width="44px",
                    height="44px",
                    border_radius="12px",
                    background=rx.color("accent", 3),
                    flex_shrink="0",
                ),
                rx.vstack(
                    rx.heading("Set up your profile", as_="h2", size="4"),
                    rx.text(
                        rx.cond(
                            starting,
                            "Start from the CV you have, or step by step: the basics, your "
                            "experience, projects and skills. Every step is saved; skip any.",
                            "You stopped at “"
                            + OnboardingState.resume_label
                            + "”. Pick up where you left off.",
                        ),
                        size="2",
                        color=rx.color("gray", 11),
                    ),
                    rx.hstack(
                        rx.button(
                            rx.el.a(rx.cond(starting, "Start", "Continue"), href=routes.ONBOARDING),
                            as_child=True,
                            size="2",
                        ),
                        rx.button(
                            "Skip set-up",
                            variant="ghost",
                            color_scheme="gray",
                            size="2",
                            type="button",
                            on_click=OnboardingState.skip,
                        ),
                        spacing="3",
                        align="center",
                    ),
                    spacing="2",
                    align="start",
                ),
                spacing="4",
                direction=rx.breakpoints(initial="column", sm="row"),
            ),
            size="3",
            width="100%",
            data_testid="welcome-card",
        ),
    )
