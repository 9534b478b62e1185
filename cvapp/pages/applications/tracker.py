"""The job tracker at /app/applications: add a job (paste its advert), a board with a column
per status (cards move by drag and drop or with a "Move to…" menu, keyboard included), or a
sortable table."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from typing import Any

import reflex as rx
from reflex.event import EventSpec
from sqlmodel import Session

from cvapp import routes
from cvapp.components.confirm import confirm_delete, undo_notice
from cvapp.components.dnd import board_column, drag_handle, sortable_board, sortable_item
from cvapp.components.forms import form_alert, form_notice, named_file_input
from cvapp.components.layout import template
from cvapp.components.section import contained
from cvapp.components.upgrade import limit_notice
from cvapp.domain.applications import adverts, board, jobschema, service, webpage
from cvapp.domain.applications.schemas import AdDraft
from cvapp.errors import DomainError
from cvapp.state.applications import (
    ApplicationCard,
    BoardColumn,
    StatusOption,
    card,
    status_options,
)
from cvapp.state.applications import board as board_columns
from cvapp.state.forms import describe
from cvapp.state.listing import ListPageState
from cvapp.state.session import SessionState, off_loop

MUTED = rx.color("gray", 11)
FORM = "new-application"
UPLOAD_ID = "job-file"
SORTABLE = (
    ("company", "Company"),
    ("role", "Role"),
    ("status", "Status"),
    ("deadline", "Deadline"),
)


class TrackerState(ListPageState, SessionState):
    loaded: bool = False
    view: str = "board"
    status_filter: str = ""
    query: str = ""
    show_archived: bool = False
    sort: str = "updated_at"
    descending: bool = True
    columns: list[BoardColumn] = []
    rows: list[ApplicationCard] = []
    statuses: list[StatusOption] = []
    # The add form: the pasted advert and what was read from it.
    ad_text: str = ""
    company: str = ""
    role: str = ""
    location: str = ""

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
        labels = board.status_labels(db, user_id=user_id)
        names = {label.status: label.label for label in labels}
        summaries, _ = service.list_applications(
            db,
            user_id=user_id,
            status=self.status_filter or None,
            query=self.query or None,
            archived=None if self.show_archived else False,
            sort=(self.sort, self.descending),
        )
        self.rows = [card(summary, names) for summary in summaries]
        self.columns = board_columns(self.rows, labels)
        self.statuses = status_options(labels)

    def _relist(self) -> None:
        self._apply(lambda db, user_id: None)

    @rx.event
    def set_view(self, view: str | list[str]) -> None:
        self.view = view if view in ("board", "table") else "board"

    @rx.event
    @off_loop
    def set_status_filter(self, status: str) -> None:
        self.status_filter = "" if status == "all" else status
        self._relist()

    @rx.event
    @off_loop
    def search(self, form: dict[str, Any]) -> None:
        self.query = str(form.get("q", "")).strip()[:200]
        self._relist()

    @rx.event
    @off_loop
    def set_show_archived(self, show: bool) -> None:
        self.show_archived = show
        self._relist()

    @rx.event
    @off_loop
    def sort_by(self, field: str) -> None:
        """Sort the table by ``field``; the same field again reverses the order."""
        if field == self.sort:
            self.descending = not self.descending
        else:
            self.sort, self.descending = field, False
        self._relist()

    @rx.event
    def set_ad_text(self, text: str) -> None:
        self.ad_text = text

    @rx.event
    def set_company(self, text: str) -> None:
        self.company = text

    @rx.event
    def set_role(self, text: str) -> None:
        self.role = text

    @rx.event
    def set_location(self, text: str) -> None:
        self.location = text

    @rx.event
    def read_ad(self) -> None:
        """Fill company, role and location from the pasted advert where it says them."""
        self._reset()
        try:
            draft = adverts.read_ad(self.ad_text)
        except DomainError as exc:
            self.error = describe(exc, fields=())[0]
            return
        self._fill(draft)

    @rx.event
    async def upload_job(self, files: list[rx.UploadFile]) -> None:
        """A saved job page fills the form; a JSON Resume job is tracked at once."""
        self._reset()
        if not files:
            return
        upload = files[0]
        name = upload.name or ""
        data = await upload.read(webpage.MAX_PAGE_BYTES + 1)
        if name.lower().endswith(".json"):
            await asyncio.to_thread(self._import_job, data)
            return
        try:
            draft = await asyncio.to_thread(
                webpage.read_page, data, content_type=None, filename=name
            )
        except DomainError as exc:
            self.error = describe(exc, fields=())[0]
            return
        self._fill(draft)

    def _import_job(self, data: bytes) -> None:
        try:
            fields, job = jobschema.from_job(json.loads(data))
        except (ValueError, RecursionError):
            self.error = "This file is not JSON: export the job as a JSON Resume job."
            return
        except DomainError as exc:
            self.error = (
                "; ".join(f"{d.get('field')}: {d.get('message')}" for d in exc.details[:3])
                or exc.message
            )
            return
        created = self._apply(
            lambda db, user_id: service.create_application(
                db, user_id=user_id, data=fields, job=job
            ),
            at="create",
        )
        if created is not None:
            self.notice = f"Imported {created.role} at {created.company}."

    def _fill(self, draft: AdDraft) -> None:
        self.ad_text = draft.job_text
        self.company = draft.company or self.company
        self.role = draft.role or self.role
        self.location = draft.location or self.location
        found = [name for name in ("company", "role", "location") if getattr(draft, name)]
        self.notice = (
            f"Read the {', '.join(found)} from the advert: check them before adding."
            if found
            else "The advert does not say its company or role plainly: type them in."
        )

    @rx.event
    @off_loop
    def create(self, form: dict[str, Any]) -> None:
        """Track the job; the pasted advert is kept with it."""
        self._reset()
        fields = ("company", "role", "location", "job_url", "salary", "source", "deadline")
        data: dict[str, Any] = {name: str(form.get(name, "")).strip() or None for name in fields}
        data["status"] = str(form.get("status") or "wishlist")
        data["job_text"] = self.ad_text.strip() or None
        data = {key: value for key, value in data.items() if value is not None}
        if not data.get("company") or not data.get("role"):
            self.error = "Give the company and the role (or read them from the advert)."
            return
        created = self._apply(
            lambda db, user_id: service.create_application(db, user_id=user_id, data=data),
            at="create",
        )
        if created is not None:
            self.ad_text = self.company = self.role = self.location = ""
            self.notice = f"Added {created.role} at {created.company}."

    @rx.event
    @off_loop
    def move(self, application_id: str, status: str) -> None:
        """Move a card to another column."""
        self._reset()
        moved = self._apply(
            lambda db, user_id: service.move_application(
                db, user_id=user_id, application_id=application_id, status=status
            )
        )
        if moved is not None:
            label = next((s.label for s in self.statuses if s.status == status), status)
            self.notice = f"Moved {moved.company} to {label}."

    @rx.event
    @off_loop
    def set_archived(self, application_id: str, archived: bool) -> None:
        self._reset()
        changed = self._apply(
            lambda db, user_id: service.set_archived(
                db, user_id=user_id, application_id=application_id, archived=archived
            ),
            at=application_id,
        )
        if changed is not None:
            self.notice = f"{'Archived' if archived else 'Unarchived'} {changed.company}."

    @rx.event
    @off_loop
    def save_labels(self, form: dict[str, Any]) -> None:
        """Rename the board's columns (empty: the default name)."""
        self._reset()
        labels = {s.status: str(form.get(s.status, "")) for s in self.statuses}
        saved = self._apply(
            lambda db, user_id: board.set_status_labels(
                db, user_id=user_id, data={"labels": labels}
            )
        )
        if saved is not None:
            self.notice = "Saved the column names."

    @rx.event
    @off_loop
    def delete(self) -> Iterator[EventSpec | None]:
        """Delete the confirmed application and its timeline; "Undo" brings them back."""
        application_id, name = self.confirm_id, self.confirm_name
        self.set_confirm_open(False)
        self._reset()
        if not application_id or self.busy:
            return
        self.busy = True
        yield
        try:
            deleted = self._apply(
                lambda db, user_id: service.delete_application(
                    db, user_id=user_id, application_id=application_id
                )
            )
        finally:
            self.busy = False
        if deleted is not None:
            self._deleted, self.undo_name = deleted, name

    @rx.event
    @off_loop
    def undo_delete(self) -> Iterator[EventSpec | None]:
        if not self._deleted or self.busy:
            return
        deleted = self._deleted
        self._reset()
        self.busy = True
        yield
        try:
            restored = self._apply(
                lambda db, user_id: service.restore_application(
                    db, user_id=user_id, deleted=deleted
                ),
                at="create",
            )
        finally:
            self.busy = False
        if restored is not None:
            self.dismiss_undo()
            self.notice = f"Restored {restored.company}."


