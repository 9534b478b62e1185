"""The CV's version history in the editor: every save, compared with now, restored (and the
restore undone), named. The rules are the domain's (``cvapp.domain.history``); the panel's
events are ``HistoryMixin``'s."""

from __future__ import annotations

from typing import Any

import reflex as rx
from reflex.event import EventSpec
from sqlmodel import Session

from cvapp.domain.cvs.schemas import CvView
from cvapp.domain.history import service as history
from cvapp.domain.history.schemas import RevisionSummary, RevisionView
from cvapp.state.cvs.editor import CvEditorState
from cvapp.state.history import HistoryMixin


class CvHistoryState(HistoryMixin, CvEditorState):
    @rx.event
    def tab_changed(self, tab: str | list[str]) -> EventSpec | None:
        if tab == "history":
            return CvHistoryState.load_history
        return None

    def _history_page(self, db: Session, user_id: str) -> tuple[int, list[RevisionSummary]]:
        if not self.loaded:
            return 0, []
        page = history.history(db, user_id=user_id, cv_id=self._cv_id)
        return page.kept_days, page.data

    def _history_revision(self, db: Session, user_id: str, number: int) -> RevisionView:
        return history.revision(db, user_id=user_id, cv_id=self._cv_id, number=number)

    def _history_name(self, db: Session, user_id: str, number: int, name: str | None) -> None:
        history.name_revision(db, user_id=user_id, cv_id=self._cv_id, number=number, name=name)

    def _history_restore(self, db: Session, user_id: str, number: int) -> Any:
        return history.restore(
            db,
            user_id=user_id,
            cv_id=self._cv_id,
            number=number,
            made_from=self._view.get("version"),
        )

    def _history_restored(self, db: Session, user_id: str, result: CvView) -> EventSpec | None:
        self._show(result)
        return self._changed()

    def _history_step_back(self, db: Session, user_id: str) -> tuple[int, int]:
        return history.step_back(
            db, user_id=user_id, cv_id=self._cv_id, before=self._undo_cursor or None
        )

    def _history_can_change(self) -> bool:
        return self.loaded and not self.read_only
