"""Account settings at /app/settings: who you are, your email address, your password."""

from __future__ import annotations

import reflex as rx

from cvapp import routes
from cvapp.components.ai.provider import ai_provider_details
from cvapp.components.ai.state import AiState
from cvapp.components.layout import template
from cvapp.components.settings_layout import settings_page, settings_section
from cvapp.pages.account.email_form import EmailChangeState, email_form
from cvapp.pages.account.password_form import PasswordChangeState, password_form
from cvapp.state.session import SessionState


def _identity() -> rx.Component:
    verified = rx.cond(
        SessionState.email_verified,
        rx.badge(rx.icon("badge-check", size=12), "Verified", color_scheme="green"),
        rx.badge(rx.icon("mail-warning", size=12), "Not verified yet", color_scheme="amber"),
    )
    return rx.data_list.root(
        rx.data_list.item(rx.data_list.label("Name"), rx.data_list.value(SessionState.user_name)),
        rx.data_list.item(
            rx.data_list.label("Email"),
            rx.data_list.value(
                rx.flex(
                    rx.text(SessionState.user_email, word_break="break-all"),
                    verified,
                    gap="8px",
                    wrap="wrap",
                    align="center",
                )
            ),
        ),
        orientation=rx.breakpoints(initial="vertical", sm="horizontal"),
        size="2",
    )


@template(
    route=routes.SETTINGS,
    title="Account settings",
    description="Your cvapp account: email address and password.",
    on_load=[EmailChangeState.load, PasswordChangeState.load, AiState.load_ai],
    protected=True,
)
def account_settings() -> rx.Component:
    """Identity, the email and password forms, then the AI provider in use."""
    return settings_page(
        routes.SETTINGS,
        settings_section("Your account", "How cvapp knows you.", _identity()),
        settings_section(
            "Email address",
            "We send a confirmation link to the new address; it replaces the old one once "
            "you open it.",
            email_form(),
        ),
        settings_section(
            "Password",
            "Changing it signs out every other device.",
            password_form(),
        ),
        settings_section(
            "AI assistant",
            "Which service writes the AI suggestions, and your calls today.",
            ai_provider_details(),
        ),
    )
