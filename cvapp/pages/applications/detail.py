"""One application at /app/applications/{id}: its fields, contacts, status and timeline."""

from __future__ import annotations

import asyncio
import dataclasses
import time
from typing import Any

import reflex as rx
from sqlmodel import Session

from cvapp import routes
from cvapp.components.forms import form_alert, form_notice
from cvapp.components.layout import template
from cvapp.components.links import back_link
from cvapp.components.section import contained
from cvapp.db import session_scope
from cvapp.domain.applications import board, links, service
from cvapp.domain.applications import tasks as application_tasks
from cvapp.domain.applications.schemas import ApplicationView
from cvapp.domain.cvs import service as cvs_service
from cvapp.domain.cvs.schemas import CvView
from cvapp.domain.letters import drafting as letters
from cvapp.errors import DomainError
from cvapp.models import User
from cvapp.state.applications import StatusOption, TimelineRow, status_options, timeline_rows
from cvapp.state.cvs.downloads import job_state
from cvapp.state.forms import describe
from cvapp.state.session import SessionState, off_loop

MUTED = rx.color("gray", 11)
FORM = "application"
TEXT_FIELDS = ("company", "role", "location", "job_url", "salary", "source")
DATE_FIELDS = ("deadline", "follow_up_on")
TAILOR_WAIT_SECONDS = 180


@dataclasses.dataclass
class ContactRow:
    index: int = 0
    name: str = ""
    role: str = ""
    email: str = ""


