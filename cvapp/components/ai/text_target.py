"""Which text of the profile an improvement is for, as the dialogs that show it need to know.

Writing an accepted suggestion back is the domain's rule (``cvapp.domain.ai.accept``); a
target names the place it goes through ``place``.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from cvapp.domain.ai.schemas import TextPlace

KINDS = ("bullet", "summary", "description")


@dataclasses.dataclass
class TextTarget:
    """A text to improve; ``section`` "" means nowhere to save (the suggestion is copied)."""

    text: str = ""
    kind: str = "bullet"  # bullet | summary | description
    section: str = ""
    item_id: str = ""
    field: str = ""
    index: int = -1  # the bullet's position in ``field``; -1 for a whole field
    channel: str = ""  # which dialog of the page shows it
    tense: str = ""  # past | present; "" lets the item's dates decide
    target_role: str = ""

    def context(self) -> dict[str, Any]:
        """What ``ai.optimize_text`` is told about where the text lives."""
        context: dict[str, Any] = {"kind": self.kind if self.kind in KINDS else "bullet"}
        if self.section == "experiences" and self.item_id:
            context["experience_id"] = self.item_id
        if self.section == "projects" and self.item_id:
            context["project_id"] = self.item_id
        if self.tense in ("past", "present"):
            context["tense"] = self.tense
        if self.target_role.strip():
            context["target_role"] = self.target_role.strip()[:200]
        return context

    def place(self) -> TextPlace:
        """Where an accepted suggestion is stored."""
        return TextPlace(
            section=self.section, item_id=self.item_id, field=self.field, index=self.index
        )
