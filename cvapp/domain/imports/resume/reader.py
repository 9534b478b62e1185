"""A CV file (PDF, DOCX, text) read offline into the import draft every import previews."""

from __future__ import annotations

from typing import Any

from cvapp.domain.imports.conform import conform
from cvapp.domain.imports.draft import REVIEW_BELOW, Draft, DraftItem, compact
from cvapp.domain.imports.duplicates import merge_duplicates
from cvapp.domain.imports.resume import assisted, parse
from cvapp.domain.imports.resume.layout import Row, rows_of_file, text_rows

SOURCE = "resume"


def _item(draft: Draft, section: str, data: dict[str, Any], where: str, confidence: float) -> None:
    if not data:
        return
    draft.items.append(DraftItem(section, data, where, confidence=round(confidence, 2)))
    if confidence < REVIEW_BELOW:
        draft.warn("review", f"{where}: read with low confidence; check it before applying", where)


def draft_of_rows(rows: list[Row], *, kind: str) -> Draft:
    """The draft of a CV's rows (``kind``: pdf, docx or text, for the messages)."""
    draft = Draft(source=SOURCE)
    if not rows:
        draft.warn("empty", "The file has no text")
        return draft
    found = parse.blocks(rows)
    contact_rows = [row for block in found if block.key == "contact" for row in block.rows]
    parse.header(found[0], draft, contact_rows)
    for block in found[1:]:
        where = block.heading.where if block.heading else ""
        if block.key in parse.READERS:
            for entry in parse.entries(block.rows):
                data, confidence = parse.READERS[block.key](entry)
                _item(draft, block.key, data, entry.where, confidence)
        elif block.key == "skills":
            for data in parse.skills(block.rows):
                _item(draft, "skills", data, where, 0.9)
        elif block.key == "languages":
            for data in parse.languages(block.rows):
                _item(draft, "languages", data, where, 0.9)
        elif block.key == "summary":
            draft.profile.setdefault("summary", parse.summary_text(block.rows))
        elif block.key == "interests":
            draft.profile["interests"] = parse.interests(block.rows)
        elif block.key == "other" and block.rows:
            title = block.heading.text if block.heading else "a section"
            draft.warn("not_imported", f"{where}: “{title}” is not a section cvapp knows", where)
    draft.profile = compact(draft.profile)
    merge_duplicates(draft, ("skills", "languages"), "listed twice in the file")
    conform(draft).numbered()
    if not draft.items and not draft.profile.get("summary"):
        draft.warn("nothing_found", f"No CV sections were recognised in this {kind} file")
    return draft


def read(data: bytes) -> Draft:
    """Parse a CV file (PDF, DOCX or text, told apart by their bytes); raises
    ValidationFailed for what cannot be read at all. With an AI provider configured, its
    structured reading is used where it is at least as complete, every value checked
    against the file (``assisted``)."""
    kind, rows = rows_of_file(data)
    draft = assisted.improve(draft_of_rows(rows, kind=kind), rows)
    if rows and rows[0].scanned:
        for item in draft.items:
            item.confidence = min(item.confidence, 0.6)  # a picture read by OCR: check it all
        draft.warn("ocr", "This PDF is a scan: its text was recognised (OCR); check every item")
    return draft


def inspect(data: bytes) -> Draft:
    """What the upload request checks at once: the file opens and has text."""
    rows_of_file(data)
    return Draft(source=SOURCE)


def read_text(text: str) -> Draft:
    """Parse pasted text (plain or Markdown)."""
    return draft_of_rows(text_rows(text), kind="text")
