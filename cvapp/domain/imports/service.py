"""Imports as a UI or a route calls them: start (upload), preview, apply.

    batch, job = service.start_linkedin_import(session, user_id=…, filename=…, data=…)
    # the job ("imports.parse") reads the file; then:
    service.get_preview(session, user_id=…, import_id=batch.id)
    service.apply(session, user_id=…, import_id=batch.id, decisions=[{item_ref, action}])

Starting checks the upload at once (size, ZIP or JSON, expected files and columns, schema)
and raises a DomainError saying what was expected; nothing is stored then.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Literal

from sqlmodel import Session

from cvapp.domain.imports import applying, limits, undoing
from cvapp.domain.imports.impact import impact
from cvapp.domain.imports.parsing import UPLOAD_PURPOSE, upload_key
from cvapp.domain.imports.readers import READERS
from cvapp.domain.imports.tasks import apply_import, parse_import
from cvapp.domain.imports.views import import_public
from cvapp.domain.jobs.runner import enqueue
from cvapp.domain.jobs.service import create_job
from cvapp.errors import DomainError, NotFound, PayloadTooLarge, ValidationFailed
from cvapp.models import ImportBatch, Job, StoredFile
from cvapp.storage import get_storage

Source = Literal["linkedin", "jsonresume", "resume"]
Upload = tuple[str, bytes]
"""A file as uploaded: its name and its bytes."""


def _clean_filename(filename: str | None, source: str) -> str:
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
            f"{_clean_filename(filename, source)} is larger than "
            f"{limits.MAX_UPLOAD_BYTES // limits.MB} MB"
        )
    READERS[source].inspect(data)


def _start(
    session: Session, *, user_id: str, source: Source, filename: str, data: bytes
) -> tuple[ImportBatch, Job]:
    digest = hashlib.sha256(data).hexdigest()
    batch = ImportBatch(
        user_id=user_id, source=source, status="pending", fingerprint=digest,
        preview={"filename": filename},
    )  # fmt: skip
    session.add(batch)
    session.flush()
    content_type = READERS[source].content_type
    get_storage().put(upload_key(batch), data, content_type)
    session.add(
        StoredFile(
            user_id=user_id, key=upload_key(batch), purpose=UPLOAD_PURPOSE,
            content_type=content_type, size_bytes=len(data), sha256=digest,
        )
    )  # fmt: skip
    job = create_job(
        session, user_id=user_id, kind="imports.parse", payload={"import_id": batch.id}
    )
    batch.job_id = job.id
    session.add(batch)
    session.flush()
    enqueue(session, parse_import, job, import_id=batch.id)
    return batch, job


def start_imports(
    session: Session, *, user_id: str, source: Source, files: Sequence[Upload]
) -> list[tuple[ImportBatch, Job]]:
    """Start one import per file (each its own preview); all files are checked first."""
    if not files:
        raise ValidationFailed.field("file", "Attach at least one file")
    if len(files) > limits.MAX_FILES_PER_REQUEST:
        raise ValidationFailed.field(
            "file", f"At most {limits.MAX_FILES_PER_REQUEST} files at once"
        )
    named = [(_clean_filename(name, source), data) for name, data in files]
    for index, (name, data) in enumerate(named):
        try:
            check_upload(source=source, filename=name, data=data)
        except DomainError as exc:
            if len(named) > 1:
                exc.message = f"{name}: {exc.message}"
                exc.details = [{**d, "field": f"file[{index}].{d['field']}"} for d in exc.details]
            raise
    return [
        _start(session, user_id=user_id, source=source, filename=name, data=data)
        for name, data in named
    ]


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


def start_linkedin_import(
    session: Session, *, user_id: str, filename: str | None, data: bytes
) -> tuple[ImportBatch, Job]:
    """Check a LinkedIn export ZIP, store it, queue its reading; the import and its job."""
    return start_imports(
        session, user_id=user_id, source="linkedin", files=[(filename or "", data)]
    )[0]


def start_jsonresume_import(
    session: Session, *, user_id: str, filename: str | None, data: bytes
) -> tuple[ImportBatch, Job]:
    """Check a JSON Resume document, store it, queue its reading; the import and its job."""
    files = [(filename or "", data)]
    return start_imports(session, user_id=user_id, source="jsonresume", files=files)[0]


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


def start_apply(
    session: Session,
    *,
    user_id: str,
    import_id: str,
    decisions: Iterable[Mapping[str, Any]] = (),
) -> Job:
    """Apply in the background (``imports.apply``); the job's result is the summary."""
    batch = get_import(session, user_id=user_id, import_id=import_id)
    chosen = [
        {"item_ref": d.get("item_ref"), "action": d.get("action"), "overwrite": d.get("overwrite")}
        for d in decisions
    ]
    batch.preview = {**batch.preview, "decisions": chosen}
    session.add(batch)
    job = create_job(
        session, user_id=user_id, kind="imports.apply", payload={"import_id": batch.id}
    )
    enqueue(session, apply_import, job, import_id=batch.id, user_id=user_id)
    return job
