"""What a list page's state shares (the CVs, the job applications): run a domain change for
the signed-in user and list again, say what the domain refused (a plan limit beside the
control that hit it), and the delete confirmation with its undo."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import reflex as rx
from sqlmodel import Session

from cvapp.db import session_scope
from cvapp.errors import DomainError
from cvapp.state.forms import describe, limit_of

T = TypeVar("T")


class ListPageState(rx.State, mixin=True):
    """Mixed into a ``SessionState`` page state that defines ``_list(db, user_id)``."""

    busy: bool = False
    error: str = ""
    # A plan's limit, said beside the control that hit it ("create", an item's id…).
    limit_at: str = ""
    upgrade_to: str = ""
    notice: str = ""
    confirm_id: str = ""
    confirm_name: str = ""
    # The last deleted item: its name for the undo bar, and what restoring it needs.
    undo_name: str = ""
    _deleted: dict[str, Any] = {}

    def _list(self, db: Session, user_id: str) -> None:
        raise NotImplementedError

    def _failed(self, exc: DomainError, *, at: str = "") -> None:
        self.error = describe(exc, fields=())[0]
        limit, self.upgrade_to = limit_of(exc)
        self.limit_at = at if limit else ""

    def _reset(self) -> None:
        self.error, self.limit_at, self.upgrade_to, self.notice = "", "", "", ""

    def _apply(self, act: Callable[[Session, str], T], *, at: str = "") -> T | None:
        """``act(db, user_id)`` for the signed-in user, then the list again; None when the
        user is not signed in (any more) or the domain refused (its message is shown)."""
        try:
            with session_scope() as db:
                user = self._check(db)
                if user is None:
                    return None
                result = act(db, user.id)
                self._list(db, user.id)
        except DomainError as exc:
            self._failed(exc, at=at)
            return None
        return result

    @rx.event
    def ask_delete(self, item_id: str, name: str) -> None:
        self.confirm_id, self.confirm_name = item_id, name

    @rx.event
    def set_confirm_open(self, is_open: bool) -> None:
        if not is_open:
            self.confirm_id = self.confirm_name = ""

    @rx.event
    def dismiss_undo(self) -> None:
        self._deleted, self.undo_name = {}, ""
