"""What the AI is told about the text to improve, and where an accepted suggestion goes."""

from __future__ import annotations

from cvapp.components.ai.text_target import TextTarget
from cvapp.domain.ai.schemas import TextPlace


def test_the_context_names_the_item_the_text_belongs_to() -> None:
    bullet = TextTarget(text="x", section="projects", item_id="p1", tense="present")
    assert bullet.context() == {"kind": "bullet", "project_id": "p1", "tense": "present"}
    pasted = TextTarget(text="x", kind="summary", tense="someday", target_role=" Data engineer ")
    assert pasted.context() == {"kind": "summary", "target_role": "Data engineer"}


def test_the_place_is_the_stored_text_it_was_made_from() -> None:
    target = TextTarget(text="x", section="experiences", item_id="e1", field="description")
    assert target.place() == TextPlace(section="experiences", item_id="e1", field="description")
