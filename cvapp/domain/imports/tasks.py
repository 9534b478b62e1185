"""The import jobs: ``imports.parse`` reads an upload into its preview, ``imports.apply``
writes the decisions. Both take ids, open their own session and may run twice safely."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from dramatiq.middleware import CurrentMessage
from sqlmodel import Session

from cvapp.db import session_scope
from cvapp.domain.imports import applying, limits, parsing, service
from cvapp.domain.imports.parsing import UPLOAD_PURPOSE, upload_key
from cvapp.domain.imports.readers import READERS
from cvapp.domain.imports.service import Source, Upload
from cvapp.domain.jobs.runner import Progress, enqueue, job_actor
from cvapp.domain.jobs.service import create_job
from cvapp.errors import DomainError, ValidationFailed
from cvapp.models import ImportBatch, Job, StoredFile
from cvapp.storage import get_storage

PARSE_RETRIES = 2


def _last_attempt() -> bool:
    message = CurrentMessage.get_current_message()
    return message is None or int(message.options.get("retries", 0)) >= PARSE_RETRIES


@job_actor("imports.parse", max_retries=PARSE_RETRIES, time_limit_ms=120_000)
def parse_import(session: Session, progress: Progress, *, import_id: str) -> dict[str, Any]:
    """Read the stored upload and keep its preview; a failure marks the import failed."""
    try:
        return parsing.parse(session, import_id=import_id, progress=progress)
    except DomainError as exc:
        _record_failure(session, import_id, exc)
        raise
    except Exception as exc:
        if _last_attempt():
            failure = DomainError(f"The file could not be read ({type(exc).__name__})")
            failure.code = "JOB_FAILED"
            _record_failure(session, import_id, failure)
        raise


def _record_failure(session: Session, import_id: str, error: DomainError) -> None:
    """Mark the import failed in a transaction of its own (the job's is rolled back)."""
    session.rollback()  # release SQLite's write lock before the other session writes
    with session_scope() as other:
        parsing.mark_failed(other, import_id=import_id, error=error)


@job_actor("imports.apply", max_retries=2, time_limit_ms=120_000)
def apply_import(
    session: Session, progress: Progress, *, import_id: str, user_id: str
) -> dict[str, Any]:
    """Apply the decisions stored with the import (see ``service.start_apply``)."""
    batch = session.get(ImportBatch, import_id)
    decisions = (batch.preview or {}).get("decisions", []) if batch is not None else []
    progress(10)
    return applying.apply(session, user_id=user_id, import_id=import_id, decisions=decisions)


# -- starting them (services never import this module; UIs and routes call these) ----------


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
    named = [(service.clean_filename(name, source), data) for name, data in files]
    for index, (name, data) in enumerate(named):
        try:
            service.check_upload(source=source, filename=name, data=data)
        except DomainError as exc:
            if len(named) > 1:
                exc.message = f"{name}: {exc.message}"
                exc.details = [{**d, "field": f"file[{index}].{d['field']}"} for d in exc.details]
            raise
    return [
        _start(session, user_id=user_id, source=source, filename=name, data=data)
        for name, data in named
    ]


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


def start_apply(
    session: Session,
    *,
    user_id: str,
    import_id: str,
    decisions: Iterable[Mapping[str, Any]] = (),
) -> Job:
    """Apply in the background (``imports.apply``); the job's result is the summary."""
    batch = service.get_import(session, user_id=user_id, import_id=import_id)
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
