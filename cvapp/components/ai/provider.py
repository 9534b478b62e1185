"""Which AI provider answers, for the account settings page (load it with ``AiState.load_ai``)."""

from __future__ import annotations

import reflex as rx

from cvapp import routes
from cvapp.components.ai.state import AiState


def _row(label: str, value: rx.Component) -> rx.Component:
    return rx.data_list.item(rx.data_list.label(label), rx.data_list.value(value))


def ai_provider_details() -> rx.Component:
    """Provider, model and address (never the key), and today's calls against the plan."""
    provider = rx.cond(
        AiState.offline,
        rx.vstack(
            rx.badge(rx.icon("cpu", size=12), "Offline (built-in rules)", color_scheme="gray"),
            rx.text(
                "Suggestions are computed here by rules; nothing you write leaves cvapp.",
                size="1",
                color=rx.color("gray", 11),
            ),
            spacing="1",
        ),
        rx.badge(rx.icon("cloud", size=12), "OpenAI-compatible service", color_scheme="indigo"),
    )
    online_rows = rx.cond(
        AiState.offline,
        rx.fragment(),
        rx.fragment(
            _row("Model", rx.code(AiState.provider_model)),
            _row("Service", rx.text(AiState.provider_url, word_break="break-all")),
        ),
    )
    usage = rx.text(
        AiState.calls_used,
        " of ",
        AiState.calls_limit,
        " AI calls used today on the ",
        AiState.plan,
        " plan (resets ",
        AiState.calls_reset,
        ")",
    )
    return rx.vstack(
        rx.data_list.root(
            _row("Provider", provider),
            online_rows,
            _row("Today", usage),
            orientation=rx.breakpoints(initial="vertical", sm="horizontal"),
            size="2",
        ),
        rx.link("Open the AI assistant", href=routes.AI, size="2"),
        spacing="3",
        width="100%",
    )