def _limit_notice(test_id: str) -> rx.Component:
    return limit_notice(TrackerState.error, TrackerState.upgrade_to, test_id=test_id)


def _labelled_input(label: str, name: str, **props: Any) -> rx.Component:
    return rx.vstack(
        rx.el.label(rx.text(label, size="2", weight="medium"), html_for=f"{FORM}-{name}"),
        rx.input(id=f"{FORM}-{name}", name=name, width="100%", **props),
        spacing="1",
        width="100%",
    )


def _add_form() -> rx.Component:
    return rx.form(
        rx.vstack(
            rx.heading("Add a job", as_="h2", size="4"),
            rx.el.label(
                rx.text("Paste the job advert (optional)", size="2", weight="medium"),
                html_for=f"{FORM}-ad",
            ),
            rx.text_area(
                id=f"{FORM}-ad",
                value=TrackerState.ad_text,
                on_change=TrackerState.set_ad_text,
                rows="5",
                width="100%",
                max_length=50_000,
                placeholder="The whole advert: title, company, location, what they ask for…",
            ),
            rx.button(
                rx.icon("scan-text", size=14),
                "Read the advert",
                type="button",
                variant="soft",
                size="2",
                on_click=TrackerState.read_ad,
                disabled=TrackerState.ad_text == "",
            ),
            _job_file(),
            rx.grid(
                _labelled_input(
                    "Company",
                    "company",
                    value=TrackerState.company,
                    on_change=TrackerState.set_company,
                    max_length=200,
                ),
                _labelled_input(
                    "Role",
                    "role",
                    value=TrackerState.role,
                    on_change=TrackerState.set_role,
                    max_length=200,
                ),
                _labelled_input(
                    "Location",
                    "location",
                    value=TrackerState.location,
                    on_change=TrackerState.set_location,
                    max_length=200,
                ),
                _labelled_input("Job advert URL", "job_url", type="url", max_length=500),
                _labelled_input("Salary range", "salary", max_length=100),
                _labelled_input("Source", "source", max_length=100, placeholder="LinkedIn"),
                _labelled_input("Deadline", "deadline", type="date"),
                rx.vstack(
                    rx.el.label(
                        rx.text("Status", size="2", weight="medium"), html_for=f"{FORM}-status"
                    ),
                    rx.el.select(
                        rx.foreach(
                            TrackerState.statuses,
                            lambda s: rx.el.option(s.label, value=s.status),
                        ),
                        id=f"{FORM}-status",
                        name="status",
                        style={
                            "height": "var(--space-6)",
                            "padding": "0 8px",
                            "border_radius": "var(--radius-2)",
                            "border": f"1px solid {rx.color('gray', 7)}",
                            "background": rx.color("gray", 1),
                            "color": rx.color("gray", 12),
                        },
                    ),
                    spacing="1",
                    width="100%",
                ),
                columns=rx.breakpoints(initial="1", sm="2", lg="4"),
                spacing="3",
                width="100%",
            ),
            rx.button(rx.icon("plus", size=16), "Add application", type="submit", size="3"),
            rx.cond(TrackerState.limit_at == "create", _limit_notice("application-limit")),
            spacing="3",
            width="100%",
        ),
        on_submit=TrackerState.create,
        width="100%",
    )