class ApplicationState(SessionState):
    found: bool = False
    application_id: str = ""
    version: int = 0
    values: dict[str, str] = {}
    status: str = ""
    status_label: str = ""
    archived: bool = False
    contacts: list[ContactRow] = []
    timeline: list[TimelineRow] = []
    statuses: list[StatusOption] = []
    error: str = ""
    notice: str = ""
    # Links: the CV sent (one of the user's CVs), the kept gap analysis, a share link made.
    cv_id: str = ""
    cv_options: list[StatusOption] = []
    gap_score: int = -1
    gap_matched: list[str] = []
    gap_missing: list[str] = []
    share_url: str = ""
    tailoring: bool = False
    tailor_progress: int = 0  # of a long advert's tailoring, running as a job
    drafting_letter: bool = False

    def _id_from_url(self) -> str:
        return self.router.url.path.rstrip("/").rsplit("/", 1)[-1]

    @rx.event
    @off_loop
    def reload(self) -> None:
        """Show the application as saved now (after a job changed it), keeping the notice."""
        self._run(
            lambda db, user_id: service.get_application(
                db, user_id=user_id, application_id=self.application_id
            )
        )

    @rx.event
    @off_loop
    def load(self) -> None:
        self.error = self.notice = ""
        self.application_id = self._id_from_url()
        self._run(
            lambda db, user_id: service.get_application(
                db, user_id=user_id, application_id=self.application_id
            )
        )

    def _run(self, act: Any) -> ApplicationView | None:
        try:
            with session_scope() as db:
                user = self._check(db)
                if user is None:
                    return None
                view = act(db, user.id)
                self._show(db, user.id, view)
        except DomainError as exc:
            self.error = describe(exc, fields=())[0]
            if exc.status == 404:
                self.found = False
            return None
        return view

    def _show(self, db: Session, user_id: str, view: ApplicationView) -> None:
        labels = board.status_labels(db, user_id=user_id)
        names = {label.status: label.label for label in labels}
        self.found = True
        self.version = view.version
        self.values = {
            name: "" if getattr(view, name) is None else str(getattr(view, name))
            for name in (*TEXT_FIELDS, *DATE_FIELDS, "notes", "job_text")
        }
        self.values["interview_at"] = (
            f"{view.interview_at:%Y-%m-%dT%H:%M}" if view.interview_at else ""
        )
        self.status, self.status_label = view.status, names.get(view.status, view.status)
        self.archived = view.archived
        self.contacts = [
            ContactRow(index=i, name=c.get("name") or "", role=c.get("role") or "",
                       email=c.get("email") or "")
            for i, c in enumerate(view.contacts)
        ]  # fmt: skip
        self.timeline = timeline_rows(view.timeline, names)
        self.statuses = status_options(labels)
        self.cv_id = view.cv_id or ""
        cvs, _ = cvs_service.list_cvs(db, user_id=user_id, sort=("name", False))
        self.cv_options = [StatusOption(status=cv.id, label=cv.name) for cv in cvs]
        gaps = view.gap_analysis or {}
        self.gap_score = int(gaps.get("score", -1))
        self.gap_matched = _requirement_names(gaps, "matched", "hidden")
        self.gap_missing = _requirement_names(gaps, "missing")

    def _update(self, changes: dict[str, Any], notice: str) -> None:
        self.error = self.notice = ""
        changes = {**changes, "version": self.version}
        view = self._run(
            lambda db, user_id: service.update_application(
                db, user_id=user_id, application_id=self.application_id, changes=changes
            )
        )
        if view is not None:
            self.notice = notice

    @rx.event
    @off_loop
    def save(self, form: dict[str, Any]) -> None:
        """Save the edited fields (times are read as UTC)."""
        changes: dict[str, Any] = {
            name: str(form.get(name, "")).strip() or None
            for name in (*TEXT_FIELDS, *DATE_FIELDS, "notes", "job_text")
        }
        interview = str(form.get("interview_at", "")).strip()
        changes["interview_at"] = f"{interview}:00+00:00" if interview else None
        self._update(changes, "Saved.")

    @rx.event
    @off_loop
    def move(self, status: str) -> None:
        label = next((s.label for s in self.statuses if s.status == status), status)
        self._update({"status": status}, f"Moved to {label}.")

    @rx.event
    @off_loop
    def toggle_archived(self) -> None:
        archived = not self.archived
        self._update({"archived": archived}, "Archived." if archived else "Unarchived.")

    @rx.event
    @off_loop
    def set_cv(self, cv_id: str) -> None:
        self._update({"cv_id": cv_id or None}, "Saved the CV you send.")

    @rx.event
    async def tailor(self):  # type: ignore[no-untyped-def]
        """Gap-analyse the advert and make a CV for this job (kept with the application); a
        long advert is analysed by a job the page follows."""
        if self.tailoring:
            return
        self.error = self.notice = ""
        self.tailoring = True
        yield
        made: CvView | str | None = None
        try:
            made = await asyncio.to_thread(self._tailor)
        finally:
            if not isinstance(made, str):
                self.tailoring = False
        if isinstance(made, str):
            self.tailor_progress = 2
            yield ApplicationState.follow_tailor(made)
        elif made is not None:
            self.notice = f"Made the CV “{made.name}” for this job: review it in the editor."

    def _tailor(self) -> CvView | str | None:
        """The CV made, or the id of the job making it (a long advert)."""
        made: list[CvView | str] = []

        def act(db: Session, user_id: str) -> ApplicationView:
            user = db.get(User, user_id)
            assert user is not None
            if application_tasks.needs_job(db, user=user, application_id=self.application_id):
                job = application_tasks.start_tailor(
                    db, user=user, application_id=self.application_id
                )
                made.append(job.id)
                return service.get_application(
                    db, user_id=user_id, application_id=self.application_id
                )
            view, cv = links.tailor_cv(db, user=user, application_id=self.application_id)
            made.append(cv)
            return view

        return made[0] if self._run(act) is not None else None

    @rx.event(background=True)
    async def follow_tailor(self, job_id: str):  # type: ignore[no-untyped-def]
        """Follow the tailoring job, showing its progress; then show the application again."""
        async with self:
            caller = self._caller()
        outcome, message = "failed", "Tailoring the CV failed. Please try again."
        try:
            deadline = time.monotonic() + TAILOR_WAIT_SECONDS
            while time.monotonic() < deadline:
                job = await asyncio.to_thread(job_state, caller, job_id)
                if job is None:
                    break
                async with self:
                    self.tailor_progress = max(self.tailor_progress, int(job["progress"]), 2)
                if job["status"] == "succeeded":
                    name = (job["result"] or {}).get("cv_name") or "a CV"
                    outcome = "succeeded"
                    message = f"Made the CV “{name}” for this job: review it in the editor."
                    break
                if job["status"] == "failed":
                    message = (job.get("error") or {}).get("message") or message
                    break
                await asyncio.sleep(0.3)
        finally:
            async with self:
                self.tailoring, self.tailor_progress = False, 0
                if outcome == "succeeded":
                    self.notice = message
                else:
                    self.error = message
        if outcome == "succeeded":
            yield ApplicationState.reload

    @rx.event
    async def draft_letter(self):  # type: ignore[no-untyped-def]
        """A cover letter for this job, drafted from the advert; its editor opens."""
        if self.drafting_letter:
            return
        self.error = self.notice = ""
        self.drafting_letter = True
        yield
        try:
            letter_id = await asyncio.to_thread(self._draft_letter)
        finally:
            self.drafting_letter = False
        if letter_id:
            yield rx.redirect(routes.letter_detail(letter_id))

    def _draft_letter(self) -> str:
        made: list[str] = []

        def act(db: Session, user_id: str) -> ApplicationView:
            user = db.get(User, user_id)
            assert user is not None
            draft = letters.letter_for_application(
                db, user=user, application_id=self.application_id
            )
            made.append(draft.letter.id)
            return service.get_application(db, user_id=user_id, application_id=self.application_id)

        return made[0] if self._run(act) is not None else ""

    @rx.event
    @off_loop
    def make_share_link(self) -> None:
        self.error = self.notice = ""
        try:
            with self._signed_in(quiet=True) as (db, user):
                link = links.share(db, user_id=user.id, application_id=self.application_id)
                view = service.get_application(
                    db, user_id=user.id, application_id=self.application_id
                )
                self._show(db, user.id, view)
        except DomainError as exc:
            self.error = describe(exc, fields=())[0]
            return
        self.share_url = link.url
        self.notice = "Made a share link: each time it is opened, the timeline says so."

    def _contact_list(self) -> list[dict[str, Any]]:
        return [
            {"name": c.name, "role": c.role or None, "email": c.email or None}
            for c in self.contacts
        ]

    @rx.event
    @off_loop
    def add_contact(self, form: dict[str, Any]) -> None:
        contact = {
            "name": str(form.get("contact_name", "")).strip(),
            "role": str(form.get("contact_role", "")).strip() or None,
            "email": str(form.get("contact_email", "")).strip() or None,
        }
        if not contact["name"]:
            self.error = "Give the contact's name."
            return
        self._update({"contacts": [*self._contact_list(), contact]}, "Contact added.")

    @rx.event
    @off_loop
    def remove_contact(self, index: int) -> None:
        kept = [c for i, c in enumerate(self._contact_list()) if i != index]
        self._update({"contacts": kept}, "Contact removed.")


