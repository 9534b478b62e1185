"""The public profile at /app/public-profile: its address (/p/{slug}), who may see it and
which CV version it shows (the whole master profile by default)."""

from __future__ import annotations

import dataclasses
from typing import Any

import reflex as rx
from sqlmodel import Session

from cvapp import routes
from cvapp.components.forms import form_alert, form_notice, submit_button
from cvapp.components.layout import template
from cvapp.components.links import back_link
from cvapp.components.profile.fields import field_label, field_message
from cvapp.components.section import contained
from cvapp.db import session_scope
from cvapp.domain.cvs import service as cvs_service
from cvapp.domain.profiles import service as profiles_service
from cvapp.domain.profiles import views
from cvapp.domain.profiles.schemas import ProfileView
from cvapp.errors import DomainError
from cvapp.settings import get_settings
from cvapp.state.forms import describe
from cvapp.state.session import SessionState, off_loop

MUTED = rx.color("gray", 11)
FORM = "public-profile"
VISIBILITIES: tuple[tuple[str, str, str], ...] = (
    ("PRIVATE", "Private", "Nobody but you. The address shows “not found”."),
    ("UNLISTED", "Unlisted", "Anyone with the address; search engines are asked not to index it."),
    ("PUBLIC", "Public", "Anyone, and search engines may list it."),
)
MASTER = "master"
"""The choice meaning "no CV version: the whole master profile"."""
SHOWN_HINT = (
    "The page and its PDF show this version: its wording, only the sections and items it "
    "shows, and its template for the PDF. If you delete it, the page goes back to your "
    "master profile."
)
GONE = "That CV version no longer exists. Choose another one, or your master profile."


@dataclasses.dataclass
class CvChoice:
    id: str = ""
    name: str = ""


class PublicProfileState(SessionState):
    loaded: bool = False
    slug: str = ""
    visibility: str = "PRIVATE"
    shown_cv: str = MASTER
    cvs: list[CvChoice] = []
    saving: bool = False
    error: str = ""
    field_errors: dict[str, str] = {}
    notice: str = ""
    copied: bool = False

    @rx.var
    def page_url(self) -> str:
        """The page's full address, when it is reachable."""
        if self.visibility == "PRIVATE" or not self.slug:
            return ""
        return get_settings().public_url.rstrip("/") + routes.public_cv(self.slug)

    @rx.var
    def page_path(self) -> str:
        return routes.public_cv(self.slug) if self.page_url else ""

    @rx.event
    @off_loop
    def load(self) -> None:
        self.error, self.field_errors, self.notice, self.copied = "", {}, "", False
        with self._signed_in(quiet=True) as (db, user):
            self._show(views.my_profile(db, user_id=user.id))
            self._list_cvs(db, user.id)
        self.loaded = True

    def _show(self, profile: ProfileView) -> None:
        self.slug, self.visibility = profile.slug or "", profile.visibility
        self.shown_cv = profile.public_cv_id or MASTER

    def _list_cvs(self, db: Session, user_id: str) -> None:
        rows, _ = cvs_service.list_cvs(db, user_id=user_id, sort=("name", False))
        self.cvs = [CvChoice(cv.id, cv.name) for cv in rows]

    @rx.event
    def set_shown_cv(self, choice: str) -> None:
        self.shown_cv = choice

    @rx.event
    @off_loop
    def save(self, form: dict[str, Any]):  # type: ignore[no-untyped-def]
        """Change the address and visibility (a reachable page gets an address if it has none)."""
        if self.saving:
            return
        self.error, self.field_errors, self.notice, self.copied = "", {}, "", False
        visibility = str(form.get("visibility") or self.visibility)
        slug = str(form.get("slug", "")).strip().lower()
        shown = str(form.get("public_cv") or self.shown_cv)
        changes: dict[str, Any] = {
            "visibility": visibility,
            "public_cv_id": None if shown == MASTER else shown,
        }
        if slug:
            changes["slug"] = slug
        elif visibility == "PRIVATE":
            changes["slug"] = None
        self.saving = True
        yield
        try:
            with self._signed_in() as (db, user):
                profile = profiles_service.update_profile(db, user_id=user.id, changes=changes)
        except DomainError as exc:
            fields = ("slug", "visibility", "public_cv_id")
            self.error, self.field_errors = describe(exc, fields=fields)
            if "public_cv_id" in self.field_errors:  # deleted meanwhile (another tab)
                self.field_errors["public_cv_id"] = GONE
                with session_scope() as db:
                    owner = self._check(db)
                    if owner is not None:
                        self._list_cvs(db, owner.id)
            return
        finally:
            self.saving = False
        self._show(profile)
        self.notice = (
            "Saved: your profile is private."
            if self.visibility == "PRIVATE"
            else "Saved: your page is online at this address."
        )

    @rx.event
    def mark_copied(self) -> None:
        self.copied = True


def _visibility(value: str, label: str, description: str) -> rx.Component:
    return rx.radio_cards.item(
        rx.vstack(
            rx.text(label, size="2", weight="bold"),
            rx.text(description, size="1", color=MUTED),
            spacing="1",
            width="100%",
        ),
        value=value,
    )


def _cv_item(cv: rx.Var[CvChoice]) -> rx.Component:
    return rx.select.item(cv.name, value=cv.id)


