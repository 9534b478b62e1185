"""The CV editor's state: the version being edited, saving a change, the live preview.

Every change is one ``update_cv`` call; the answer (the CV merged with the master) replaces
what the page shows. The preview is the PDF rendered in a thread shortly after the last
change: its content hash goes into the page images' URLs, so the browser fetches new images
exactly when the CV looks different.
"""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import AsyncIterator, Mapping
from typing import Any

import reflex as rx
from reflex.event import EventSpec
from sqlmodel import Session

from cvapp.db import session_scope
from cvapp.domain.cvs import layout
from cvapp.domain.cvs import service as cvs_service
from cvapp.domain.cvs.schemas import CvView
from cvapp.domain.exports import service as exports_service
from cvapp.domain.profiles import views
from cvapp.errors import DomainError, NotFound
from cvapp.state.cvs.looks import SideRow, design_fields, side_rows
from cvapp.state.cvs.rows import (
    DroppedRow,
    SectionRow,
    TemplateCard,
    TextRow,
    dropped_rows,
    fit_note,
    section_rows,
    template_cards,
    text_rows,
)
from cvapp.state.forms import describe, limit_of
from cvapp.state.session import Caller, SessionState, off_loop, signed_in_user

# How long the preview waits after a change for the next one before it renders: short, so
# the preview follows a pause within about 300 ms (a 2-page CV renders and draws its first
# page in ~100-150 ms, bench/pdf.py); a newer change supersedes a render not yet shown.
PREVIEW_DELAY_SECONDS = 0.15
MAX_PREVIEW_PAGES = 10
UNEXPECTED = "The preview could not be drawn. Please try again in a moment."


@dataclasses.dataclass(frozen=True)
class Rendered:
    """What the preview needs of a rendered PDF."""

    digest: str
    pages: int
    dropped: list[dict[str, str]]
    fit_note: str = ""


def render_pdf(caller: Caller, cv_id: str) -> Rendered | None:
    """Render (or fetch from the cache) the caller's CV as a PDF; None when signed out."""
    with session_scope() as db:
        found = signed_in_user(db, caller)
        if found is None:
            return None
        fit = exports_service.page_fit(db, user_id=found[0].id, cv_id=cv_id)
    dropped = [{"section": d.section, "label": d.label} for d in fit.dropped]
    return Rendered(fit.digest[:20], fit.pages, dropped, fit_note(fit))


