"""The CV versions at /app/cvs: make one for a target role, open, duplicate or delete one."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from typing import Any

import reflex as rx
from reflex.event import EventSpec
from sqlmodel import Session

from cvapp import routes
from cvapp.components.confirm import confirm_delete, undo_notice
from cvapp.components.forms import form_alert, form_notice
from cvapp.components.layout import template
from cvapp.components.section import contained
from cvapp.components.upgrade import limit_notice
from cvapp.domain.cvs import service as cvs_service
from cvapp.domain.cvs.schemas import CvSummary, CvView
from cvapp.domain.exports.catalog import TEMPLATES
from cvapp.domain.history import service as history
from cvapp.domain.history.schemas import DeletedCv
from cvapp.errors import DomainError
from cvapp.state.listing import ListPageState
from cvapp.state.session import SessionState, off_loop

MUTED = rx.color("gray", 11)
FORM = "new-cv"


@dataclasses.dataclass
class CvCard:
    id: str = ""
    name: str = ""
    role: str = ""
    details: str = ""
    updated: str = ""


def cv_card(cv: CvSummary) -> CvCard:
    template = TEMPLATES[cv.template].name if cv.template in TEMPLATES else cv.template
    details = " · ".join([template, cv.page_size, *(["one page"] if cv.one_page else [])])
    return CvCard(
        id=cv.id,
        name=cv.name,
        role=cv.target_role or "",
        details=details,
        updated=f"{cv.updated_at:%d %b %Y}",
    )


@dataclasses.dataclass
class DeletedCard:
    id: str = ""
    name: str = ""
    deleted: str = ""
    until: str = ""
    revision: int = 0


def deleted_card(cv: DeletedCv) -> DeletedCard:
    return DeletedCard(
        id=cv.id,
        name=cv.name,
        deleted=f"{cv.deleted_at:%d %b %Y}",
        until=f"{cv.kept_until:%d %b %Y}",
        revision=cv.revision,
    )


class CvListState(ListPageState, SessionState):
    loaded: bool = False
    cards: list[CvCard] = []
    # Deleted CVs still restorable from their history (the plan's retention).
    deleted: list[DeletedCard] = []

    @rx.event
    @off_loop
    def load(self) -> None:
        self.busy = False
        self._reset()
        self.confirm_id = self.confirm_name = ""
        self.dismiss_undo()
        with self._signed_in(quiet=True) as (db, user):
            self._list(db, user.id)
        self.loaded = True

    def _list(self, db: Session, user_id: str) -> None:
        cvs, _ = cvs_service.list_cvs(db, user_id=user_id)
        self.cards = [cv_card(cv) for cv in cvs]
        self.deleted = [deleted_card(cv) for cv in history.deleted_cvs(db, user_id=user_id)]

    @rx.event
    @off_loop
    def create(self, form: dict[str, Any]) -> EventSpec | None:
        """A new version named after the target role; opens its editor."""
        self._reset()
        role = str(form.get("target_role", "")).strip()
        try:
            with self._signed_in() as (db, user):
                cv = cvs_service.create_cv(db, user_id=user.id, data={"target_role": role or None})
        except DomainError as exc:
            self._failed(exc, at="create")
            return None
        return rx.redirect(routes.cv_detail(cv.id))

    @rx.event
    @off_loop
    def duplicate(self, cv_id: str) -> None:
        self._reset()
        copy = self._apply(
            lambda db, user_id: cvs_service.duplicate_cv(db, user_id=user_id, cv_id=cv_id),
            at=cv_id,
        )
        if copy is not None:
            self.notice = f"Made a copy: “{copy.name}”."

    @rx.event
    @off_loop
    def delete(self) -> Iterator[EventSpec | None]:
        """Delete the confirmed version (and its share links); "Undo" can bring it back."""
        cv_id, name = self.confirm_id, self.confirm_name
        self.set_confirm_open(False)
        self._reset()
        if not cv_id or self.busy:
            return
        self.busy = True
        yield  # the dialog closes (and hands the focus back) before the undo bar takes it
        try:
            deleted = self._apply(
                lambda db, user_id: cvs_service.delete_cv(db, user_id=user_id, cv_id=cv_id)
            )
        finally:
            self.busy = False
        if deleted is not None:
            self._deleted, self.undo_name = deleted, name

    @rx.event
    @off_loop
    def undo_delete(self) -> Iterator[EventSpec | None]:
        """Bring the last deleted version back, with its share links."""
        if not self._deleted:
            return
        deleted = self._deleted
        yield from self._bring_back(
            lambda db, user_id: cvs_service.restore_cv(db, user_id=user_id, deleted=deleted)
        )

    @rx.event
    @off_loop
    def restore_deleted(self, cv_id: str, revision: int) -> Iterator[EventSpec | None]:
        """Bring back a CV deleted earlier (its history keeps it), with its share links."""
        yield from self._bring_back(
            lambda db, user_id: history.restore(db, user_id=user_id, cv_id=cv_id, number=revision),
            at=f"deleted:{cv_id}",
        )

    def _bring_back(
        self, act: Callable[[Session, str], CvView], *, at: str = ""
    ) -> Iterator[EventSpec | None]:
        if self.busy:
            return
        self._reset()
        self.busy = True
        yield
        try:
            cv = self._apply(act, at=at)
        finally:
            self.busy = False
        if cv is not None:
            self.dismiss_undo()
            self.notice = f"Restored “{cv.name}”."


def _create_form() -> rx.Component:
    return rx.form(
        rx.vstack(
            rx.el.label(
                rx.text("Target role", size="2", weight="medium"),
                html_for=f"{FORM}-role",
            ),
            rx.flex(
                rx.input(
                    id=f"{FORM}-role",
                    name="target_role",
                    placeholder="e.g. Senior data engineer",
                    max_length=200,
                    size="3",
                    flex="1",
                    min_width="0",
                    aria_describedby=f"{FORM}-hint",
                ),
                rx.button(rx.icon("plus", size=16), "Create CV", type="submit", size="3"),
                spacing="2",
                direction=rx.breakpoints(initial="column", sm="row"),
                width="100%",
            ),
            rx.text(
                "The new CV shows your whole profile and is named after the role. "
                "Then choose what it keeps.",
                id=f"{FORM}-hint",
                size="1",
                color=MUTED,
            ),
            rx.cond(CvListState.limit_at == "create", _limit_notice("cv-create-limit")),
            spacing="2",
            width="100%",
        ),
        on_submit=CvListState.create,
        width="100%",
    )


def _limit_notice(test_id: str) -> rx.Component:
    return limit_notice(CvListState.error, CvListState.upgrade_to, test_id=test_id)


def _action(icon: str, label: str, name: Any, **props: Any) -> rx.Component:
    return rx.button(
        rx.icon(icon, size=14),
        label,
        size="1",
        variant="soft",
        type="button",
        aria_label=f"{label} " + name,
        **props,
    )


def _card(card: CvCard) -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.link(
                rx.heading(card.name, as_="h2", size="4", class_name="cv-break"),
                href=routes.cv_detail(card.id),
                underline="hover",
                color=rx.color("gray", 12),
            ),
            rx.cond(card.role, rx.text("For ", card.role, size="2", class_name="cv-break")),
            rx.text(card.details, size="1", color=MUTED),
            rx.text("Changed ", card.updated, size="1", color=MUTED),
            rx.flex(
                rx.button(
                    rx.el.a(rx.icon("pencil", size=14), "Edit", href=routes.cv_detail(card.id)),
                    as_child=True,
                    size="1",
                ),
                _action("copy", "Duplicate", card.name, on_click=CvListState.duplicate(card.id)),
                _action(
                    "trash-2",
                    "Delete",
                    card.name,
                    color_scheme="red",
                    on_click=CvListState.ask_delete(card.id, card.name),
                ),
                spacing="2",
                wrap="wrap",
                margin_top="4px",
            ),
            rx.cond(CvListState.limit_at == card.id, _limit_notice("cv-duplicate-limit")),
            spacing="1",
            width="100%",
        ),
        size="2",
        width="100%",
        data_testid="cv-card",
    )


def _empty() -> rx.Component:
    return rx.center(
        rx.vstack(
            rx.icon("files", size=32, color=rx.color("gray", 9)),
            rx.heading("No CVs yet", as_="h2", size="4"),
            rx.text(
                "A CV is a version of your profile for one kind of role: it picks and orders "
                "what matters, and follows your profile when you update it. "
                "Name a role above to make your first.",
                size="2",
                color=MUTED,
                align="center",
            ),
            spacing="3",
            align="center",
            max_width="460px",
        ),
        padding="40px 16px",
        border=f"1px dashed {rx.color('gray', 6)}",
        border_radius="var(--radius-4)",
        width="100%",
        data_testid="cvs-empty",
    )


def _deleted_row(card: DeletedCard) -> rx.Component:
    return rx.el.li(
        rx.flex(
            rx.vstack(
                rx.text(card.name, size="2", weight="medium", class_name="cv-break"),
                rx.text(
                    "Deleted ",
                    card.deleted,
                    " · restorable until ",
                    card.until,
                    size="1",
                    color=MUTED,
                ),  # fmt: skip
                spacing="0",
                flex="1",
                min_width="0",
            ),
            _action(
                "history",
                "Restore",
                card.name,
                on_click=CvListState.restore_deleted(card.id, card.revision),
                loading=CvListState.busy,
            ),
            spacing="3",
            align="center",
            width="100%",
        ),
        rx.cond(CvListState.limit_at == "deleted:" + card.id, _limit_notice("cv-restore-limit")),
        style={"listStyle": "none", "padding": "8px 0"},
        data_testid="deleted-cv",
    )


def _recently_deleted() -> rx.Component:
    return rx.cond(
        CvListState.deleted.length() > 0,
        rx.vstack(
            rx.heading("Recently deleted", as_="h2", size="3"),
            rx.text(
                "Deleted CVs stay restorable for a while, with their share links and history.",
                size="2",
                color=MUTED,
            ),
            rx.el.ul(rx.foreach(CvListState.deleted, _deleted_row), style={"padding": 0}),
            spacing="1",
            width="100%",
            padding_top="8px",
            border_top=f"1px solid {rx.color('gray', 5)}",
        ),
    )


def _delete_dialog() -> rx.Component:
    return confirm_delete(
        title="Delete this CV?",
        message=(
            "“",
            CvListState.confirm_name,
            "” and its share links will be deleted; people holding a link can no longer "
            "open it. Your profile stays as it is. You can undo right after.",
        ),
        on_delete=CvListState.delete,
        open=CvListState.confirm_id != "",
        on_open_change=CvListState.set_confirm_open,
    )


@template(
    route=routes.CVS,
    title="Your CVs",
    description="CV versions cut from your profile, one per kind of role.",
    on_load=CvListState.load,
    protected=True,
)
def cv_list() -> rx.Component:
    return contained(
        rx.vstack(
            rx.flex(
                rx.vstack(
                    rx.heading("Your CVs", as_="h1", size=rx.breakpoints(initial="7", sm="8")),
                    rx.text(
                        "Versions of your profile for different roles. Edit your profile "
                        "once: every CV follows.",
                        size="3",
                        color=MUTED,
                    ),
                    spacing="2",
                    flex="1",
                ),
                rx.link(
                    rx.hstack(
                        rx.icon("globe", size=14), "Public profile", spacing="1", align="center"
                    ),
                    href=routes.PUBLIC_PROFILE_SETTINGS,
                    size="2",
                    flex_shrink="0",
                ),
                spacing="3",
                direction=rx.breakpoints(initial="column", sm="row"),
                align=rx.breakpoints(initial="start", sm="end"),
                width="100%",
            ),
            rx.card(_create_form(), size="3", width="100%"),
            rx.cond(
                CvListState.undo_name != "",
                undo_notice(
                    "Deleted “",
                    CvListState.undo_name,
                    "” and its share links.",
                    on_undo=CvListState.undo_delete,
                    on_dismiss=CvListState.dismiss_undo,
                    busy=CvListState.busy,
                ),
            ),
            form_notice(CvListState.notice),
            rx.cond(CvListState.limit_at == "", form_alert(CvListState.error)),
            rx.cond(
                CvListState.loaded,
                rx.cond(
                    CvListState.cards.length() > 0,
                    rx.grid(
                        rx.foreach(CvListState.cards, _card),
                        columns=rx.breakpoints(initial="1", sm="2", lg="3"),
                        spacing="4",
                        width="100%",
                    ),
                    _empty(),
                ),
            ),
            _recently_deleted(),
            _delete_dialog(),
            spacing="5",
            padding_y=["24px", "40px"],
            width="100%",
        ),
    )
