"""A section's list: deleting (confirmed, then undoable) and moving items (arrows, drag)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import reflex as rx
from reflex.event import EventSpec
from sqlmodel import Session

from cvapp.domain.history import profile as profile_history
from cvapp.domain.sections import SECTIONS
from cvapp.errors import DomainError
from cvapp.state.profile.base import ProfileState
from cvapp.state.session import off_loop


class ItemListState(ProfileState):
    confirm_section: str = ""
    confirm_id: str = ""
    confirm_label: str = ""
    undo_section: str = ""
    undo_label: str = ""
    busy: bool = False
    error: str = ""
    error_section: str = ""
    # The last deleted item: its section and id (it comes back from the profile's history).
    _undo: dict[str, Any] = {}

    @rx.var
    def confirming(self) -> bool:
        return self.confirm_id != ""

    @rx.event
    def ask_delete(self, section: str, item_id: str, label: str) -> None:
        """Open the confirmation for deleting one item."""
        self.confirm_section, self.confirm_id, self.confirm_label = section, item_id, label

    @rx.event
    def set_confirm_open(self, is_open: bool) -> None:
        if not is_open:
            self.confirm_section, self.confirm_id, self.confirm_label = "", "", ""

    @rx.event
    @off_loop
    def delete(self) -> Iterator[EventSpec | None]:
        """Delete the confirmed item; keep what "Undo" needs to bring it back."""
        section, item_id, label = self.confirm_section, self.confirm_id, self.confirm_label
        self.set_confirm_open(False)
        item = self._item(section, item_id)
        if item is None or self.busy:
            return
        self.busy, self.error = True, ""
        yield
        try:
            with self._signed_in() as (db, user):
                SECTIONS[section].delete(db, user_id=user.id, item_id=item_id)
                self._refresh(db, user.id)
        except DomainError as exc:
            self.error, self.error_section = exc.message, section
            return
        finally:
            self.busy = False
        self._undo = {"section": section, "item_id": item_id}
        self.undo_section, self.undo_label = section, label

    @rx.event
    @off_loop
    def undo_delete(self) -> Iterator[EventSpec | None]:
        """Create the deleted item again, at its old place and with its old links."""
        if not self._undo or self.busy:
            return
        section, item_id = self._undo["section"], self._undo["item_id"]
        self.busy, self.error = True, ""
        yield
        try:
            with self._signed_in() as (db, user):
                self._restore(db, user.id, item_id)
                self._refresh(db, user.id)
        except DomainError as exc:
            self.error, self.error_section = f"Could not undo: {exc.message}", section
            return
        finally:
            self.busy = False
        self.dismiss_undo()

    @rx.event
    def dismiss_undo(self) -> None:
        self._undo, self.undo_section, self.undo_label = {}, "", ""

    @rx.event
    @off_loop
    def move(self, section: str, item_id: str, step: int) -> Iterator[EventSpec | None]:
        """Swap an item with its neighbour above (``step`` -1) or below (+1)."""
        ids = list(self._items.get(section, {}))
        if item_id not in ids:
            return
        index = ids.index(item_id)
        target = index + step
        if not 0 <= target < len(ids):
            return
        ids[index], ids[target] = ids[target], ids[index]
        yield from self._reorder(section, ids)

    @rx.event
    @off_loop
    def reorder(self, section: str, ids: list[str]) -> Iterator[EventSpec | None]:
        """An item was dragged: ``ids`` is the section's new order."""
        yield from self._reorder(section, ids)

    def _reorder(self, section: str, ids: list[str]) -> Iterator[EventSpec | None]:
        if section not in SECTIONS or not ids or self.busy:
            return
        self.busy, self.error = True, ""
        yield
        try:
            with self._signed_in() as (db, user):
                SECTIONS[section].reorder(db, user_id=user.id, ids=ids)
                self._refresh(db, user.id)
        except DomainError as exc:
            self.error, self.error_section = exc.message, section
        finally:
            self.busy = False

    def _restore(self, db: Session, user_id: str, item_id: str) -> None:
        """Bring the item back from the profile's history: the same id (so CVs show it
        again), its place, and its links both ways (a skill comes back in its evidence)."""
        number = profile_history.deleted_item_version(db, user_id=user_id, item_id=item_id)
        profile_history.restore(db, user_id=user_id, number=number, items=[item_id])
