"""The version-history panel's state (the CV editor's and the profile editor's): what it
lists, and its events (compare, restore, undo/redo, name) over hooks each editor fills in."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

import reflex as rx
from reflex.event import EventSpec
from sqlmodel import Session

from cvapp.db import session_scope
from cvapp.domain.history.schemas import RevisionSummary, RevisionView
from cvapp.errors import DomainError
from cvapp.models import User
from cvapp.state.forms import describe
from cvapp.state.session import off_loop

_ACTORS = {
    "api_key": "API key",
    "restore": "Restore",
    "system": "cvapp",
    "import": "Import",
    "ai": "AI suggestion",
}


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


class HistoryMixin(rx.State, mixin=True):
    """The history panel's vars and events, shared by the CV and the profile editors.

    A state using it keeps ``_undo_cursor`` (where Undo walks back from), ``_redo`` and
    ``can_redo``, and says how to read and restore its subject through the hooks below."""

    revisions: list[RevisionRow] = []
    kept_days: int = 0
    history_loading: bool = False
    history_error: str = ""
    history_notice: str = ""
    compared: int = 0
    differences: list[DifferenceRow] = []
    restoring: int = 0
    undo_notice: str = ""

    if TYPE_CHECKING:  # given by the SessionState subclass the mixin is mixed into
        _redo: list[int]

        def _check(self, db: Session) -> User | None: ...

        @contextmanager
        def _signed_in(self, *, quiet: bool = False) -> Iterator[tuple[Session, User]]: ...

    # -- hooks -------------------------------------------------------------------------------

    def _history_page(self, db: Session, user_id: str) -> tuple[int, list[RevisionSummary]]:
        """``(days kept, newest revisions first)``."""
        raise NotImplementedError

    def _history_revision(self, db: Session, user_id: str, number: int) -> RevisionView:
        raise NotImplementedError

    def _history_name(self, db: Session, user_id: str, number: int, name: str | None) -> None:
        raise NotImplementedError

    def _history_restore(self, db: Session, user_id: str, number: int) -> Any:
        """Restore ``number`` (committed when the session ends)."""
        raise NotImplementedError

    def _history_restored(self, db: Session, user_id: str, result: Any) -> EventSpec | None:
        """Show the restored subject (after the restore committed)."""
        raise NotImplementedError

    def _history_step_back(self, db: Session, user_id: str) -> tuple[int, int]:
        """``(from, to)`` of one Undo from ``_undo_cursor`` (0: the newest)."""
        raise NotImplementedError

    def _history_can_change(self) -> bool:
        return True

    # -- events ------------------------------------------------------------------------------

    def _list(self, db: Session, user_id: str) -> None:
        self.kept_days, entries = self._history_page(db, user_id)
        self.revisions = [revision_row(entry) for entry in entries]

    @rx.event
    def reset_history(self) -> None:
        """Loader: a fresh page starts with nothing to redo or compare."""
        self.revisions, self.differences = [], []
        self.compared = self.restoring = 0
        self.history_notice = self.history_error = self.undo_notice = ""

    @rx.event
    @off_loop
    def load_history(self) -> EventSpec | None:
        """The revisions, newest first (when the History tab opens)."""
        self.history_error = ""
        self.history_loading = True
        try:
            with self._signed_in() as (db, user):
                self._list(db, user.id)
        except DomainError as exc:
            self.history_error = describe(exc, fields=())[0]
        finally:
            self.history_loading = False
        if self.compared and all(row.number != self.compared for row in self.revisions):
            self.compared, self.differences = 0, []
        return None

    @rx.event
    @off_loop
    def compare(self, number: int) -> EventSpec | None:
        """What differs between version ``number`` and now."""
        self.history_error = ""
        if self.compared == number:
            self.compared, self.differences = 0, []
            return None
        try:
            with self._signed_in() as (db, user):
                found = self._history_revision(db, user.id, number)
        except DomainError as exc:
            self.history_error = describe(exc, fields=())[0]
            return None
        self.compared = number
        self.differences = [DifferenceRow(label=d.label) for d in found.differences]
        return None

    @rx.event
    @off_loop
    def restore(self, number: int) -> EventSpec | None:
        """Put the subject back as it was at ``number``; Undo takes it back."""
        self._undo_cursor, self._redo, self.can_redo = 0, [], False
        done, shown = self._restore(number)
        if done:
            self.history_notice = (
                f"Restored version {number}. It shows everywhere now; Undo above (Ctrl+Z) "
                "takes it back."
            )
        return shown

    def _restore(self, number: int) -> tuple[bool, EventSpec | None]:
        self.history_error, self.history_notice = "", ""
        self.restoring = number
        try:
            with session_scope() as db:
                user = self._check(db)
                if user is None:
                    return False, None
                result = self._history_restore(db, user.id, number)
            with session_scope() as db:  # a restore's own revision is written at commit
                self._list(db, user.id)
                shown = self._history_restored(db, user.id, result)
        except DomainError as exc:
            self.history_error = describe(exc, fields=())[0]
            return False, None
        finally:
            self.restoring = 0
        self.compared, self.differences = 0, []
        return True, shown

    @rx.event
    @off_loop
    def undo(self) -> EventSpec | None:
        """Back one saved step (Ctrl/Cmd+Z): as it was before the last change."""
        self.undo_notice = ""
        if not self._history_can_change():
            return None
        with self._signed_in() as (db, user):
            cursor, target = self._history_step_back(db, user.id)
        if not target:
            self.undo_notice = "Nothing to undo: this is the oldest version kept."
            return None
        redo = [*self._redo, cursor]
        done, shown = self._restore(target)
        if not done:
            self.undo_notice = self.history_error
            return None
        self._undo_cursor, self._redo, self.can_redo = target, redo, True
        self.undo_notice = f"Undone: back to version {target}."
        return shown

    @rx.event
    @off_loop
    def redo(self) -> EventSpec | None:
        """Forward again after an undo (Ctrl/Cmd+Shift+Z)."""
        self.undo_notice = ""
        if not self._redo or not self._history_can_change():
            return None
        target = self._redo[-1]
        done, shown = self._restore(target)
        if not done:
            self.undo_notice = self.history_error
            return None
        self._redo = self._redo[:-1]
        self._undo_cursor, self.can_redo = target, bool(self._redo)
        self.undo_notice = f"Redone: version {target} again."
        return shown

    @rx.event
    @off_loop
    def name_version(self, form: dict[str, Any]) -> EventSpec | None:
        """Name the compared version ("sent to Acme")."""
        self.history_error, self.history_notice = "", ""
        number = self.compared
        name = str(form.get("name", "")).strip()
        if not number:
            return None
        try:
            with self._signed_in() as (db, user):
                self._history_name(db, user.id, number, name or None)
                self._list(db, user.id)
        except DomainError as exc:
            self.history_error = describe(exc, fields=())[0]
            return None
        self.history_notice = (
            f"Version {number} is named “{name}”." if name else f"Version {number} has no name."
        )
        return None
