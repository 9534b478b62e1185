"""The frame of the AI assistant's pages: title, the tabs between them, provider and usage."""

from __future__ import annotations

import reflex as rx

from cvapp import routes
from cvapp.components.ai.state import AiState
from cvapp.components.section import contained

AI_PAGES: tuple[tuple[str, str, str], ...] = (
    ("Improve text", routes.AI, "wand-sparkles"),
    ("Skills for a role", routes.AI_SKILLS, "list-checks"),
    ("Gap analysis", routes.AI_GAPS, "scan-search"),
    ("Summary", routes.AI_SUMMARY, "text-quote"),
)


def _tab(label: str, href: str, icon: str, *, current: bool) -> rx.Component:
    return rx.link(
        rx.hstack(rx.icon(icon, size=15), rx.text(label), spacing="1", align="center"),
        href=href,
        size="2",
        weight="medium",
        underline="none",
        padding="8px 2px",
        white_space="nowrap",
        color=rx.color("gray", 12) if current else rx.color("gray", 11),
        border_bottom=f"2px solid {rx.color('accent', 9) if current else 'transparent'}",
        aria_current="page" if current else None,
    )


def _tabs(current: str) -> rx.Component:
    return rx.el.nav(
        rx.flex(
            *(_tab(label, href, icon, current=href == current) for label, href, icon in AI_PAGES),
            column_gap="20px",
            wrap="wrap",
        ),
        aria_label="AI assistant",
        width="100%",
        border_bottom=f"1px solid {rx.color('gray', 5, alpha=True)}",
    )


def usage_line() -> rx.Component:
    """Which provider answers and how many calls are left today."""
    provider = rx.cond(
        AiState.offline,
        rx.badge(rx.icon("cpu", size=12), "Offline rules", color_scheme="gray"),
        rx.badge(
            rx.icon("cloud", size=12), "AI model ", AiState.provider_model, color_scheme="indigo"
        ),
    )
    return rx.hstack(
        provider,
        rx.cond(
            AiState.calls_limit > 0,
            rx.text(
                AiState.calls_left,
                " of ",
                AiState.calls_limit,
                " AI calls left today (resets ",
                AiState.calls_reset,
                ")",
                size="1",
                color=rx.color("gray", 11),
            ),
        ),
        spacing="3",
        align="center",
        wrap="wrap",
    )


def ai_page(current: str, title: str, lead: str, *children: rx.Component) -> rx.Component:
    """An AI page: the shared heading and tabs, then the page's own ``title`` and content."""
    return contained(
        rx.vstack(
            rx.vstack(
                rx.heading("AI assistant", as_="h1", size=rx.breakpoints(initial="7", sm="8")),
                usage_line(),
                spacing="2",
            ),
            _tabs(current),
            rx.vstack(
                rx.heading(title, as_="h2", size="5"),
                rx.text(lead, size="2", color=rx.color("gray", 11), max_width="720px"),
                spacing="1",
            ),
            *children,
            spacing="5",
            padding_y=["24px", "40px"],
            width="100%",
        ),
    )


def panel(*children: rx.Component, **props: object) -> rx.Component:
    """A card holding one part of a page."""
    return rx.card(
        rx.vstack(*children, spacing="4", width="100%"),
        size=rx.breakpoints(initial="2", sm="3"),
        width="100%",
        **props,
    )
