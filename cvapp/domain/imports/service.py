"""Imports as a UI or a route calls them: start (upload), preview, apply.

    batch, job = tasks.start_linkedin_import(session, user_id=…, filename=…, data=…)
    # the job ("imports.parse") reads the file; then:
    service.get_preview(session, user_id=…, import_id=batch.id)
    service.apply(session, user_id=…, import_id=batch.id, decisions=[{item_ref, action}])

Starting checks the upload at once (size, ZIP or JSON, expected files and columns, schema)
and raises a DomainError saying what was expected; nothing is stored then.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any, Literal

from sqlmodel import Session

from cvapp.domain.imports import applying, limits, undoing
from cvapp.domain.imports.impact import impact
from cvapp.domain.imports.readers import READERS
from cvapp.domain.imports.views import import_public
from cvapp.errors import NotFound, PayloadTooLarge, ValidationFailed
from cvapp.models import ImportBatch

Source = Literal["linkedin", "jsonresume", "resume"]
Upload = tuple[str, bytes]
"""A file as uploaded: its name and its bytes."""


def clean_filename(filename: str | None, source: str) -> str:
    name = re.split(r"[\\/]", filename or "")[-1]
    name = "".join(c for c in name if c.isprintable()).strip()[:200]
    default = {"linkedin": "linkedin-export.zip", "jsonresume": "resume.json"}
    return name or default.get(source, "cv")


def check_upload(*, source: Source, filename: str | None, data: bytes) -> None:
    """Raise a DomainError when the file cannot be imported (what was expected, and why)."""
    if source not in READERS:
        raise ValidationFailed.field("source", "Use linkedin, jsonresume or resume")
    if len(data) > limits.MAX_UPLOAD_BYTES:
        raise PayloadTooLarge(
            f"{clean_filename(filename, source)} is larger than "
            f"{limits.MAX_UPLOAD_BYTES // limits.MB} MB"
        )
    READERS[source].inspect(data)


PASTED_NAME = "pasted.txt"


def pasted_text(text: str) -> Upload:
    """Pasted CV text as the plain-text file a ``resume`` import reads."""
    if not text.strip():
        raise ValidationFailed.field("text", "Paste the text of your CV first")
    if len(text) > limits.MAX_PASTED_CHARS:
        raise ValidationFailed.field(
            "text", f"The text is too long: at most {limits.MAX_PASTED_CHARS:,} characters"
        )
    return PASTED_NAME, text.encode()


def get_import(session: Session, *, user_id: str, import_id: str) -> ImportBatch:
    """The caller's import; anyone else's answers not found."""
    batch = session.get(ImportBatch, import_id)
    if batch is None or batch.user_id != user_id:
        raise NotFound("Import not found")
    return batch


def get_preview(session: Session, *, user_id: str, import_id: str) -> dict[str, Any]:
    """The import's preview and state (lists stay empty until the file has been read); a
    previewed one says which CV versions, share links and public page applying changes."""
    batch = get_import(session, user_id=user_id, import_id=import_id)
    view = import_public(batch)
    if batch.status == "previewed":
        view["affects"] = impact(session, user_id=user_id, view=view)
    return view


def undo_import(session: Session, *, user_id: str, import_id: str) -> dict[str, Any]:
    """Take an applied import back (see ``undoing``): ``{import_id, removed, restored, kept}``."""
    return undoing.undo(session, user_id=user_id, import_id=import_id)


def apply(
    session: Session,
    *,
    user_id: str,
    import_id: str,
    decisions: Iterable[Mapping[str, Any]] = (),
) -> dict[str, Any]:
    """Apply the import in this transaction (see ``applying``); the summary."""
    return applying.apply(session, user_id=user_id, import_id=import_id, decisions=decisions)
