"""The CV's design beyond its template: colour, fonts, sizes, styles, photo, dates, side column.

Each change saves one design key (``update_cv`` with ``{"design": {key: value}}``), like the
editor's other fields, and the preview follows. A colour too light to read on white is not
sent: the form says why and offers the nearest darker shade (the same rule as the API's).
"""

from __future__ import annotations

from typing import Any

import reflex as rx
from reflex.event import EventSpec

from cvapp.domain.cvs import design
from cvapp.state.cvs.editor import CvEditorState
from cvapp.state.session import off_loop

FONTCHOICES = [(f.key, f.name) for f in design.FONT_PAIRINGS]
PRESETS = [(p.key, p.name, p.hex) for p in design.ACCENT_PRESETS]
CHOICES: dict[str, dict[str, str]] = {
    "font": dict(FONTCHOICES),
    "density": design.DENSITIES,
    "section_titles": design.TITLE_STYLES,
    "header": design.HEADER_LAYOUTS,
    "photo_shape": design.PHOTO_SHAPES,
    "date_format": design.DATE_FORMATS,
}
_RANGES = {
    "size_pt": (design.MIN_SIZE_PT, design.MAX_SIZE_PT),
    "margin_mm": (design.MIN_MARGIN_MM, design.MAX_MARGIN_MM),
}


class CvLookState(CvEditorState):
    # A colour picked but not saved (too light), why, and the darker shade offered instead.
    accent_problem: str = ""
    accent_suggestion: str = ""

    def _save_design(self, key: str, value: Any) -> EventSpec | None:
        return self._save({"design": {key: value}}, fields=(f"design.{key}",))

    @rx.event
    @off_loop
    def set_accent(self, value: str) -> EventSpec | None:
        """A preset or the picker's colour: saved when it reads on white."""
        return self._set_accent(value)

    def _set_accent(self, value: str) -> EventSpec | None:
        try:
            colour = design.normalized_hex(value)
        except ValueError as exc:
            self.accent_problem, self.accent_suggestion = str(exc), ""
            return None
        ratio = design.contrast_on_white(colour)
        if ratio < design.MIN_CONTRAST:
            self.accent_suggestion = design.darkened(colour)
            self.accent_problem = (
                f"{colour} is too light to read on white paper (contrast {ratio}:1; text "
                f"needs {design.MIN_CONTRAST}:1). It was not applied."
            )
            return None
        self.accent_problem = self.accent_suggestion = ""
        if colour == self.design.get("accent") and self.design.get("chosen_accent"):
            return None
        return self._save_design("accent", colour)

    @rx.event
    @off_loop
    def use_suggestion(self) -> EventSpec | None:
        return self._set_accent(self.accent_suggestion) if self.accent_suggestion else None

    @rx.event
    @off_loop
    def choose(self, key: str, value: str) -> EventSpec | None:
        """A select of the form: a choice, or "" for the template's own."""
        if key not in CHOICES or (value and value not in CHOICES[key]):
            return None
        if value == self.design.get(key, ""):
            return None
        return self._save_design(key, value or None)

    @rx.event
    @off_loop
    def set_number(self, key: str, value: str) -> EventSpec | None:
        """Text size or margins, typed (the field's range is checked by the domain)."""
        if key not in _RANGES or value.strip() == self.design.get(key, ""):
            return None
        try:
            number = round(float(value.replace(",", ".")), 1)
        except ValueError:
            number = None
        return self._save_design(key, number if number is not None else value)

    @rx.event
    @off_loop
    def set_photo(self, shown: bool) -> EventSpec | None:
        return self._save_design("photo", None if shown else False)

    @rx.event
    @off_loop
    def toggle_side(self, key: str, checked: bool) -> EventSpec | None:
        """Put a section in the side column of a two-column template, or take it out."""
        rows = [row.key for row in self.side_rows if (row.checked or row.key == key)]
        side = [k for k in rows if k != key or checked]
        return self._save_design("side_sections", side)

    @rx.event
    @off_loop
    def use_template_design(self) -> EventSpec | None:
        """Everything back to the template's own design (undo brings it back)."""
        self.accent_problem = self.accent_suggestion = ""
        return self._save({"design": None})