def _requirement_names(gaps: dict[str, Any], *kinds: str) -> list[str]:
    names = [
        str(result.get("requirement", {}).get("name") or "")
        for kind in kinds
        for result in gaps.get(kind) or []
    ]
    return [name for name in dict.fromkeys(names) if name][:30]


def _links() -> rx.Component:
    return rx.vstack(
        rx.heading("CV for this job", as_="h2", size="4"),
        rx.el.label(rx.text("The CV you send", size="2", weight="medium"), html_for="sent-cv"),
        rx.el.select(
            rx.el.option("None yet", value=""),
            rx.foreach(
                ApplicationState.cv_options, lambda o: rx.el.option(o.label, value=o.status)
            ),
            id="sent-cv",
            value=ApplicationState.cv_id,
            on_change=ApplicationState.set_cv,
            style={"padding": "4px 8px", "border_radius": "var(--radius-2)", "width": "100%"},
        ),
        rx.cond(
            ApplicationState.cv_id != "",
            rx.link("Open this CV", href=routes.CVS + "/" + ApplicationState.cv_id, size="2"),
        ),
        rx.flex(
            rx.button(
                rx.icon("wand-sparkles", size=14),
                "Tailor a CV for this job",
                type="button",
                variant="soft",
                loading=ApplicationState.tailoring,
                on_click=ApplicationState.tailor,
            ),
            rx.button(
                rx.icon("mail", size=14),
                "Draft a cover letter",
                type="button",
                variant="soft",
                loading=ApplicationState.drafting_letter,
                on_click=ApplicationState.draft_letter,
            ),
            rx.button(
                rx.icon("link", size=14),
                "Share link for this job",
                type="button",
                variant="soft",
                disabled=ApplicationState.cv_id == "",
                on_click=ApplicationState.make_share_link,
            ),
            spacing="2",
            wrap="wrap",
        ),
        rx.cond(
            ApplicationState.tailor_progress > 0,
            rx.vstack(
                rx.text("Analysing a long advert…", size="2", role="status"),
                rx.progress(
                    value=ApplicationState.tailor_progress, max=100, aria_label="Tailoring progress"
                ),
                spacing="1",
                width="100%",
            ),
        ),
        rx.cond(
            ApplicationState.share_url != "",
            rx.code(ApplicationState.share_url, class_name="cv-break", data_testid="share-url"),
        ),
        rx.cond(
            ApplicationState.gap_score >= 0,
            rx.vstack(
                rx.text("Fit with the advert: ", ApplicationState.gap_score, "/100", weight="bold"),
                rx.cond(
                    ApplicationState.gap_matched.length() > 0,
                    rx.text("You have: ", ApplicationState.gap_matched.join(", "), size="2"),
                ),
                rx.cond(
                    ApplicationState.gap_missing.length() > 0,
                    rx.text(
                        "Missing: ", ApplicationState.gap_missing.join(", "), size="2", color=MUTED
                    ),
                ),
                spacing="1",
                data_testid="gap-summary",
            ),
        ),
        spacing="2",
        width="100%",
    )