def _job_file() -> rx.Component:
    zone = rx.upload.root(
        rx.hstack(
            rx.icon("file-up", size=16),
            rx.text(
                "Or drop a job page saved from your browser (.html) or a JSON Resume job "
                "(.json) here, or press Enter to choose one.",
                size="2",
            ),
            spacing="2",
            align="center",
        ),
        id=UPLOAD_ID,
        accept={"text/html": [".html", ".htm"], "application/json": [".json"]},
        multiple=False,
        max_files=1,
        max_size=webpage.MAX_PAGE_BYTES,
        on_drop=TrackerState.upload_job(rx.upload_files(upload_id=UPLOAD_ID)),
        aria_label="Upload a saved job page or a JSON Resume job",
        padding="12px",
        border=f"1px dashed {rx.color('gray', 7)}",
        border_radius="var(--radius-3)",
        width="100%",
        cursor="pointer",
        data_testid="job-file",
    )
    return named_file_input(zone, "Job page (.html) or JSON Resume job (.json)")


def _move_menu(item: ApplicationCard) -> rx.Component:
    return rx.menu.root(
        rx.menu.trigger(
            rx.button(
                rx.icon("arrow-right-left", size=14),
                "Move to…",
                size="1",
                variant="soft",
                type="button",
                # The visible words first: the accessible name must contain them (WCAG 2.5.3).
                aria_label="Move to… " + item.company + " – " + item.role,
            )
        ),
        rx.menu.content(
            rx.foreach(
                TrackerState.statuses,
                lambda option: rx.menu.item(
                    option.label,
                    on_select=TrackerState.move(item.id, option.status),
                    disabled=option.status == item.status,
                ),
            )
        ),
    )


