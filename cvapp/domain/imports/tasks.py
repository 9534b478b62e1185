"""The import jobs: ``imports.parse`` reads an upload into its preview, ``imports.apply``
writes the decisions. Both take ids, open their own session and may run twice safely."""

from __future__ import annotations

from typing import Any

from dramatiq.middleware import CurrentMessage
from sqlmodel import Session

from cvapp.db import session_scope
from cvapp.domain.imports import applying, parsing
from cvapp.domain.jobs.runner import Progress, job_actor
from cvapp.errors import DomainError
from cvapp.models import ImportBatch

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