def _text_input(label: str, name: str, **props: Any) -> rx.Component:
    return rx.vstack(
        rx.el.label(rx.text(label, size="2", weight="medium"), html_for=f"{FORM}-{name}"),
        rx.input(
            id=f"{FORM}-{name}",
            name=name,
            default_value=ApplicationState.values[name],
            width="100%",
            **props,
        ),
        spacing="1",
        width="100%",
    )


def _text_area(label: str, name: str, rows: str) -> rx.Component:
    return rx.vstack(
        rx.el.label(rx.text(label, size="2", weight="medium"), html_for=f"{FORM}-{name}"),
        rx.text_area(
            id=f"{FORM}-{name}",
            name=name,
            default_value=ApplicationState.values[name],
            rows=rows,
            width="100%",
        ),
        spacing="1",
        width="100%",
    )


def _fields() -> rx.Component:
    return rx.form(
        rx.vstack(
            rx.grid(
                _text_input("Company", "company", max_length=200),
                _text_input("Role", "role", max_length=200),
                _text_input("Location", "location", max_length=200),
                _text_input("Job advert URL", "job_url", type="url", max_length=500),
                _text_input("Salary range", "salary", max_length=100),
                _text_input("Source", "source", max_length=100),
                _text_input("Deadline", "deadline", type="date"),
                _text_input("Follow up on", "follow_up_on", type="date"),
                _text_input("Interview (UTC)", "interview_at", type="datetime-local"),
                columns=rx.breakpoints(initial="1", sm="2", lg="3"),
                spacing="3",
                width="100%",
            ),
            _text_area("Notes", "notes", "4"),
            _text_area("The advert", "job_text", "8"),
            rx.button(rx.icon("save", size=16), "Save", type="submit"),
            spacing="3",
            width="100%",
        ),
        # A new version remounts the inputs with the saved values.
        key=ApplicationState.version.to_string(),
        on_submit=ApplicationState.save,
        width="100%",
    )


def _contact(contact: ContactRow) -> rx.Component:
    return rx.el.li(
        rx.hstack(
            rx.text(contact.name, weight="medium", size="2"),
            rx.cond(contact.role, rx.text(contact.role, size="2", color=MUTED)),
            rx.cond(
                contact.email,
                rx.link(contact.email, href="mailto:" + contact.email, size="2"),
            ),
            rx.icon_button(
                rx.icon("x", size=12),
                size="1",
                variant="ghost",
                color_scheme="gray",
                type="button",
                aria_label="Remove " + contact.name,
                on_click=ApplicationState.remove_contact(contact.index),
            ),
            spacing="2",
            align="center",
            wrap="wrap",
        ),
        style={"listStyle": "none", "padding": "4px 0"},
    )


def _contacts() -> rx.Component:
    return rx.vstack(
        rx.heading("Contacts", as_="h2", size="4"),
        rx.el.ul(rx.foreach(ApplicationState.contacts, _contact), style={"padding": 0}),
        rx.form(
            rx.flex(
                rx.input(name="contact_name", placeholder="Name", aria_label="Contact name"),
                rx.input(name="contact_role", placeholder="Role", aria_label="Contact role"),
                rx.input(
                    name="contact_email",
                    type="email",
                    placeholder="Email",
                    aria_label="Contact email",
                ),
                rx.button("Add contact", type="submit", variant="soft"),
                spacing="2",
                wrap="wrap",
            ),
            on_submit=ApplicationState.add_contact,
            reset_on_submit=True,
        ),
        spacing="2",
        width="100%",
    )