def _actions(item: ApplicationCard) -> rx.Component:
    return rx.flex(
        _move_menu(item),
        rx.button(
            rx.icon(rx.cond(item.archived, "archive-restore", "archive"), size=14),
            rx.cond(item.archived, "Unarchive", "Archive"),
            size="1",
            variant="soft",
            color_scheme="gray",
            type="button",
            on_click=TrackerState.set_archived(item.id, ~item.archived),
        ),
        rx.icon_button(
            rx.icon("trash-2", size=14),
            size="1",
            variant="soft",
            color_scheme="red",
            type="button",
            aria_label="Delete " + item.company + " – " + item.role,
            on_click=TrackerState.ask_delete(item.id, item.company + " – " + item.role),
        ),
        spacing="2",
        wrap="wrap",
    )


def _card(item: ApplicationCard) -> rx.Component:
    name = item.company + " – " + item.role
    card = rx.card(
        rx.vstack(
            rx.hstack(
                rx.link(
                    rx.text(item.role, weight="bold", size="2", class_name="cv-break"),
                    href=routes.APPLICATIONS + "/" + item.id,
                    color=rx.color("gray", 12),
                    underline="hover",
                    flex="1",
                    min_width="0",
                ),
                drag_handle("Drag to move " + name),
                align="start",
                justify="between",
                width="100%",
            ),
            rx.text(item.company, size="2", class_name="cv-break"),
            rx.cond(item.location, rx.text(item.location, size="1", color=MUTED)),
            rx.cond(item.deadline, rx.text("Deadline ", item.deadline, size="1", color=MUTED)),
            rx.cond(item.archived, rx.badge("Archived", color_scheme="gray")),
            _actions(item),
            rx.cond(TrackerState.limit_at == item.id, _limit_notice("application-unarchive-limit")),
            spacing="1",
            width="100%",
        ),
        size="1",
        width="100%",
        data_testid="application-card",
    )
    return sortable_item(card, item_id=item.id, label=name, width="100%")


def _column(column: BoardColumn) -> rx.Component:
    section = rx.el.section(
        rx.vstack(
            rx.hstack(
                rx.heading(column.label, as_="h3", size="3"),
                rx.badge(column.cards.length(), variant="soft"),
                align="center",
                spacing="2",
            ),
            rx.foreach(column.cards, _card),
            spacing="2",
            width="100%",
        ),
        aria_label=column.label,
        data_testid="board-column",
        data_status=column.status,
        height="100%",
    )
    return board_column(
        section,
        column_id=column.status,
        ids=column.cards.pluck("id"),
        title=column.label,
        style={
            "min_width": "220px",
            "flex": "1 0 220px",
            "padding": "10px",
            "border_radius": "var(--radius-3)",
            "background": rx.color("gray", 2),
        },
    )


def _board() -> rx.Component:
    return sortable_board(
        rx.foreach(TrackerState.columns, _column),
        board_id="application-board",
        # A card dropped on another column moves there, as "Move to…" does.
        on_move=lambda item_id, status, _index: TrackerState.move(item_id, status),
        display="flex",
        gap="var(--space-3)",
        width="100%",
        overflow_x="auto",
        padding_bottom="8px",
        data_testid="application-board",
    )


def _sort_header(field: str, label: str) -> rx.Component:
    return rx.table.column_header_cell(
        rx.button(
            label,
            rx.cond(
                TrackerState.sort == field,
                rx.icon(rx.cond(TrackerState.descending, "arrow-down", "arrow-up"), size=12),
            ),
            variant="ghost",
            size="1",
            type="button",
            on_click=TrackerState.sort_by(field),
        ),
        aria_sort=rx.cond(
            TrackerState.sort == field,
            rx.cond(TrackerState.descending, "descending", "ascending"),
            "none",
        ),
    )


def _table_row(item: ApplicationCard) -> rx.Component:
    return rx.table.row(
        rx.table.cell(item.company),
        rx.table.cell(
            rx.link(item.role, href=routes.APPLICATIONS + "/" + item.id, underline="hover")
        ),
        rx.table.cell(item.status_label),
        rx.table.cell(item.deadline),
        rx.table.cell(_actions(item)),
        data_testid="application-row",
    )


