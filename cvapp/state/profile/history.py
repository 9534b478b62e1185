"""The profile's version history in the editor: every save, import and accepted AI suggestion,
compared with now, restored (and the restore undone), named; Undo / Redo across saves. The
rules are the domain's (``cvapp.domain.history.profile``); the panel's events are
``HistoryMixin``'s."""

from __future__ import annotations

from typing import Any

from reflex.event import EventSpec
from sqlmodel import Session

from cvapp.domain.history import profile as history
from cvapp.domain.history.schemas import RevisionSummary, RevisionView
from cvapp.state.history import HistoryMixin
from cvapp.state.profile.base import ProfileState


class ProfileHistoryState(HistoryMixin, ProfileState):
    can_redo: bool = False
    read_only: bool = False  # the panel is shared with the CV editor, where a CV may be locked
    _undo_cursor: int = 0
    _redo: list[int] = []
    # The newest revision after our last restore: a save made since (in any section's form)
    # makes the next Undo start from the newest again.
    _undo_at: int = 0

    def _history_page(self, db: Session, user_id: str) -> tuple[int, list[RevisionSummary]]:
        page = history.history(db, user_id=user_id)
        return page.kept_days, page.data

    def _history_revision(self, db: Session, user_id: str, number: int) -> RevisionView:
        return history.revision(db, user_id=user_id, number=number)

    def _history_name(self, db: Session, user_id: str, number: int, name: str | None) -> None:
        history.name_revision(db, user_id=user_id, number=number, name=name)

    def _history_restore(self, db: Session, user_id: str, number: int) -> Any:
        return history.restore(db, user_id=user_id, number=number)

    def _history_restored(self, db: Session, user_id: str, result: Any) -> EventSpec | None:
        self._refresh(db, user_id, basics=True)
        self._undo_at = history.latest_number(db, user_id=user_id)
        return None

    def _history_step_back(self, db: Session, user_id: str) -> tuple[int, int]:
        if history.latest_number(db, user_id=user_id) != self._undo_at:
            self._undo_cursor, self._redo = 0, []
        return history.step_back(db, user_id=user_id, before=self._undo_cursor or None)
