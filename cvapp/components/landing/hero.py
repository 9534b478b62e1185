"""Landing hero: the promise in one line, and a glimpse of a master profile."""

import reflex as rx

from cvapp import routes
from cvapp.components.landing.demo import try_demo_button
from cvapp.components.section import contained
from cvapp.state.session import SessionState

_MUTED = rx.color("gray", 11)


def _bullet(text: str) -> rx.Component:
    return rx.hstack(
        rx.box(
            width="5px",
            height="5px",
            border_radius="50%",
            background=rx.color("accent", 9),
            margin_top="8px",
            flex_shrink="0",
        ),
        rx.text(text, size="2", color=rx.color("gray", 12)),
        spacing="2",
        align="start",
    )


def _jump_button(label: str, anchor: str, *, variant: str) -> rx.Component:
    """A button-styled plain anchor to a landing-page section."""
    return rx.button(
        rx.el.a(label, href=routes.home_section(anchor)),
        as_child=True,
        size="3",
        variant=variant,
    )


def _profile_preview() -> rx.Component:
    """A static picture of an experience, a hidden-client project and derived versions."""
    experience = rx.vstack(
        rx.hstack(
            rx.text("Senior Backend Engineer", weight="bold", size="3"),
            rx.spacer(),
            rx.text("2021 – now", size="1", color=_MUTED, white_space="nowrap"),
            width="100%",
            align="baseline",
        ),
        rx.text("Northwind Payments · Berlin", size="2", color=_MUTED),
        _bullet("Cut p95 checkout latency from 900 ms to 250 ms"),
        _bullet("Led a team of five through the move to event sourcing"),
        spacing="2",
        width="100%",
    )
    project = rx.vstack(
        rx.hstack(
            rx.icon("eye-off", size=16, color=rx.color("accent", 11), flex_shrink="0"),
            rx.text("Core-banking migration for ", rx.el.strong("a Tier-1 bank"), size="2"),
            spacing="2",
            align="center",
        ),
        rx.text(
            "Client name hidden in every export",
            size="1",
            color=rx.color("accent", 11),
        ),
        spacing="1",
        width="100%",
        padding="10px 12px",
        border_radius="var(--radius-3)",
        background=rx.color("accent", 2),
        border=f"1px dashed {rx.color('accent', 7)}",
    )
    versions = rx.flex(
        *(
            rx.badge(
                rx.icon(icon, size=12), label, variant="surface", color_scheme="gray", size="2"
            )
            for icon, label in (
                ("file-text", "Platform lead CV"),
                ("file-text", "Fintech consulting CV"),
                ("scroll-text", "One-pager"),
            )
        ),
        spacing="2",
        wrap="wrap",
    )
    return rx.card(
        rx.vstack(
            rx.hstack(
                rx.icon("layers", size=16, color=rx.color("accent", 11)),
                rx.text("Master profile", size="2", weight="medium", color=_MUTED),
                spacing="2",
                align="center",
            ),
            experience,
            project,
            rx.separator(size="4"),
            rx.text("Derived versions", size="2", weight="medium", color=_MUTED),
            versions,
            spacing="4",
            width="100%",
        ),
        size="3",
        width="100%",
        max_width="480px",
        box_shadow="var(--shadow-5)",
    )


def hero() -> rx.Component:
    """The opening band with the h1, the value proposition, the sign-up call to action (the
    dashboard for a signed-in visitor) and two section links."""
    copy = rx.vstack(
        rx.badge("Career profile & CV platform", variant="soft", radius="full", size="2"),
        rx.heading(
            "One record of your career. Every CV you need.",
            as_="h1",
            size="8",
            line_height="1.08",
            letter_spacing="-0.02em",
        ),
        rx.text(
            "Keep your experience, projects, skills and achievements once, as structured data. "
            "Derive a tailored CV for every application, export it without leaking confidential "
            "client names, and get AI help that works only from facts you have written down.",
            size=rx.breakpoints(initial="4", sm="5"),
            color=_MUTED,
        ),
        rx.flex(
            rx.cond(
                SessionState.has_session,
                rx.button(
                    rx.el.a("Go to your dashboard", href=routes.DASHBOARD),
                    as_child=True,
                    size="3",
                ),
                rx.button(
                    rx.el.a("Get started — free", href=routes.REGISTER),
                    as_child=True,
                    size="3",
                    data_testid="hero-sign-up",
                ),
            ),
            try_demo_button(),
            _jump_button("Explore features", routes.FEATURES_ANCHOR, variant="outline"),
            _jump_button("Compare plans", routes.PLANS_ANCHOR, variant="soft"),
            spacing="3",
            wrap="wrap",
        ),
        spacing="5",
        align="start",
    )
    return rx.el.section(
        contained(
            rx.grid(
                copy,
                rx.center(_profile_preview()),
                columns=rx.breakpoints(initial="1", md="2"),
                grid_template_columns=["1fr", "1fr", "1fr", "1.15fr 1fr"],
                gap=["40px", "48px", "64px"],
                align="center",
            ),
        ),
        width="100%",
        padding_top=["40px", "64px", "96px"],
        padding_bottom=["24px", "32px", "48px"],
        background=(
            f"radial-gradient(ellipse 80% 60% at 70% 0%, {rx.color('accent', 3)}, transparent)"
        ),
    )
