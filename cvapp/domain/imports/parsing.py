"""Reading a stored upload into its preview (the work of the ``imports.parse`` job)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlmodel import Session, select

from cvapp.domain.events import after_commit
from cvapp.domain.imports import preview
from cvapp.domain.imports.readers import READERS
from cvapp.domain.imports.views import import_public
from cvapp.errors import DomainError, NotFound
from cvapp.models import ImportBatch, StoredFile
from cvapp.storage import get_storage

UPLOAD_PURPOSE = "import_upload"


def upload_key(batch: ImportBatch) -> str:
    return f"imports/{batch.user_id}/{batch.id}/upload"


def _batch(session: Session, import_id: str) -> ImportBatch:
    batch = session.get(ImportBatch, import_id)
    if batch is None:
        raise NotFound("Import not found")
    return batch


def _forget_upload(session: Session, batch: ImportBatch) -> None:
    """The upload is not kept once read (it may hold far more than the CV)."""
    key = upload_key(batch)
    for stored in session.exec(select(StoredFile).where(StoredFile.key == key)).all():
        session.delete(stored)
    after_commit(session, lambda: get_storage().delete(key))


def _earlier_import(session: Session, batch: ImportBatch) -> ImportBatch | None:
    statement = select(ImportBatch).where(
        ImportBatch.user_id == batch.user_id,
        ImportBatch.fingerprint == batch.fingerprint,
        ImportBatch.status == "applied",
        ImportBatch.id != batch.id,
    )
    return session.exec(statement).first()


def parse(session: Session, *, import_id: str, progress: Callable[[int], None]) -> dict[str, Any]:
    """Read the import's file, match it against the profile, store and return the preview."""
    batch = _batch(session, import_id)
    if batch.status != "pending":
        return import_public(batch)
    data = get_storage().get(upload_key(batch))
    if data is None:
        raise NotFound("The uploaded file is gone; upload it again")
    progress(10)
    draft = READERS[batch.source].read(data)
    earlier = _earlier_import(session, batch)
    if earlier is not None and earlier.applied_at is not None:
        when = earlier.applied_at.date().isoformat()
        draft.warn(
            "already_imported",
            f"You imported this file on {when}; what it added is marked as duplicates",
        )
    progress(60)  # the last report: on SQLite the job must not write beside this session
    found = preview.entries(session, user_id=batch.user_id, draft=draft)
    batch.preview = {
        **batch.preview,
        **preview.build(found, draft),
        "draft": draft.to_dict(),
    }
    batch.status = "previewed"
    session.add(batch)
    _forget_upload(session, batch)
    session.flush()
    return import_public(batch)


def mark_failed(session: Session, *, import_id: str, error: DomainError) -> None:
    """Record why the file could not be read; nothing else of it is kept."""
    batch = session.get(ImportBatch, import_id)
    if batch is None or batch.status != "pending":
        return
    failure = {"code": error.code, "message": error.message, "details": error.details}
    batch.preview = {**batch.preview, "error": failure}
    batch.status = "failed"
    session.add(batch)
    _forget_upload(session, batch)
    session.flush()
