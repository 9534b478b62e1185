"""The signed-in home at /app: a welcome, the email-verification reminder, the user's CVs
with their first pages, profile completeness with the next steps, recent activity."""

from __future__ import annotations

import asyncio
import dataclasses
from typing import Any

import reflex as rx

from cvapp import routes
from cvapp.components.forms import form_alert, form_notice
from cvapp.components.layout import template
from cvapp.components.profile.welcome_card import welcome_card
from cvapp.components.section import contained
from cvapp.db import session_scope
from cvapp.domain.auth import service as auth_service
from cvapp.domain.cvs.overview import ago, overview
from cvapp.errors import DomainError
from cvapp.pages.account.activity import title as activity_title
from cvapp.state.forms import describe
from cvapp.state.profile.onboarding import OnboardingState
from cvapp.state.session import Caller, SessionState, off_loop, signed_in_user


@dataclasses.dataclass
class CvCard:
    """A CV version on the dashboard."""

    id: str = ""
    name: str = ""
    target_role: str = ""
    edited: str = ""
    thumbnail: str = ""
    href: str = ""
    links: int = 0
    views: int = 0


@dataclasses.dataclass
class ActivityRow:
    title: str = ""
    when: str = ""


def _overview(caller: Caller) -> tuple[dict[str, Any], list[ActivityRow]] | None:
    with session_scope() as db:
        found = signed_in_user(db, caller)
        if found is None:
            return None
        user_id = found[0].id
        data = overview(db, user_id=user_id)
        events, _ = auth_service.list_audit_events(db, user_id=user_id, limit=5)
        activity = [
            ActivityRow(title=activity_title(e.action), when=ago(e.created_at)) for e in events
        ]
        return data, activity


class DashboardState(SessionState):
    sending: bool = False
    resend_notice: str = ""
    resend_error: str = ""
    loaded: bool = False
    cvs: list[CvCard] = []
    cv_total: int = 0
    completeness: int = 0
    next_steps: list[str] = []
    activity: list[ActivityRow] = []

    @rx.event
    async def load(self) -> None:
        """The user's CVs (with thumbnails and share-link counts), profile completeness and
        recent activity."""
        self.sending, self.resend_notice, self.resend_error = False, "", ""
        found = await asyncio.to_thread(_overview, self._caller())
        if found is None:
            return
        data, self.activity = found
        self.cvs = [
            CvCard(
                id=cv["id"],
                name=cv["name"],
                target_role=cv["target_role"],
                edited=cv["edited"],
                thumbnail=routes.cv_preview(cv["id"], page=1, version=cv["version"], width=320),
                href=routes.cv_detail(cv["id"]),
                links=cv["links"],
                views=cv["views"],
            )
            for cv in data["cvs"]
        ]
        self.cv_total, self.completeness = data["total"], data["completeness"]
        self.next_steps = data["missing"][:3]
        self.loaded = True

    @rx.event
    @off_loop
    def resend_verification(self):  # type: ignore[no-untyped-def]
        """Mail a new verification link to the signed-in user."""
        self.sending, self.resend_notice, self.resend_error = True, "", ""
        yield
        try:
            with self._signed_in() as (db, user):
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


_MUTED = rx.color("gray", 11)


def _cv_card(cv: rx.Var[CvCard]) -> rx.Component:
    return rx.card(
        rx.link(
            rx.vstack(
                rx.box(
                    rx.image(
                        src=cv.thumbnail,
                        alt="First page of " + cv.name,
                        loading="lazy",
                        width="100%",
                        height="100%",
                        object_fit="cover",
                        object_position="top",
                    ),
                    width="100%",
                    aspect_ratio="1 / 1.1",
                    overflow="hidden",
                    border_radius="var(--radius-2)",
                    border=f"1px solid {rx.color('gray', 5)}",
                    background="white",
                ),
                rx.text(cv.name, size="3", weight="bold", color=rx.color("gray", 12), trim="start"),
                rx.cond(cv.target_role, rx.text(cv.target_role, size="2", color=_MUTED)),
                rx.text(
                    "Edited " + cv.edited,
                    rx.cond(
                        cv.links > 0,
                        " · "
                        + cv.views.to_string()
                        + rx.cond(cv.views == 1, " view on ", " views on ")
                        + cv.links.to_string()
                        + rx.cond(cv.links == 1, " link", " links"),
                        "",
                    ),
                    size="1",
                    color=_MUTED,
                ),
                spacing="2",
                width="100%",
            ),
            href=cv.href,
            underline="none",
        ),
        size="2",
        width="100%",
        data_testid="dashboard-cv",
    )


