"""Jobs: the row a long task reports to, and the rules for reading it."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session

from cvapp import cache
from cvapp.errors import NotFound
from cvapp.models import Job
from cvapp.models.base import utcnow

PROGRESS_TTL_SECONDS = 6 * 3600


def create_job(
    session: Session, *, user_id: str | None, kind: str, payload: dict[str, Any] | None = None
) -> Job:
    """A queued job row; send its actor after the commit (see ``jobs.tasks.enqueue``)."""
    job = Job(user_id=user_id, kind=kind, status="queued", progress=0, payload=payload or {})
    session.add(job)
    session.flush()
    return job


def get_job(session: Session, *, job_id: str, user_id: str) -> Job:
    """The caller's job; anyone else's answers not found."""
    job = session.get(Job, job_id)
    if job is None or job.user_id != user_id:
        raise NotFound("Job not found")
    return job


def mark_running(session: Session, *, job: Job) -> None:
    job.status = "running"
    job.attempts = (job.attempts or 0) + 1
    job.started_at = job.started_at or utcnow()
    job.error = None


def _progress_key(job_id: str) -> str:
    return f"jobprogress:{job_id}"


def record_progress(*, job_id: str, progress: int) -> None:
    """Publish a running job's progress (0-100) for pollers, outside any transaction."""
    value = max(0, min(100, int(progress)))
    cache.set(_progress_key(job_id), str(value).encode(), PROGRESS_TTL_SECONDS)


def current_progress(job: Job) -> int:
    """The job's progress: the live value while it runs, the stored one otherwise."""
    if job.status in ("queued", "running"):
        live = cache.get(_progress_key(job.id))
        if live is not None:
            return max(job.progress, int(live))
    return job.progress


def mark_succeeded(session: Session, *, job: Job, result: dict[str, Any] | None) -> None:
    job.status = "succeeded"
    job.progress = 100
    job.result = result or {}
    job.error = None
    job.finished_at = utcnow()


def mark_failed(session: Session, *, job: Job, code: str, message: str, final: bool) -> None:
    """Record an error; a non-final failure goes back to the queue for a retry."""
    job.error = {"code": code, "message": message, "attempts": job.attempts}
    if final:
        job.status = "failed"
        job.finished_at = utcnow()
    else:
        job.status = "queued"


def job_public(job: Job) -> dict[str, Any]:
    """The contract's job shape."""
    return {
        "id": job.id,
        "kind": job.kind,
        "status": job.status,
        "progress": current_progress(job),
        "result": job.result if job.status == "succeeded" else None,
        "error": job.error if job.status == "failed" else None,
        "created_at": job.created_at,
        "finished_at": job.finished_at,
    }