def _shown_cv() -> rx.Component:
    error = PublicProfileState.field_errors["public_cv_id"]
    return rx.vstack(
        field_label("Show on the public page", html_for=f"{FORM}-cv"),
        rx.select.root(
            rx.select.trigger(
                id=f"{FORM}-cv",
                width="100%",
                aria_describedby=f"{FORM}-cv-message",
                aria_invalid=rx.cond(error, "true", "false"),
            ),
            rx.select.content(
                rx.select.item("Master profile (everything)", value=MASTER),
                rx.cond(
                    PublicProfileState.cvs.length() > 0,
                    rx.fragment(
                        rx.select.separator(),
                        rx.select.group(
                            rx.select.label("CV versions"),
                            rx.foreach(PublicProfileState.cvs, _cv_item),
                        ),
                    ),
                ),
            ),
            name="public_cv",
            value=PublicProfileState.shown_cv,
            on_change=PublicProfileState.set_shown_cv,
            size="3",
        ),
        rx.cond(
            PublicProfileState.cvs.length() > 0,
            field_message(error, SHOWN_HINT, message_id=f"{FORM}-cv-message"),
            rx.text(
                "Your whole master profile is shown. ",
                rx.link("Create a CV version", href=routes.CVS),
                " to show a tailored one instead.",
                id=f"{FORM}-cv-message",
                size="1",
                color=MUTED,
            ),
        ),
        spacing="1",
        width="100%",
    )


def _address() -> rx.Component:
    return rx.cond(
        PublicProfileState.page_url != "",
        rx.card(
            rx.vstack(
                rx.text("Your page", size="2", weight="medium"),
                rx.code(PublicProfileState.page_url, size="2", class_name="cv-break"),
                rx.flex(
                    rx.button(
                        rx.cond(
                            PublicProfileState.copied,
                            rx.icon("check", size=14),
                            rx.icon("copy", size=14),
                        ),
                        rx.cond(PublicProfileState.copied, "Copied", "Copy address"),
                        size="2",
                        variant="soft",
                        type="button",
                        on_click=[
                            rx.set_clipboard(PublicProfileState.page_url),
                            PublicProfileState.mark_copied,
                        ],
                    ),
                    rx.link(
                        rx.hstack(
                            rx.icon("external-link", size=14),
                            "Open the page",
                            spacing="1",
                            align="center",
                        ),
                        href=PublicProfileState.page_path,
                        reload_document=True,
                        is_external=True,
                        size="2",
                    ),
                    spacing="4",
                    align="center",
                    wrap="wrap",
                ),
                spacing="2",
                width="100%",
            ),
            size="2",
            width="100%",
        ),
    )


def _form() -> rx.Component:
    errors = PublicProfileState.field_errors
    return rx.form(
        rx.vstack(
            rx.vstack(
                field_label("Address", html_for=f"{FORM}-slug"),
                rx.flex(
                    rx.text("/p/", size="3", color=MUTED, flex_shrink="0"),
                    rx.input(
                        id=f"{FORM}-slug",
                        name="slug",
                        default_value=PublicProfileState.slug,
                        key="slug:" + PublicProfileState.slug,
                        placeholder="ada-lovelace",
                        max_length=64,
                        auto_complete="off",
                        spell_check=False,
                        size="3",
                        flex="1",
                        min_width="0",
                        aria_describedby=f"{FORM}-slug-message",
                        aria_invalid=rx.cond(errors["slug"], "true", "false"),
                    ),
                    spacing="2",
                    align="center",
                    width="100%",
                ),
                field_message(
                    errors["slug"],
                    "3–64 lowercase letters, digits and hyphens. Left empty, one is made "
                    "from your name.",
                    message_id=f"{FORM}-slug-message",
                ),
                spacing="1",
                width="100%",
            ),
            rx.el.fieldset(
                rx.el.legend(rx.text("Who can see it", size="2", weight="medium")),
                rx.radio_cards.root(
                    *(_visibility(*option) for option in VISIBILITIES),
                    name="visibility",
                    default_value=PublicProfileState.visibility,
                    key="visibility:" + PublicProfileState.visibility,
                    columns=rx.breakpoints(initial="1", sm="3"),
                    margin_top="6px",
                    width="100%",
                ),
                field_message(errors["visibility"], "", message_id=f"{FORM}-visibility-message"),
                class_name="cv-fieldset",
                width="100%",
            ),
            _shown_cv(),
            submit_button("Save", loading=PublicProfileState.saving),
            spacing="4",
            width="100%",
        ),
        on_submit=PublicProfileState.save,
        width="100%",
    )


@template(
    route=routes.PUBLIC_PROFILE_SETTINGS,
    title="Public profile",
    description="The address of your public profile page, who may see it and what it shows.",
    on_load=PublicProfileState.load,
    protected=True,
)
def public_profile() -> rx.Component:
    return contained(
        rx.vstack(
            back_link("Your CVs", routes.CVS),
            rx.vstack(
                rx.heading("Public profile", as_="h1", size=rx.breakpoints(initial="7", sm="8")),
                rx.text(
                    "A web page of your profile, readable without signing in, with a link to "
                    "download it as a PDF. Contact details are never on it, and anonymized "
                    "projects stay anonymized.",
                    size="3",
                    color=MUTED,
                ),
                spacing="2",
            ),
            form_notice(PublicProfileState.notice),
            form_alert(PublicProfileState.error),
            _address(),
            rx.cond(PublicProfileState.loaded, rx.card(_form(), size="3", width="100%")),
            spacing="5",
            padding_y=["24px", "40px"],
            width="100%",
            max_width="760px",
        ),
    )
