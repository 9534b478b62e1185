"""One cover letter at /app/letters/{id}: its text, a draft from the advert with the claims
the profile does not back, undo and redo across saves, the letterhead's CV, downloads."""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import Callable, Iterator
from typing import Any

import reflex as rx
from reflex.event import EventSpec
from sqlmodel import Session

from cvapp import routes
from cvapp.components.confirm import confirm_delete
from cvapp.components.forms import form_alert, form_notice
from cvapp.components.history import undo_redo
from cvapp.components.layout import template
from cvapp.components.links import back_link
from cvapp.components.section import contained
from cvapp.db import session_scope
from cvapp.domain.cvs import service as cvs_service
from cvapp.domain.letters import drafting, service
from cvapp.domain.letters.schemas import LetterDraft, LetterView
from cvapp.errors import DomainError
from cvapp.models import Application, User
from cvapp.state.applications import StatusOption
from cvapp.state.forms import describe
from cvapp.state.session import SessionState, off_loop

MUTED = rx.color("gray", 11)
FORM = "letter"
TEXT_FIELDS = ("title", "recipient", "greeting", "body", "closing", "language")
LANGUAGES: tuple[tuple[str, str], ...] = (
    ("en", "English"), ("de", "Deutsch"), ("fr", "Français"), ("es", "Español"),
    ("it", "Italiano"), ("nl", "Nederlands"), ("pt", "Português"), ("pl", "Polski"),
)  # fmt: skip


@dataclasses.dataclass
class ClaimRow:
    text: str = ""
    message: str = ""


class LetterState(SessionState):
    found: bool = False
    letter_id: str = ""
    version: int = 0
    values: dict[str, str] = {}
    cv_id: str = ""
    cv_options: list[StatusOption] = []
    application_id: str = ""
    application_label: str = ""
    has_advert: bool = False
    can_undo: bool = False
    can_redo: bool = False
    read_only: bool = False
    undo_notice: str = ""
    drafting: bool = False
    warnings: list[ClaimRow] = []
    error: str = ""
    notice: str = ""
    confirming: bool = False

    def _id_from_url(self) -> str:
        return self.router.url.path.rstrip("/").rsplit("/", 1)[-1]

    def _run(self, act: Callable[[Session, User], LetterView]) -> LetterView | None:
        try:
            with session_scope() as db:
                user = self._check(db)
                if user is None:
                    return None
                view = act(db, user)
                self._show(db, user.id, view)
        except DomainError as exc:
            self.error = describe(exc, fields=())[0]
            if exc.status == 404:
                self.found = False
            return None
        return view

    def _show(self, db: Session, user_id: str, view: LetterView) -> None:
        self.found = True
        self.version = view.version
        self.values = {name: str(getattr(view, name) or "") for name in TEXT_FIELDS}
        self.cv_id = view.cv_id or ""
        self.can_undo, self.can_redo = view.can_undo, view.can_redo
        cvs, _ = cvs_service.list_cvs(db, user_id=user_id, sort=("name", False))
        self.cv_options = [StatusOption(status=cv.id, label=cv.name) for cv in cvs]
        application = db.get(Application, view.application_id) if view.application_id else None
        self.application_id = application.id if application else ""
        self.application_label = (
            f"{application.role} at {application.company}" if application else ""
        )
        self.has_advert = bool(application and (application.job_text or application.job))

    @rx.event
    @off_loop
    def load(self) -> None:
        self.error = self.notice = self.undo_notice = ""
        self.warnings = []
        self.letter_id = self._id_from_url()
        self._run(
            lambda db, user: service.get_letter(db, user_id=user.id, letter_id=self.letter_id)
        )

    def _update(self, changes: dict[str, Any], notice: str) -> None:
        self.error = self.notice = self.undo_notice = ""
        changes = {**changes, "version": self.version}
        view = self._run(
            lambda db, user: service.update_letter(
                db, user_id=user.id, letter_id=self.letter_id, changes=changes
            )
        )
        if view is not None:
            self.notice = notice

    @rx.event
    @off_loop
    def save(self, form: dict[str, Any]) -> None:
        changes: dict[str, Any] = {
            name: str(form.get(name, "")).strip() or None
            for name in ("recipient", "greeting", "closing")
        }
        changes["title"] = str(form.get("title", "")).strip() or "Cover letter"
        changes["body"] = str(form.get("body", "")).strip()
        changes["language"] = str(form.get("language", "")).strip() or "en"
        self._update(changes, "Saved.")

    @rx.event
    @off_loop
    def set_cv(self, cv_id: str) -> None:
        self._update({"cv_id": cv_id or None}, "The letterhead now follows this CV.")

    def _step(self, by: int) -> None:
        self.error = self.notice = ""
        view = self._run(
            lambda db, user: service.step(
                db, user_id=user.id, letter_id=self.letter_id, by=by, version=self.version
            )
        )
        if view is not None:
            self.undo_notice = "Undone." if by < 0 else "Redone."

    @rx.event
    @off_loop
    def undo(self) -> None:
        """Back to the previous saved text (Ctrl/Cmd+Z)."""
        self._step(-1)

    @rx.event
    @off_loop
    def redo(self) -> None:
        """Forward again after an undo (Ctrl/Cmd+Shift+Z)."""
        self._step(1)

    @rx.event
    async def draft(self, form: dict[str, Any]):  # type: ignore[no-untyped-def]
        """Draft the letter from the advert and the profile (its claims checked)."""
        if self.drafting:
            return
        self.error = self.notice = self.undo_notice = ""
        self.warnings = []
        self.drafting = True
        yield
        job_text = str(form.get("job_text", "")).strip() or None
        try:
            made = await asyncio.to_thread(self._draft, job_text)
        finally:
            self.drafting = False
        if made is not None:
            self.warnings = [ClaimRow(text=w.text, message=w.message) for w in made.warnings]
            self.notice = (
                "Drafted from your profile: check it, then save your changes. Undo brings "
                "back the previous text."
            )

    def _draft(self, job_text: str | None) -> LetterDraft | None:
        made: list[LetterDraft] = []

        def act(db: Session, user: User) -> LetterView:
            draft = drafting.draft_letter(
                db, user=user, letter_id=self.letter_id, job_text=job_text, version=self.version
            )
            made.append(draft)
            return draft.letter

        return made[0] if self._run(act) is not None else None

    @rx.event
    def set_confirming(self, is_open: bool) -> None:
        self.confirming = is_open

    @rx.event
    @off_loop
    def delete(self) -> Iterator[EventSpec | None]:
        self.confirming = False
        try:
            with session_scope() as db:
                user = self._check(db)
                if user is None:
                    return
                service.delete_letter(db, user_id=user.id, letter_id=self.letter_id)
        except DomainError as exc:
            self.error = describe(exc, fields=())[0]
            return
        yield rx.redirect(routes.LETTERS)


