"""How the CV looks and what it is called: template, page size, locale, one page, name, role."""

from __future__ import annotations

import reflex as rx
from reflex.event import EventSpec

from cvapp.state.cvs.editor import CvEditorState
from cvapp.state.session import off_loop

# Languages the CV's fixed words and dates come in (babel formats the dates).
LOCALES: tuple[tuple[str, str], ...] = (
    ("en", "English (US)"),
    ("en-GB", "English (UK)"),
    ("fr", "Français"),
    ("de", "Deutsch"),
    ("es", "Español"),
    ("it", "Italiano"),
    ("nl", "Nederlands"),
    ("pt", "Português"),
    ("pt-BR", "Português (Brasil)"),
)
PAGE_SIZES = ("A4", "Letter")


class CvDesignState(CvEditorState):
    @rx.event
    @off_loop
    def choose_template(self, key: str) -> EventSpec | None:
        if key == self.template:
            return None
        return self._save({"template": key})

    @rx.event
    @off_loop
    def set_page_size(self, size: str | list[str]) -> EventSpec | None:
        if size not in PAGE_SIZES or size == self.page_size:
            return None
        return self._save({"page_size": size})

    @rx.event
    @off_loop
    def set_locale(self, locale: str) -> EventSpec | None:
        if locale == self.locale:
            return None
        return self._save({"locale": locale})

    @rx.event
    @off_loop
    def set_one_page(self, one_page: bool) -> EventSpec | None:
        return self._save({"one_page": one_page})

    @rx.event
    @off_loop
    def set_title_line(self, value: str | list[str]) -> EventSpec | None:
        """Under the name: the headline, or this CV's target role."""
        if value == self.title_line or value not in ("headline", "target_role"):
            return None
        return self._save({"title_line": value})

    @rx.event
    @off_loop
    def rename(self, name: str) -> EventSpec | None:
        if name.strip() == self.name:
            return None
        return self._save({"name": name}, fields=("name",))

    @rx.event
    @off_loop
    def set_target_role(self, role: str) -> EventSpec | None:
        role = role.strip()
        if role == self.target_role:
            return None
        return self._save({"target_role": role or None}, fields=("target_role",))
