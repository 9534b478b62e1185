"""Security settings at /app/settings/security: two-factor sign-in and signed-in devices."""

from __future__ import annotations

import reflex as rx

from cvapp import routes
from cvapp.components.layout import template
from cvapp.components.settings_layout import settings_page, settings_section
from cvapp.pages.account.sessions import SessionsState, sessions_list
from cvapp.pages.account.two_factor import TwoFactorState, two_factor


@template(
    route=routes.SETTINGS_SECURITY,
    title="Security settings",
    description="Two-factor authentication and the devices signed in to your cvapp account.",
    on_load=[TwoFactorState.load, SessionsState.load],
    protected=True,
)
def security_settings() -> rx.Component:
    """The two sections."""
    return settings_page(
        routes.SETTINGS_SECURITY,
        settings_section(
            "Two-factor authentication",
            "Ask for a code from your phone as well as your password when you sign in.",
            two_factor(),
        ),
        settings_section(
            "Signed-in devices",
            "Each browser or app where your account is signed in.",
            sessions_list(),
        ),
    )