def _no_cv() -> rx.Component:
    return rx.vstack(
        rx.text("No CV yet.", size="3", weight="bold"),
        rx.text(
            "A CV picks from your profile for one kind of job: the experience and skills that "
            "matter for it, in the order you choose, with client names hidden where you said "
            "so. Make one per application; your profile stays the one record.",
            size="2",
            color=_MUTED,
        ),
        padding="20px",
        border=f"1px dashed {rx.color('gray', 7)}",
        border_radius="var(--radius-3)",
        width="100%",
        data_testid="dashboard-no-cv",
    )


def _cvs() -> rx.Component:
    return rx.vstack(
        rx.hstack(
            rx.heading("Your CVs", as_="h2", size="5"),
            rx.spacer(),
            rx.button(
                rx.el.a(rx.icon("file-plus", size=16), "Create a CV for a job", href=routes.CVS),
                as_child=True,
                size="3",
            ),
            width="100%",
            align="center",
            wrap="wrap",
        ),
        rx.cond(
            DashboardState.cvs.length() > 0,
            rx.grid(
                rx.foreach(DashboardState.cvs, _cv_card),
                columns=rx.breakpoints(initial="2", sm="3", lg="4"),
                spacing="4",
                width="100%",
            ),
            rx.cond(DashboardState.loaded, _no_cv()),
        ),
        rx.cond(
            DashboardState.cv_total > DashboardState.cvs.length(),
            rx.link("All " + DashboardState.cv_total.to_string() + " CVs", href=routes.CVS),
        ),
        spacing="3",
        width="100%",
    )


def _profile_card() -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.hstack(
                rx.text("Profile completeness", size="2", weight="bold"),
                rx.spacer(),
                rx.text(DashboardState.completeness.to_string() + "%", size="2", weight="bold"),
                width="100%",
            ),
            rx.progress(value=DashboardState.completeness, max=100, aria_label="Completeness"),
            rx.cond(
                DashboardState.next_steps.length() > 0,
                rx.vstack(
                    rx.text("Next:", size="1", color=_MUTED),
                    rx.foreach(
                        DashboardState.next_steps,
                        lambda step: rx.link(step, href=routes.PROFILE, size="2"),
                    ),
                    spacing="1",
                ),
                rx.text("Your profile has everything a CV needs.", size="2", color=_MUTED),
            ),
            spacing="3",
            width="100%",
        ),
        width="100%",
        data_testid="dashboard-profile",
    )


def _activity() -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.text("Recent activity", size="2", weight="bold"),
            rx.el.ul(
                rx.foreach(
                    DashboardState.activity,
                    lambda row: rx.el.li(
                        rx.text(row.title, size="2"),
                        rx.text(row.when, size="1", color=_MUTED),
                        style={"display": "flex", "justify_content": "space-between", "gap": "8px"},
                    ),
                ),
                style={"list_style": "none", "padding": "0", "margin": "0", "width": "100%"},
            ),
            rx.link("All activity", href=routes.SETTINGS_ACTIVITY, size="2"),
            spacing="3",
            width="100%",
        ),
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
                    "Your career record lives here: your CVs, your profile, what happened.",
                    size="3",
                    color=rx.color("gray", 11),
                ),
                spacing="2",
            ),
            _verify_reminder(),
            welcome_card(),
            form_notice(DashboardState.resend_notice),
            form_alert(DashboardState.resend_error),
            _cvs(),
            rx.grid(
                _profile_card(),
                _activity(),
                columns=rx.breakpoints(initial="1", sm="2"),
                spacing="4",
                width="100%",
            ),
            spacing="6",
            padding_y=["32px", "48px"],
            width="100%",
        ),
    )
