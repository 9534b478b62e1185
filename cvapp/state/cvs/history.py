"""The CV's version history in the editor: every save, compared with now, restored (and the
restore undone), named. The rules are the domain's (``cvapp.domain.history``)."""

from __future__ import annotations

import dataclasses
from typing import Any

import reflex as rx
from reflex.event import EventSpec
from sqlmodel import Session

from cvapp.db import session_scope
from cvapp.domain.history import service as history
from cvapp.domain.history.schemas import RevisionSummary
from cvapp.errors import DomainError
from cvapp.state.cvs.editor import CvEditorState
from cvapp.state.forms import describe

_ACTORS = {"api_key": "API key", "restore": "Restore", "system": "cvapp"}


@dataclasses.dataclass
class RevisionRow:
    number: int = 0
    label: str = ""
    when: str = ""
    action: str = ""
    actor: str = ""  # "" for the user in the app
    name: str = ""
    current: bool = False


@dataclasses.dataclass
class DifferenceRow:
    label: str = ""


def revision_row(entry: RevisionSummary) -> RevisionRow:
    return RevisionRow(
        number=entry.number,
        label=entry.label,
        when=f"{entry.created_at:%d %b %Y, %H:%M} UTC",
        action=entry.action,
        actor=_ACTORS.get(entry.actor, ""),
        name=entry.name or "",
        current=entry.current,
    )


class CvHistoryState(CvEditorState):
    revisions: list[RevisionRow] = []
    kept_days: int = 0
    history_loading: bool = False
    history_error: str = ""
    history_notice: str = ""
    compared: int = 0
    differences: list[DifferenceRow] = []
    restoring: int = 0
    undo_notice: str = ""

    def _list(self, db: Session, user_id: str) -> None:
        page = history.history(db, user_id=user_id, cv_id=self._cv_id)
        self.kept_days = page.kept_days
        self.revisions = [revision_row(entry) for entry in page.data]

    @rx.event
    def reset_history(self) -> None:
        """Loader: another CV (or this one again) starts with nothing to undo or compare."""
        self.revisions, self.differences = [], []
        self.compared = self.restoring = 0
        self.history_notice = self.history_error = self.undo_notice = ""

    @rx.event
    def load_history(self) -> EventSpec | None:
        """The CV's revisions, newest first (when the History tab opens)."""
        self.history_error = ""
        if not self.loaded:
            self.revisions = []
            return None
        self.history_loading = True
        try:
            with session_scope() as db:
                user = self._check(db)
                if user is None:
                    return self._session_lost()
                self._list(db, user.id)
        except DomainError as exc:
            self.history_error = describe(exc, fields=())[0]
        finally:
            self.history_loading = False
        if self.compared and all(row.number != self.compared for row in self.revisions):
            self.compared, self.differences = 0, []
        return None

    @rx.event
    def tab_changed(self, tab: str | list[str]) -> EventSpec | None:
        if tab == "history":
            return CvHistoryState.load_history
        return None

    @rx.event
    def compare(self, number: int) -> EventSpec | None:
        """What differs between version ``number`` and the CV now."""
        self.history_error = ""
        if self.compared == number:
            self.compared, self.differences = 0, []
            return None
        try:
            with session_scope() as db:
                user = self._check(db)
                if user is None:
                    return self._session_lost()
                found = history.revision(db, user_id=user.id, cv_id=self._cv_id, number=number)
        except DomainError as exc:
            self.history_error = describe(exc, fields=())[0]
            return None
        self.compared = number
        self.differences = [DifferenceRow(label=d.label) for d in found.differences]
        return None

    @rx.event
    def restore(self, number: int) -> EventSpec | None:
        """Put the CV back as it was at ``number``; offer to undo it."""
        self._forget_undo()
        return self._restore(number)

    def _restore(self, number: int) -> EventSpec | None:
        self.history_error, self.history_notice = "", ""
        self.restoring = number
        try:
            with session_scope() as db:
                user = self._check(db)
                if user is None:
                    return self._session_lost()
                view = history.restore(
                    db,
                    user_id=user.id,
                    cv_id=self._cv_id,
                    number=number,
                    made_from=self._view.get("version"),
                )
                self._list(db, user.id)
        except DomainError as exc:
            self.history_error = describe(exc, fields=())[0]
            return None
        finally:
            self.restoring = 0
        self._show(view)
        self.compared, self.differences = 0, []
        self.history_notice = (
            f"Restored version {number}. The CV and its preview show it now; Undo above "
            "(Ctrl+Z) takes it back."
        )
        return self._changed()

    @rx.event
    def undo(self) -> EventSpec | None:
        """Back one saved step (Ctrl/Cmd+Z): the CV as it was before its last change."""
        self.undo_notice = ""
        if not self.loaded or self.read_only:
            return None
        with session_scope() as db:
            user = self._check(db)
            if user is None:
                return self._session_lost()
            cursor, target = history.step_back(
                db, user_id=user.id, cv_id=self._cv_id, before=self._undo_cursor or None
            )
        if not target:
            self.undo_notice = "Nothing to undo: this is the CV as it was created."
            return None
        redo = [*self._redo, cursor]
        result = self._restore(target)
        if self.history_error:
            self.undo_notice = self.history_error
            return None
        self._undo_cursor, self._redo, self.can_redo = target, redo, True
        self.history_notice = ""
        self.undo_notice = f"Undone: back to version {target}."
        return result

    @rx.event
    def redo(self) -> EventSpec | None:
        """Forward again after an undo (Ctrl/Cmd+Shift+Z)."""
        self.undo_notice = ""
        if not self._redo or self.read_only:
            return None
        target = self._redo[-1]
        result = self._restore(target)
        if self.history_error:
            self.undo_notice = self.history_error
            return None
        self._redo = self._redo[:-1]
        self._undo_cursor, self.can_redo = target, bool(self._redo)
        self.history_notice = ""
        self.undo_notice = f"Redone: version {target} again."
        return result

    @rx.event
    def name_version(self, form: dict[str, Any]) -> EventSpec | None:
        """Name the compared version ("sent to Acme"): kept while the CV exists."""
        self.history_error, self.history_notice = "", ""
        number = self.compared
        name = str(form.get("name", "")).strip()
        if not number:
            return None
        try:
            with session_scope() as db:
                user = self._check(db)
                if user is None:
                    return self._session_lost()
                history.name_revision(
                    db, user_id=user.id, cv_id=self._cv_id, number=number, name=name or None
                )
                self._list(db, user.id)
        except DomainError as exc:
            self.history_error = describe(exc, fields=())[0]
            return None
        self.history_notice = (
            f"Version {number} is named “{name}”." if name else f"Version {number} has no name."
        )
        return None