def _table() -> rx.Component:
    return rx.box(
        rx.table.root(
            rx.table.header(
                rx.table.row(
                    *(_sort_header(field, label) for field, label in SORTABLE),
                    rx.table.column_header_cell("Actions"),
                )
            ),
            rx.table.body(rx.foreach(TrackerState.rows, _table_row)),
            width="100%",
            variant="surface",
        ),
        overflow_x="auto",
        width="100%",
    )


def _filters() -> rx.Component:
    return rx.flex(
        rx.form(
            rx.hstack(
                rx.input(
                    name="q",
                    placeholder="Search company, role, notes…",
                    aria_label="Search applications",
                    max_length=200,
                ),
                rx.button(rx.icon("search", size=14), "Search", type="submit", variant="soft"),
                spacing="2",
            ),
            on_submit=TrackerState.search,
        ),
        rx.el.label(rx.text("Status", size="2"), html_for="status-filter"),
        rx.select.root(
            rx.select.trigger(id="status-filter", placeholder="Every status"),
            rx.select.content(
                rx.select.item("Every status", value="all"),
                rx.foreach(
                    TrackerState.statuses, lambda s: rx.select.item(s.label, value=s.status)
                ),
            ),
            value=rx.cond(TrackerState.status_filter == "", "all", TrackerState.status_filter),
            on_change=TrackerState.set_status_filter,
        ),
        rx.el.label(
            rx.hstack(
                rx.switch(
                    checked=TrackerState.show_archived,
                    on_change=TrackerState.set_show_archived,
                ),
                rx.text("Show archived", size="2"),
                spacing="2",
                align="center",
            ),
        ),
        rx.segmented_control.root(
            rx.segmented_control.item("Board", value="board"),
            rx.segmented_control.item("Table", value="table"),
            value=TrackerState.view,
            on_change=TrackerState.set_view,
            aria_label="View",
        ),
        spacing="3",
        wrap="wrap",
        align="center",
        width="100%",
    )


def _labels_form() -> rx.Component:
    return rx.el.details(
        rx.el.summary(rx.text("Rename the columns", size="2", as_="span")),
        rx.form(
            rx.flex(
                rx.foreach(
                    TrackerState.statuses,
                    lambda s: rx.input(
                        name=s.status,
                        default_value=s.label,
                        aria_label="Name of the " + s.status + " column",
                        max_length=32,
                        width="140px",
                    ),
                ),
                rx.button("Save names", type="submit", size="2", variant="soft"),
                spacing="2",
                wrap="wrap",
                padding_top="8px",
            ),
            on_submit=TrackerState.save_labels,
        ),
    )


def _delete_dialog() -> rx.Component:
    return confirm_delete(
        title="Delete this application?",
        message=(
            "“",
            TrackerState.confirm_name,
            "” and its timeline will be deleted. You can undo right after; archive it "
            "instead to keep it out of the way.",
        ),
        on_delete=TrackerState.delete,
        open=TrackerState.confirm_id != "",
        on_open_change=TrackerState.set_confirm_open,
    )


@template(
    route=routes.APPLICATIONS,
    title="Applications",
    description="The jobs you consider and apply for, from wishlist to offer.",
    on_load=TrackerState.load,
    protected=True,
)
def tracker() -> rx.Component:
    return contained(
        rx.vstack(
            rx.vstack(
                rx.heading("Applications", as_="h1", size=rx.breakpoints(initial="7", sm="8")),
                rx.text(
                    "Every job you consider, from wishlist to offer, with its advert, contacts "
                    "and what happened when.",
                    size="3",
                    color=MUTED,
                ),
                spacing="2",
            ),
            rx.card(_add_form(), size="3", width="100%"),
            rx.cond(
                TrackerState.undo_name != "",
                undo_notice(
                    "Deleted “",
                    TrackerState.undo_name,
                    "”.",
                    on_undo=TrackerState.undo_delete,
                    on_dismiss=TrackerState.dismiss_undo,
                    busy=TrackerState.busy,
                ),
            ),
            form_notice(TrackerState.notice),
            rx.cond(TrackerState.limit_at == "", form_alert(TrackerState.error)),
            _filters(),
            rx.cond(
                TrackerState.loaded,
                rx.cond(TrackerState.view == "board", _board(), _table()),
            ),
            _labels_form(),
            _delete_dialog(),
            spacing="5",
            padding_y=["24px", "40px"],
            width="100%",
        ),
    )
