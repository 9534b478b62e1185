"""The cover letters at /app/letters: standalone ones and those written for an application."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
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
from cvapp.domain.letters import service
from cvapp.models import Application
from cvapp.state.listing import ListPageState
from cvapp.state.session import SessionState, off_loop

MUTED = rx.color("gray", 11)


@dataclasses.dataclass
class LetterRow:
    id: str = ""
    title: str = ""
    job: str = ""
    updated: str = ""


class LettersState(SessionState, ListPageState):
    letters: list[LetterRow] = []
    loaded: bool = False

    def _list(self, db: Session, user_id: str) -> None:
        rows, _ = service.list_letters(db, user_id=user_id, limit=200)
        jobs: dict[str, str] = {}
        for row in rows:
            if row.application_id and row.application_id not in jobs:
                application = db.get(Application, row.application_id)
                jobs[row.application_id] = (
                    f"{application.role} at {application.company}" if application else ""
                )
        self.letters = [
            LetterRow(
                id=row.id,
                title=row.title,
                job=jobs.get(row.application_id or "", ""),
                updated=f"{row.updated_at:%Y-%m-%d %H:%M}",
            )
            for row in rows
        ]
        self.loaded = True

    @rx.event
    @off_loop
    def load(self) -> None:
        self._reset()
        self._apply(lambda db, user_id: None)

    @rx.event
    @off_loop
    def create(self, form: dict[str, Any]) -> Iterator[EventSpec | None]:
        """A new, empty letter; its editor opens."""
        self._reset()
        title = str(form.get("title", "")).strip() or "Cover letter"
        made = self._apply(
            lambda db, user_id: service.create_letter(db, user_id=user_id, data={"title": title}),
            at="create",
        )
        if made is not None:
            yield rx.redirect(routes.letter_detail(made.id))

    @rx.event
    @off_loop
    def delete(self) -> Iterator[EventSpec | None]:
        """Delete the confirmed letter; "Undo" brings it back with its history."""
        letter_id, name = self.confirm_id, self.confirm_name
        self.set_confirm_open(False)
        self._reset()
        if not letter_id or self.busy:
            return
        self.busy = True
        yield
        try:
            deleted = self._apply(
                lambda db, user_id: service.delete_letter(db, user_id=user_id, letter_id=letter_id)
            )
        finally:
            self.busy = False
        if deleted is not None:
            self._deleted, self.undo_name = deleted, name

    @rx.event
    @off_loop
    def undo_delete(self) -> None:
        if not self._deleted or self.busy:
            return
        deleted, name = self._deleted, self.undo_name
        self._reset()
        restored = self._apply(
            lambda db, user_id: service.restore_letter(db, user_id=user_id, deleted=deleted)
        )
        if restored is not None:
            self._deleted, self.undo_name = {}, ""
            self.notice = f"Restored “{name}”."


def _row(letter: LetterRow) -> rx.Component:
    return rx.el.li(
        rx.flex(
            rx.vstack(
                rx.link(
                    letter.title,
                    href=routes.LETTERS + "/" + letter.id,
                    weight="medium",
                    class_name="cv-break",
                ),
                rx.cond(letter.job != "", rx.text("For ", letter.job, size="2", color=MUTED)),
                rx.text("Changed ", letter.updated, size="1", color=MUTED),
                spacing="1",
                min_width="0",
            ),
            rx.button(
                rx.icon("trash-2", size=14),
                "Delete",
                size="1",
                variant="soft",
                color_scheme="red",
                type="button",
                aria_label="Delete " + letter.title,
                on_click=LettersState.ask_delete(letter.id, letter.title),
            ),
            justify="between",
            align="center",
            gap="3",
            wrap="wrap",
        ),
        style={"listStyle": "none", "padding": "12px 0", "borderBottom": "1px solid var(--gray-5)"},
        data_testid="letter-row",
    )


def _create_form() -> rx.Component:
    return rx.form(
        rx.flex(
            rx.vstack(
                rx.el.label(
                    rx.text("Title of a new letter", size="2", weight="medium"),
                    html_for="new-letter-title",
                ),
                rx.input(
                    id="new-letter-title",
                    name="title",
                    placeholder="Acme – Data engineer",
                    max_length=200,
                    width="100%",
                ),
                spacing="1",
                flex="1",
                min_width="220px",
            ),
            rx.button(rx.icon("plus", size=16), "New letter", type="submit"),
            gap="3",
            align="end",
            wrap="wrap",
        ),
        on_submit=LettersState.create,
        reset_on_submit=True,
    )


@template(
    route=routes.LETTERS,
    title="Cover letters",
    description="Your cover letters, standalone or for a job you apply for.",
    on_load=LettersState.load,
    protected=True,
)
def letter_list() -> rx.Component:
    return contained(
        rx.vstack(
            rx.heading("Cover letters", as_="h1", size=rx.breakpoints(initial="7", sm="8")),
            rx.text(
                "Write a letter here, or draft one from a job's advert on its application page "
                "(“Draft a cover letter”): it quotes what your profile shows for the job.",
                size="3",
                color=MUTED,
            ),
            rx.card(_create_form(), size="3", width="100%"),
            rx.cond(
                LettersState.limit_at == "create",
                limit_notice(LettersState.error, LettersState.upgrade_to, test_id="letter-limit"),
            ),
            rx.cond(
                LettersState.undo_name != "",
                undo_notice(
                    "Deleted “",
                    LettersState.undo_name,
                    "”.",
                    on_undo=LettersState.undo_delete,
                    on_dismiss=LettersState.dismiss_undo,
                    busy=LettersState.busy,
                ),
            ),
            form_notice(LettersState.notice),
            rx.cond(LettersState.limit_at == "", form_alert(LettersState.error)),
            rx.cond(
                LettersState.loaded,
                rx.cond(
                    LettersState.letters.length() > 0,
                    rx.el.ul(
                        rx.foreach(LettersState.letters, _row),
                        style={"padding": 0, "margin": 0, "width": "100%"},
                        aria_label="Your cover letters",
                    ),
                    rx.text(
                        "No cover letters yet. Start one above, or open an application and "
                        "choose “Draft a cover letter”.",
                        size="2",
                        color=MUTED,
                        data_testid="letters-empty",
                    ),
                ),
                rx.hstack(rx.spinner(size="2"), rx.text("Loading…", size="2"), role="status"),
            ),
            confirm_delete(
                title="Delete this letter?",
                message=(
                    "“",
                    LettersState.confirm_name,
                    "” and its saved versions will be deleted. You can undo right after.",
                ),
                on_delete=LettersState.delete,
                open=LettersState.confirm_id != "",
                on_open_change=LettersState.set_confirm_open,
            ),
            spacing="5",
            padding_y=["24px", "40px"],
            width="100%",
        ),
    )