CALENDAR_EVENTS = (
    ("interview_at", "interview", "The interview"),
    ("follow_up_on", "follow_up", "The follow-up"),
    ("deadline", "deadline", "The deadline"),
)


def _calendar_links() -> rx.Component:
    """A .ics download per date set; the reminder emails go out by themselves."""
    base = routes.API_APPLICATIONS + "/" + ApplicationState.application_id + "/calendar.ics"
    return rx.vstack(
        rx.heading("Reminders", as_="h2", size="4"),
        rx.text(
            "We email you the day before an interview, on the follow-up day and two days "
            "before the deadline. Add them to your calendar too:",
            size="2",
            color=MUTED,
        ),
        *(
            rx.cond(
                ApplicationState.values[column] != "",
                rx.link(
                    rx.hstack(rx.icon("calendar-plus", size=14), label, " (.ics)", spacing="1"),
                    href=base + "?event=" + event,
                    size="2",
                ),
            )
            for column, event, label in CALENDAR_EVENTS
        ),
        spacing="2",
        width="100%",
    )


def _timeline_entry(row: TimelineRow) -> rx.Component:
    return rx.el.li(
        rx.text(row.text, size="2", weight="medium"),
        rx.text(row.at, size="1", color=MUTED),
        style={"listStyle": "none", "padding": "6px 0"},
        data_testid="timeline-entry",
    )


def _status_bar() -> rx.Component:
    return rx.flex(
        rx.badge(ApplicationState.status_label, size="2", data_testid="application-status"),
        rx.cond(ApplicationState.archived, rx.badge("Archived", color_scheme="gray")),
        rx.menu.root(
            rx.menu.trigger(
                rx.button(
                    rx.icon("arrow-right-left", size=14), "Move to…", variant="soft", type="button"
                )
            ),
            rx.menu.content(
                rx.foreach(
                    ApplicationState.statuses,
                    lambda option: rx.menu.item(
                        option.label,
                        on_select=ApplicationState.move(option.status),
                        disabled=option.status == ApplicationState.status,
                    ),
                )
            ),
        ),
        rx.link(
            rx.hstack(rx.icon("download", size=14), "JSON Resume job", spacing="1"),
            href=routes.API_APPLICATIONS + "/" + ApplicationState.application_id + "/job.json",
            size="2",
            is_external=False,
        ),
        rx.button(
            rx.cond(ApplicationState.archived, "Unarchive", "Archive"),
            variant="soft",
            color_scheme="gray",
            type="button",
            on_click=ApplicationState.toggle_archived,
        ),
        spacing="3",
        align="center",
        wrap="wrap",
    )


@template(
    route=routes.APPLICATION_DETAIL,
    title="Application",
    description="One job application: the advert, contacts, status and timeline.",
    on_load=ApplicationState.load,
    protected=True,
)
def application_detail() -> rx.Component:
    return contained(
        rx.vstack(
            back_link("All applications", routes.APPLICATIONS),
            form_alert(ApplicationState.error),
            rx.cond(
                ApplicationState.found,
                rx.vstack(
                    rx.heading(
                        ApplicationState.values["role"],
                        " at ",
                        ApplicationState.values["company"],
                        as_="h1",
                        size="7",
                        class_name="cv-break",
                    ),
                    _status_bar(),
                    form_notice(ApplicationState.notice),
                    rx.grid(
                        rx.card(_fields(), size="3", width="100%"),
                        rx.vstack(
                            rx.card(_links(), size="2", width="100%"),
                            rx.card(_contacts(), size="2", width="100%"),
                            rx.card(_calendar_links(), size="2", width="100%"),
                            rx.card(
                                rx.heading("Timeline", as_="h2", size="4"),
                                rx.el.ol(
                                    rx.foreach(ApplicationState.timeline, _timeline_entry),
                                    style={"padding": 0},
                                    data_testid="timeline",
                                ),
                                size="2",
                                width="100%",
                            ),
                            spacing="4",
                            width="100%",
                        ),
                        columns=rx.breakpoints(initial="1", lg="2"),
                        spacing="4",
                        width="100%",
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
