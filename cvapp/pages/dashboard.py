"""The signed-in home at /app: a welcome, the email-verification reminder, where to go next."""

from __future__ import annotations

import reflex as rx

from cvapp import routes
from cvapp.components.forms import form_alert, form_notice
from cvapp.components.layout import template
from cvapp.components.profile.welcome_card import welcome_card
from cvapp.components.section import contained
from cvapp.db import session_scope
from cvapp.domain.auth import service as auth_service
from cvapp.errors import DomainError
from cvapp.state.forms import describe
from cvapp.state.profile.onboarding import OnboardingState
from cvapp.state.session import SessionState

# The pages a signed-in user can open today: (title, description, route, icon).
_DESTINATIONS: tuple[tuple[str, str, str, str], ...] = (
    (
        "Profile",
        "Your experience, projects, skills and education: what every CV is cut from.",
        routes.PROFILE,
        "id-card",
    ),
    (
        "Import",
        "Bring in your LinkedIn data export or a JSON Resume, and choose what to keep.",
        routes.IMPORTS,
        "file-up",
    ),
    (
        "CVs",
        "Versions of your profile for each kind of role: preview, download, share.",
        routes.CVS,
        "files",
    ),
    (
        "Public profile",
        "A web page of your profile at your own address, and who may see it.",
        routes.PUBLIC_PROFILE_SETTINGS,
        "globe",
    ),
    (
        "AI assistant",
        "Sharper bullets, skills for a role, gap analysis of a job advert, a summary.",
        routes.AI,
        "sparkles",
    ),
    ("Account", "Your name, email address and password.", routes.SETTINGS, "user-cog"),
    (
        "Security",
        "Two-factor authentication and the devices signed in to your account.",
        routes.SETTINGS_SECURITY,
        "shield-check",
    ),
    ("Activity", "Sign-ins and changes to your account.", routes.SETTINGS_ACTIVITY, "history"),
    ("Privacy policy", "What cvapp keeps about you, and why.", routes.PRIVACY, "scroll-text"),
)


class DashboardState(SessionState):
    sending: bool = False
    resend_notice: str = ""
    resend_error: str = ""

    @rx.event
    def load(self) -> None:
        self.sending, self.resend_notice, self.resend_error = False, "", ""

    @rx.event
    def resend_verification(self):  # type: ignore[no-untyped-def]
        """Mail a new verification link to the signed-in user."""
        self.sending, self.resend_notice, self.resend_error = True, "", ""
        yield
        try:
            with session_scope() as db:
                user = self._check(db)
                if user is None:
                    yield self._session_lost()
                    return
                auth_service.resend_verification(db, user=user)
        except DomainError as exc:
            self.resend_error = describe(exc, fields=())[0]
        else:
            self.resend_notice = f"We sent a new link to {self.user_email}."
        finally:
            self.sending = False


def _verify_reminder() -> rx.Component:
    return rx.cond(
        SessionState.email_verified,
        rx.fragment(),
        rx.callout.root(
            rx.callout.icon(rx.icon("mail-warning")),
            rx.vstack(
                rx.callout.text(
                    "Please confirm your email address: open the link we sent to ",
                    rx.el.strong(SessionState.user_email),
                    ".",
                ),
                rx.button(
                    "Send the link again",
                    size="1",
                    variant="soft",
                    loading=DashboardState.sending,
                    on_click=DashboardState.resend_verification,
                ),
                spacing="2",
                align="start",
            ),
            color_scheme="amber",
            width="100%",
        ),
    )


def _destination(title: str, description: str, href: str, icon: str) -> rx.Component:
    return rx.card(
        rx.link(
            rx.hstack(
                rx.center(
                    rx.icon(icon, size=20, color=rx.color("accent", 11)),
                    width="40px",
                    height="40px",
                    border_radius="10px",
                    background=rx.color("accent", 3),
                    flex_shrink="0",
                ),
                rx.vstack(
                    rx.text(title, size="3", weight="bold", color=rx.color("gray", 12)),
                    rx.text(description, size="2", color=rx.color("gray", 11)),
                    spacing="1",
                ),
                spacing="3",
                align="start",
            ),
            href=href,
            underline="none",
        ),
        as_child=False,
        size="2",
        width="100%",
    )


@template(
    route=routes.DASHBOARD,
    title="Dashboard",
    description="Your cvapp home.",
    on_load=[DashboardState.load, OnboardingState.offer],
    protected=True,
)
def dashboard() -> rx.Component:
    """Welcome, reminders, and links to the pages that exist."""
    return contained(
        rx.vstack(
            rx.vstack(
                rx.heading(
                    "Welcome, " + SessionState.user_name,
                    as_="h1",
                    size=rx.breakpoints(initial="7", sm="8"),
                ),
                rx.text(
                    "Your career record lives here. Start with your profile, then your account.",
                    size="3",
                    color=rx.color("gray", 11),
                ),
                spacing="2",
            ),
            _verify_reminder(),
            welcome_card(),
            form_notice(DashboardState.resend_notice),
            form_alert(DashboardState.resend_error),
            rx.grid(
                *(_destination(*destination) for destination in _DESTINATIONS),
                columns=rx.breakpoints(initial="1", sm="2"),
                spacing="4",
                width="100%",
            ),
            spacing="6",
            padding_y=["32px", "48px"],
            width="100%",
        ),
    )