class CvEditorState(SessionState):
    loaded: bool = False
    missing: bool = False
    # The CV's id, in the preview URLs the browser loads.
    cv_key: str = ""
    name: str = ""
    target_role: str = ""
    title_line: str = "headline"
    headline_master: str = ""
    template: str = "classic"
    locale: str = "en"
    page_size: str = "A4"
    one_page: bool = False
    read_only: bool = False
    review_count: int = 0
    summary_override: str = ""
    summary_master: str = ""
    summary_review: bool = False
    sections: list[SectionRow] = []
    templates: list[TemplateCard] = []
    # The design in force (``looks.design_fields``) and the side column's choices.
    design: dict[str, str] = {}
    side_rows: list[SideRow] = []
    # The item whose texts are open for rewriting ("section:id"), and those texts.
    open_item: str = ""
    open_texts: list[TextRow] = []
    # On phones the page shows the editor or the preview ("edit" | "preview").
    pane: str = "edit"
    error: str = ""
    field_errors: dict[str, str] = {}
    # The error is a plan's limit (which one, and the plan that lifts it): the page says it
    # beside the control that hit it, with the upgrade.
    limit_kind: str = ""
    upgrade_to: str = ""
    # The preview: the rendered PDF's hash (in the image URLs), its pages, what a fit dropped.
    preview_version: str = ""
    preview_pages: int = 0
    rendering: bool = False
    shown_version: str = ""
    preview_error: str = ""
    dropped: list[DroppedRow] = []
    fit_note: str = ""
    _cv_id: str = ""
    _view: dict[str, Any] = {}
    # The master's items as JSON by section and id: the texts overrides are written against.
    _masters: dict[str, dict[str, dict[str, Any]]] = {}
    _edits: int = 0
    # Undo/redo across saves (``CvHistoryState``): the revision undo stepped back to (0: the
    # newest) and the ones redo goes forward to. A new edit starts afresh.
    _undo_cursor: int = 0
    _redo: list[int] = []
    can_redo: bool = False

    @rx.event
    def set_pane(self, pane: str | list[str]) -> None:
        self.pane = "preview" if pane == "preview" else "edit"

    @rx.var
    def template_name(self) -> str:
        return next((t.name for t in self.templates if t.key == self.template), self.template)

    @rx.var
    def preview_numbers(self) -> list[int]:
        return list(range(1, min(self.preview_pages, MAX_PREVIEW_PAGES) + 1))

    @rx.var
    def preview_busy(self) -> bool:
        """A render is due or running, or the browser has not shown its images yet."""
        return self.rendering or self.shown_version != self.preview_version

    @rx.event
    @off_loop
    def load(self) -> EventSpec | None:
        """Loader: the CV at this URL, merged with the master; then its preview."""
        self.loaded = self.missing = False
        self.error, self.field_errors, self.preview_error = "", {}, ""
        self.limit_kind = self.upgrade_to = ""
        self.open_item, self.open_texts = "", []
        cv_id = self.router.url.path.rstrip("/").rsplit("/", 1)[-1]
        with self._signed_in(quiet=True) as (db, user):
            try:
                view = cvs_service.get_cv(db, user_id=user.id, cv_id=cv_id)
                row = cvs_service.get_cv_row(db, user_id=user.id, cv_id=cv_id)
            except NotFound:
                self.missing = True
                return None
            self._read_master(db, user.id)
            self.read_only = bool(row.read_only)
            self.templates = template_cards(user.plan)
        self._forget_undo()
        if self._cv_id != cv_id:
            self.preview_version = self.shown_version = ""
            self.preview_pages, self.dropped, self.fit_note = 0, [], ""
        self._cv_id = self.cv_key = cv_id
        self._show(view)
        self.loaded = True
        return self._changed(delay=0)

    def _read_master(self, db: Session, user_id: str) -> None:
        profile = views.my_profile(db, user_id=user_id)
        self._masters = {
            key: {item.id: item.model_dump(mode="json") for item in items}
            for key, items in layout.master_items(profile).items()
        }
        self.summary_master = profile.summary or ""
        self.headline_master = profile.headline or ""

    def _show(self, view: CvView) -> None:
        """Show ``view`` (the CV as the service answered it)."""
        self._view = view.model_dump(mode="json")
        self.name, self.target_role = view.name, view.target_role or ""
        self.title_line = view.title_line
        self.template, self.locale, self.page_size = view.template, view.locale, view.page_size
        self.one_page, self.review_count = view.one_page, view.review_count
        self.summary_override = view.summary_override or ""
        self.summary_review = view.summary_review
        self.sections = section_rows(view, self._masters)
        self.design, self.side_rows = design_fields(view), side_rows(view)
        if self.open_item:
            self._open(*self.open_item.split(":", 1))

    def _cv(self) -> CvView:
        return CvView.model_validate(self._view)

    def _open(self, section: str, item_id: str) -> None:
        """Show the texts of one item (closed when it left the CV)."""
        item = next((i for i in self._cv().items.get(section, []) if i.id == item_id), None)
        master = self._masters.get(section, {}).get(item_id)
        if item is None or master is None:
            self.open_item, self.open_texts = "", []
            return
        self.open_item, self.open_texts = f"{section}:{item_id}", text_rows(section, item, master)

    def _save(
        self, changes: Mapping[str, Any], *, fields: tuple[str, ...] = ()
    ) -> EventSpec | None:
        """PATCH the CV with ``changes``; show the answer, and the preview shortly after."""
        self.error, self.field_errors, self.limit_kind, self.upgrade_to = "", {}, "", ""
        self._forget_undo()
        try:
            with self._signed_in() as (db, user):
                # made from the version shown: a change made meanwhile elsewhere is not lost
                made_from = {"version": self._view.get("version")}
                view = cvs_service.update_cv(
                    db, user_id=user.id, cv_id=self._cv_id, changes={**changes, **made_from}
                )
        except DomainError as exc:
            self.error, self.field_errors = describe(exc, fields=fields)
            self.limit_kind, self.upgrade_to = limit_of(exc)
            return None
        self._show(view)
        return self._changed()

    def _forget_undo(self) -> None:
        self._undo_cursor, self._redo, self.can_redo = 0, [], False

    def _acknowledge(self, **where: str) -> EventSpec | None:
        """Keep rewrites although their master text changed (see ``acknowledge_review``)."""
        self.error = ""
        try:
            with self._signed_in() as (db, user):
                view = cvs_service.acknowledge_review(
                    db, user_id=user.id, cv_id=self._cv_id, **where
                )
        except DomainError as exc:
            self.error = describe(exc, fields=())[0]
            return None
        self._show(view)
        return None

    def _changed(self, delay: float = PREVIEW_DELAY_SECONDS) -> EventSpec:
        """Schedule the preview's render; a later change supersedes this one."""
        self._edits += 1
        self.rendering, self.preview_error = True, ""
        return CvEditorState.render_preview(self._edits, delay)

    @rx.event(background=True)
    async def render_preview(self, edit: int, delay: float) -> AsyncIterator[EventSpec | None]:
        """Render the PDF once no change came for ``delay`` seconds; show its pages."""
        await asyncio.sleep(delay)
        async with self:
            if edit != self._edits:
                return
            caller, cv_id = self._caller(), self._cv_id
        rendered: Rendered | None = None
        error = UNEXPECTED  # kept if the render raises anything else (logged by Reflex)
        try:
            rendered = await asyncio.to_thread(render_pdf, caller, cv_id)
            error = ""
        except DomainError as exc:  # e.g. the leak check found a client's real name
            error = describe(exc, fields=())[0]
        finally:
            async with self:
                lost = self._rendered(edit, rendered, error)
        if lost is not None:
            yield lost

    def _rendered(self, edit: int, rendered: Rendered | None, error: str) -> EventSpec | None:
        """Show a finished render, unless a newer change is already on its way."""
        if edit != self._edits:
            return None
        self.rendering, self.preview_error = False, error
        if error:
            return None
        if rendered is None:
            return self._session_lost()
        self.preview_version, self.preview_pages = rendered.digest, rendered.pages
        self.dropped, self.fit_note = dropped_rows(rendered.dropped), rendered.fit_note
        return None

    @rx.event
    def page_shown(self, version: str) -> None:
        """The browser has drawn the first page image of ``version``."""
        self.shown_version = version

    @rx.event
    @off_loop
    def page_failed(self, version: str) -> EventSpec | None:
        """A page image did not load: the session may have expired."""
        if version != self.preview_version:
            return None
        self._signed_in_user()
        self.shown_version = version
        self.preview_error = "The preview could not be loaded. Reload the page to try again."
        return None