def _labelled(label: str, name: str, control: rx.Component) -> rx.Component:
    return rx.vstack(
        rx.el.label(rx.text(label, size="2", weight="medium"), html_for=f"{FORM}-{name}"),
        control,
        spacing="1",
        width="100%",
    )


def _input(label: str, name: str, **props: Any) -> rx.Component:
    field = rx.input(
        id=f"{FORM}-{name}",
        name=name,
        default_value=LetterState.values[name],
        width="100%",
        **props,
    )
    return _labelled(label, name, field)


def _area(label: str, name: str, rows: str, **props: Any) -> rx.Component:
    field = rx.text_area(
        id=f"{FORM}-{name}",
        name=name,
        default_value=LetterState.values[name],
        rows=rows,
        width="100%",
        **props,
    )
    return _labelled(label, name, field)


def _language() -> rx.Component:
    field = rx.el.select(
        *(rx.el.option(name, value=code) for code, name in LANGUAGES),
        id=f"{FORM}-language",
        name="language",
        default_value=LetterState.values["language"],
        style={"padding": "6px 8px", "border_radius": "var(--radius-2)", "width": "100%"},
    )
    return _labelled("Language", "language", field)


def _fields() -> rx.Component:
    return rx.form(
        rx.vstack(
            rx.grid(
                _input("Title (only you see it)", "title", max_length=200),
                _language(),
                columns=rx.breakpoints(initial="1", sm="2"),
                spacing="3",
                width="100%",
            ),
            _area("Recipient (name and address, one per line)", "recipient", "3", max_length=500),
            _input("Greeting", "greeting", placeholder="Dear Ms Rossi,", max_length=200),
            _area(
                "Letter (a blank line between paragraphs)",
                "body",
                "14",
                max_length=20000,
                data_testid="letter-body",
            ),
            _input("Closing", "closing", placeholder="Kind regards,", max_length=200),
            rx.button(rx.icon("save", size=16), "Save", type="submit"),
            spacing="3",
            width="100%",
        ),
        # A new version (a save, a draft, an undo) remounts the fields with the saved text.
        key=LetterState.version.to_string(),
        on_submit=LetterState.save,
        width="100%",
    )


def _warning(claim: ClaimRow) -> rx.Component:
    return rx.el.li(
        rx.text(rx.el.strong("“", claim.text, "”"), " — ", claim.message, size="2"),
        style={"padding": "2px 0"},
    )


