"""Exports as background jobs, for the UI's progress bar and ``POST /cvs/{id}/exports``."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session

from cvapp.domain.cvs.service import get_cv_row
from cvapp.domain.exports import service, store
from cvapp.domain.exports.formats import get_format
from cvapp.domain.jobs.runner import Progress, enqueue, job_actor
from cvapp.domain.jobs.service import create_job
from cvapp.models import Job

KIND = "exports.render"
DOWNLOAD_URL = "/api/v1/exports/{job_id}/download"


@job_actor(KIND, max_retries=2, time_limit_ms=120_000)
def render_export(
    session: Session,
    progress: Progress,
    *,
    export_id: str,
    user_id: str,
    cv_id: str,
    fmt: str,
) -> dict[str, Any]:
    """Render (or fetch from the cache) one export and keep it for download.

    ``export_id`` is the job's own id (the runner passes it first, as ``job_id``).
    """
    progress(5)
    file = service.export_cv(session, user_id=user_id, cv_id=cv_id, fmt=fmt, progress=progress)
    key = store.storage_key(user_id, file.digest, file.format.extension)
    if fmt != "pdf":  # PDFs are stored by the renderer already
        store.save(f"download-{fmt}", file.digest, key=key, data=file.data,
                   content_type=file.content_type)  # fmt: skip
    return {
        "format": fmt,
        "filename": file.filename,
        "content_type": file.content_type,
        "size": len(file.data),
        "digest": file.digest,
        "cached": file.cached,
        "pages": file.pages,
        "dropped": [d.__dict__ for d in file.dropped],
        "level": file.level,
        "url": DOWNLOAD_URL.format(job_id=export_id),
    }


def start_export(session: Session, *, user_id: str, cv_id: str, fmt: str) -> Job:
    """Queue an export of the caller's CV; the actor is sent once this transaction commits."""
    info = get_format(fmt)
    get_cv_row(session, user_id=user_id, cv_id=cv_id)
    job = create_job(session, user_id=user_id, kind=KIND, payload={"cv_id": cv_id, "format": fmt})
    enqueue(
        session, render_export, job, export_id=job.id, user_id=user_id, cv_id=cv_id, fmt=info.key
    )
    return job


def download_key(job: Job) -> str | None:
    """Where a finished export job's file is stored (None while it is not done)."""
    result = job.result or {}
    if job.status != "succeeded" or "digest" not in result or job.user_id is None:
        return None
    extension = get_format(result["format"]).extension
    return store.storage_key(job.user_id, result["digest"], extension)
