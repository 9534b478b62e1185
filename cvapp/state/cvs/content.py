"""What the CV shows: sections and items on/off and in order, rewritten texts, hidden bullets."""

from __future__ import annotations

import reflex as rx
from reflex.event import EventSpec

from cvapp.domain.cvs import ordering
from cvapp.domain.cvs import service as cvs_service
from cvapp.errors import DomainError
from cvapp.state.cvs.editor import CvEditorState
from cvapp.state.cvs.rows import entry, moved, sections_body, with_bullet, with_text
from cvapp.state.session import off_loop


class CvContentState(CvEditorState):
    # The section whose items are listed (one at a time keeps the page short).
    open_section: str = "experiences"

    @rx.event
    def toggle_section_items(self, key: str) -> None:
        self.open_section = "" if self.open_section == key else key

    @rx.event
    @off_loop
    def show_section(self, key: str, visible: bool) -> EventSpec | None:
        changes = {key: {"visible": visible}}
        return self._save({"sections": sections_body(self._cv(), changes=changes)})

    @rx.event
    @off_loop
    def move_section(self, key: str, step: int) -> EventSpec | None:
        return self._order_sections(moved([s.key for s in self._cv().sections], key, step))

    @rx.event
    @off_loop
    def reorder_sections(self, keys: list[str]) -> EventSpec | None:
        """A section was dragged: ``keys`` is the new order."""
        return self._order_sections(keys)

    def _order_sections(self, keys: list[str] | None) -> EventSpec | None:
        if not keys:
            return None
        try:
            changes = ordering.section_order_changes(self._cv(), keys)
        except DomainError as exc:
            self.error = exc.message
            return None
        return self._save(changes)

    @rx.event
    @off_loop
    def rename_section(self, key: str, title: str) -> EventSpec | None:
        """Give a section its own heading in this CV ("" goes back to the default)."""
        title = title.strip()
        current = next((s.title or "" for s in self._cv().sections if s.key == key), None)
        if current is None or title == current:
            return None
        changes = {key: {"title": title or None}}
        return self._save({"sections": sections_body(self._cv(), changes=changes)})

    # -- items --------------------------------------------------------------------------

    def _entries(self, section: str) -> list[dict]:
        return [entry(item) for item in self._cv().items.get(section, [])]

    def _save_items(self, section: str, entries: list[dict]) -> EventSpec | None:
        ordered = [{**e, "order": index} for index, e in enumerate(entries)]
        return self._save({"items": {section: ordered}})

    @rx.event
    @off_loop
    def show_item(self, section: str, item_id: str, visible: bool) -> EventSpec | None:
        try:
            changes = cvs_service.item_visibility_changes(
                self._cv(), section=section, item_id=item_id, visible=visible
            )
        except DomainError as exc:
            self.error = exc.message
            return None
        return self._save(changes)

    @rx.event
    @off_loop
    def move_item(self, section: str, item_id: str, step: int) -> EventSpec | None:
        return self._order_items(
            section, moved([e["id"] for e in self._entries(section)], item_id, step)
        )

    @rx.event
    @off_loop
    def reorder_items(self, section: str, ids: list[str]) -> EventSpec | None:
        """An item was dragged within ``section``: ``ids`` is the new order."""
        return self._order_items(section, ids)

    def _order_items(self, section: str, ids: list[str] | None) -> EventSpec | None:
        if not ids:
            return None
        try:
            changes = ordering.item_order_changes(self._cv(), section=section, ids=ids)
        except DomainError as exc:
            self.error = exc.message
            return None
        return self._save(changes)

    @rx.event
    def toggle_item_texts(self, section: str, item_id: str) -> None:
        """Open (or close) the rewritable texts of one item."""
        if self.open_item == f"{section}:{item_id}":
            self.open_item, self.open_texts = "", []
        else:
            self._open(section, item_id)

    def _change_open(self, change) -> EventSpec | None:  # type: ignore[no-untyped-def]
        if not self.open_item:
            return None
        section, item_id = self.open_item.split(":", 1)
        entries = [change(e) if e["id"] == item_id else e for e in self._entries(section)]
        return self._save_items(section, entries)

    def _master_text(self, path: str) -> str:
        return next((t.master for t in self.open_texts if t.path == path), "")

    @rx.event
    @off_loop
    def rewrite(self, path: str, text: str) -> EventSpec | None:
        """Rewrite one text of the open item ("" or the master's text removes the rewrite)."""
        current = next((t.value for t in self.open_texts if t.path == path), None)
        if current is None or text.strip() == current:
            return None
        master = self._master_text(path)
        return self._change_open(lambda e: with_text(e, path, text, master))

    @rx.event
    @off_loop
    def use_master_text(self, path: str) -> EventSpec | None:
        return self._change_open(lambda e: with_text(e, path, "", ""))

    @rx.event
    @off_loop
    def show_bullet(self, path: str, shown: bool) -> EventSpec | None:
        return self._change_open(lambda e: with_bullet(e, path, shown=shown))

    @rx.event
    @off_loop
    def keep_rewrite(self, path: str) -> EventSpec | None:
        """Keep a rewrite although the master text changed (clears its review flag)."""
        if not self.open_item:
            return None
        section, item_id = self.open_item.split(":", 1)
        return self._acknowledge(section=section, item_id=item_id, path=path)

    # -- the summary ----------------------------------------------------------------------

    @rx.event
    @off_loop
    def rewrite_summary(self, text: str) -> EventSpec | None:
        text = text.strip()
        if text == self.summary_override:
            return None
        override = text if text and text != self.summary_master.strip() else None
        return self._save({"summary_override": override})

    @rx.event
    @off_loop
    def use_master_summary(self) -> EventSpec | None:
        return self._save({"summary_override": None})

    @rx.event
    @off_loop
    def keep_summary(self) -> EventSpec | None:
        return self._acknowledge(section="summary")
