"""The profile editor at /app/profile: basics and every section, one tab each."""

from __future__ import annotations

from urllib.parse import parse_qs

import reflex as rx
from reflex.event import EventSpec
from reflex.vars.base import Var

from cvapp import routes
from cvapp.components.history import history_panel, undo_redo
from cvapp.components.layout import template
from cvapp.components.profile.basics_form import basics_form
from cvapp.components.profile.completeness import completeness_meter
from cvapp.components.profile.confirm_delete import delete_dialog
from cvapp.components.profile.item_form import editor_dialog
from cvapp.components.profile.ready import PROFILE_MESSAGE_RESET, when_ready
from cvapp.components.profile.section_list import section_list
from cvapp.components.section import contained
from cvapp.state.profile.base import ProfileState
from cvapp.state.profile.history import ProfileHistoryState
from cvapp.state.profile.specs import SPECS
from cvapp.state.session import off_loop

BASICS = "basics"
HISTORY = "history"
TABS: tuple[tuple[str, str], ...] = (
    (BASICS, "Basics"),
    *((s.key, s.plural) for s in SPECS),
    (HISTORY, "History"),
)


class ProfileEditorState(ProfileState):
    tab: str = BASICS

    @rx.event
    @off_loop
    def load(self) -> EventSpec | None:
        """Loader: the profile, and the tab named by ``?section=`` (basics by default)."""
        with self._signed_in(quiet=True) as (db, user):
            self._refresh(db, user.id, basics=True)
        wanted = parse_qs(self.router.url.query).get("section", [BASICS])[0]
        return self.set_tab(wanted if wanted in dict(TABS) else BASICS)

    @rx.event
    def set_tab(self, tab: str) -> EventSpec | None:
        if tab in dict(TABS):
            self.tab = tab
        return ProfileHistoryState.load_history if tab == HISTORY else None


# Compiled into the bundle (no eval): scroll the tab strip to the open tab (deep links).
_SHOW_ACTIVE_TAB: Var[str] = Var(
    _js_expr=(
        "(() => { const tab = document.querySelector('.cv-tabs-list [data-state=\"active\"]'); "
        'if (tab) tab.scrollIntoView({block: "nearest", inline: "nearest"}); })()'
    )
)
# Wide screens list the sections in a column; phones scroll the tab strip sideways.
_WIDE_ONLY = rx.breakpoints(initial="none", md="flex")
_NARROW_ONLY = rx.breakpoints(initial="flex", md="none")


def _count(key: str) -> rx.Component:
    if key in (BASICS, HISTORY):
        return rx.fragment()
    count = ProfileState.cards[key].length()
    return rx.cond(count > 0, rx.badge(count, variant="soft", radius="full", size="1"))


def _trigger(key: str, label: str) -> rx.Component:
    return rx.tabs.trigger(
        rx.hstack(rx.text(label), _count(key), spacing="2", align="center"),
        value=key,
        flex_shrink="0",
    )


def _nav_item(key: str, label: str) -> rx.Component:
    current = ProfileEditorState.tab == key
    return rx.button(
        rx.text(label, flex="1", text_align="left", weight=rx.cond(current, "medium", "regular")),
        _count(key),
        variant="ghost",
        color_scheme=rx.cond(current, "indigo", "gray"),
        background=rx.cond(current, rx.color("accent", 3), "transparent"),
        size="2",
        width="100%",
        justify="start",
        type="button",
        aria_current=rx.cond(current, "page", "false"),
        on_click=ProfileEditorState.set_tab(key),
        margin="0",
    )


def _panel(key: str) -> rx.Component:
    if key == BASICS:
        content = rx.vstack(
            rx.heading("Basics", as_="h2", size="5"),
            rx.text(
                "Who you are and how recruiters can reach you.",
                size="2",
                color=rx.color("gray", 11),
            ),
            basics_form(),
            spacing="3",
            width="100%",
        )
    elif key == HISTORY:
        content = history_panel(
            ProfileHistoryState,
            subject="profile",
            kept="named versions for as long as you keep your account",
            testid="profile-history",
            item_testid="profile-version",
        )
    else:
        content = section_list(next(spec for spec in SPECS if spec.key == key))
    return rx.tabs.content(content, value=key, padding_top=rx.breakpoints(initial="20px", md="0"))


def _active_tab_into_view() -> rx.Component:
    """Remounted (keyed by the tab) whenever the open tab changes."""
    return rx.box(
        key=ProfileEditorState.tab + ProfileState.ready.to_string(),
        display="none",
        on_mount=rx.run_script(_SHOW_ACTIVE_TAB),
    )


def _aside() -> rx.Component:
    return rx.vstack(
        rx.el.nav(
            rx.vstack(*(_nav_item(key, label) for key, label in TABS), spacing="1", width="100%"),
            aria_label="Profile sections",
            width="100%",
            display=_WIDE_ONLY,
        ),
        completeness_meter(),
        rx.box(
            rx.text(
                "Prefer to be guided? ",
                rx.link("Use the step-by-step set-up", href=routes.ONBOARDING),
                ".",
                size="2",
                color=rx.color("gray", 11),
            ),
            display=_WIDE_ONLY,
        ),
        spacing="4",
        width="100%",
        align_self="start",
        position=rx.breakpoints(initial="static", md="sticky"),
        top="84px",
    )


@template(
    route=routes.PROFILE,
    title="Your profile",
    description="Edit your master career profile, section by section.",
    on_load=[ProfileHistoryState.reset_history, ProfileEditorState.load, *PROFILE_MESSAGE_RESET],
    protected=True,
)
def profile_editor() -> rx.Component:
    """The sections (tabs on phones, a column on wide screens) and the one open section."""
    tabs = rx.tabs.root(
        rx.tabs.list(
            *(_trigger(key, label) for key, label in TABS),
            class_name="cv-tabs-list",
            display=_NARROW_ONLY,
        ),
        *(_panel(key) for key, _ in TABS),
        value=ProfileEditorState.tab,
        on_change=ProfileEditorState.set_tab,
        width="100%",
        min_width="0",
    )
    return contained(
        rx.vstack(
            rx.vstack(
                rx.heading("Your profile", as_="h1", size=rx.breakpoints(initial="7", sm="8")),
                rx.text(
                    "Everything your CVs are cut from. Each change is saved when you press Save,"
                    " and kept in the History tab.",
                    size="3",
                    color=rx.color("gray", 11),
                ),
                undo_redo(ProfileHistoryState, subject="profile"),
                spacing="2",
            ),
            when_ready(
                rx.grid(
                    _aside(),
                    tabs,
                    columns=rx.breakpoints(initial="1", md="240px minmax(0, 1fr)"),
                    spacing="6",
                    width="100%",
                )
            ),
            _active_tab_into_view(),
            editor_dialog(),
            delete_dialog(),
            spacing="5",
            padding_y=["24px", "40px"],
            width="100%",
        ),
    )
