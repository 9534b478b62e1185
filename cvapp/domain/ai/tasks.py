"""Background AI work: long gap analyses run as a job that reports progress."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session

from cvapp.domain.ai import quotas, service
from cvapp.domain.ai.jobposting import parse_job
from cvapp.domain.ai.profile_reader import load_facts
from cvapp.domain.jobs.runner import Progress, enqueue, job_actor
from cvapp.domain.jobs.service import create_job
from cvapp.errors import NotFound
from cvapp.models import Job, User


@job_actor("ai.gap_analysis", max_retries=2, time_limit_ms=180_000)
def analyse_gaps(session: Session, progress: Progress, *, job_ref: str) -> dict[str, Any]:
    """Run the analysis a job row describes; ``job_ref`` is that row (the runner passes no
    job id, and the advert stays in the row's payload instead of the message)."""
    job = session.get(Job, job_ref)
    user = session.get(User, job.user_id) if job and job.user_id else None
    if job is None or user is None or user.deleted_at is not None:
        raise NotFound("The job or its user no longer exists")
    result = service.gap_analysis(
        session,
        user=user,
        job_description=job.payload["job_description"],
        cv_id=job.payload.get("cv_id"),
        progress=progress,
    )
    return result.model_dump(mode="json")


def start_gap_analysis(
    session: Session,
    *,
    user: User,
    job_description: str | dict[str, Any],
    cv_id: str | None = None,
) -> Job:
    """Queue the gap analysis as a job (sent after the commit); its result is the analysis."""
    parse_job(job_description)
    load_facts(session, user=user, cv_id=cv_id)
    quotas.ensure_available(session, user=user)
    payload = {"job_description": job_description, "cv_id": cv_id}
    job = create_job(session, user_id=user.id, kind=service.JOB_KIND, payload=payload)
    enqueue(session, analyse_gaps, job, job_ref=job.id)
    return job