def _draft() -> rx.Component:
    return rx.form(
        rx.vstack(
            rx.heading("Draft from the advert", as_="h2", size="4"),
            rx.cond(
                LetterState.has_advert,
                rx.text(
                    "Uses the advert of ", LetterState.application_label, ".", size="2", color=MUTED
                ),
                _labelled(
                    "Job advert",
                    "job_text",
                    rx.text_area(
                        id=f"{FORM}-job_text",
                        name="job_text",
                        rows="6",
                        width="100%",
                        max_length=50000,
                        placeholder="Paste the job advert here",
                    ),
                ),
            ),
            rx.text(
                "The draft quotes your own profile for the advert's top requirements and "
                "replaces the letter's text (Undo brings it back). Counts as one AI call.",
                size="1",
                color=MUTED,
            ),
            rx.button(
                rx.icon("wand-sparkles", size=14),
                "Draft the letter",
                type="submit",
                variant="soft",
                loading=LetterState.drafting,
            ),
            rx.cond(
                LetterState.drafting,
                rx.text("Drafting from your profile…", size="2", role="status"),
            ),
            rx.cond(
                LetterState.warnings.length() > 0,
                rx.callout.root(
                    rx.callout.icon(rx.icon("triangle-alert")),
                    rx.vstack(
                        rx.callout.text(
                            "Not found in your profile: check or remove these before sending.",
                            weight="medium",
                        ),
                        rx.el.ul(rx.foreach(LetterState.warnings, _warning), style={"margin": 0}),
                        spacing="1",
                    ),
                    color_scheme="amber",
                    role="alert",
                    data_testid="letter-warnings",
                ),
            ),
            spacing="2",
            width="100%",
        ),
        on_submit=LetterState.draft,
        width="100%",
    )


def _download(label: str, icon: str, href: Any, **props: Any) -> rx.Component:
    return rx.el.a(
        rx.hstack(rx.icon(icon, size=14), label, spacing="1", align="center"),
        href=href,
        download="",
        style={"font_size": "var(--font-size-2)", "color": rx.color("accent", 11)},
        **props,
    )


def _letterhead() -> rx.Component:
    base = routes.API_LETTERS + "/" + LetterState.letter_id
    return rx.vstack(
        rx.heading("Letterhead and downloads", as_="h2", size="4"),
        _labelled(
            "CV for the letterhead (its template and contact details)",
            "cv",
            rx.el.select(
                rx.el.option("None: the Classic template", value=""),
                rx.foreach(LetterState.cv_options, lambda o: rx.el.option(o.label, value=o.status)),
                id=f"{FORM}-cv",
                value=LetterState.cv_id,
                on_change=LetterState.set_cv,
                style={"padding": "6px 8px", "border_radius": "var(--radius-2)", "width": "100%"},
            ),
        ),
        rx.flex(
            _download("PDF", "file-text", base + "/export?format=pdf"),
            _download("Word (.docx)", "file-type", base + "/export?format=docx"),
            _download("Markdown", "file-code", base + "/export?format=md"),
            rx.cond(
                LetterState.cv_id != "",
                _download("Letter + CV (one PDF)", "files", base + "/bundle.pdf"),
                rx.text("Choose a CV to download the letter with it.", size="1", color=MUTED),
            ),
            spacing="4",
            wrap="wrap",
        ),
        spacing="3",
        width="100%",
    )


@template(
    route=routes.LETTER_DETAIL,
    title="Cover letter",
    description="Write, draft and download a cover letter.",
    on_load=LetterState.load,
    protected=True,
)
def letter_editor() -> rx.Component:
    return contained(
        rx.vstack(
            back_link("All cover letters", routes.LETTERS),
            form_alert(LetterState.error),
            rx.cond(
                LetterState.found,
                rx.vstack(
                    rx.heading(
                        LetterState.values["title"], as_="h1", size="7", class_name="cv-break"
                    ),
                    rx.flex(
                        rx.cond(
                            LetterState.application_id != "",
                            rx.link(
                                "For ",
                                LetterState.application_label,
                                href=routes.APPLICATIONS + "/" + LetterState.application_id,
                                size="2",
                            ),
                        ),
                        undo_redo(LetterState, subject="letter", knows_undo=True),
                        rx.button(
                            rx.icon("trash-2", size=14),
                            "Delete",
                            size="1",
                            variant="soft",
                            color_scheme="red",
                            type="button",
                            on_click=LetterState.set_confirming(True),
                        ),
                        gap="3",
                        align="center",
                        wrap="wrap",
                    ),
                    form_notice(LetterState.notice),
                    rx.grid(
                        rx.card(_fields(), size="3", width="100%"),
                        rx.vstack(
                            rx.card(_draft(), size="2", width="100%"),
                            rx.card(_letterhead(), size="2", width="100%"),
                            spacing="4",
                            width="100%",
                        ),
                        columns=rx.breakpoints(initial="1", lg="2"),
                        spacing="4",
                        width="100%",
                    ),
                    confirm_delete(
                        title="Delete this letter?",
                        message=(
                            "“",
                            LetterState.values["title"],
                            "” and its saved versions will be deleted.",
                        ),
                        on_delete=LetterState.delete,
                        open=LetterState.confirming,
                        on_open_change=LetterState.set_confirming,
                    ),
                    spacing="4",
                    width="100%",
                ),
            ),
            spacing="4",
            padding_y=["24px", "40px"],
            width="100%",
        ),
    )
