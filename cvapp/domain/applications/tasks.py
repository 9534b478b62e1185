"""Application actors: the periodic reminder run, and tailoring a CV to a long advert."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session

from cvapp.domain.ai import quotas
from cvapp.domain.ai import service as ai
from cvapp.domain.jobs.runner import Progress, enqueue, job_actor
from cvapp.domain.jobs.service import create_job
from cvapp.errors import NotFound
from cvapp.models import Job, User

TAILOR_KIND = "applications.tailor_cv"


@job_actor("applications.send_reminders", max_retries=3, time_limit_ms=600_000)
def send_reminders(session: Session, progress: Progress) -> dict[str, Any]:
    """Mail the interview, follow-up and deadline reminders owed now (each once)."""
    from cvapp.domain.applications.reminders import send_due_reminders

    return {"sent": send_due_reminders(session)}


@job_actor(TAILOR_KIND, max_retries=2, time_limit_ms=180_000)
def tailor_cv(session: Session, progress: Progress, *, job_ref: str) -> dict[str, Any]:
    """Tailor a CV to the application the job row names (``links.tailor_cv``), reporting
    the analysis's progress; the result names the CV made."""
    from cvapp.domain.applications.links import tailor_cv as tailor

    job = session.get(Job, job_ref)
    user = session.get(User, job.user_id) if job and job.user_id else None
    if job is None or user is None or user.deleted_at is not None:
        raise NotFound("The job or its user no longer exists")
    application, cv = tailor(
        session, user=user, application_id=job.payload["application_id"], progress=progress
    )
    score = (application.gap_analysis or {}).get("score")
    return {"application_id": application.id, "cv_id": cv.id, "cv_name": cv.name, "score": score}


def needs_job(session: Session, *, user: User, application_id: str) -> bool:
    """Whether tailoring this application's CV is long work (a long advert): a job then."""
    from cvapp.domain.applications import links, service

    row = service.get_row(session, user_id=user.id, application_id=application_id)
    return ai.is_long_job(links.advert_of(row))


def start_tailor(session: Session, *, user: User, application_id: str) -> Job:
    """Queue the tailoring as a job (sent after the commit); checks what it can first (the
    application, its advert, today's AI calls)."""
    from cvapp.domain.applications import links, service

    links.advert_of(service.get_row(session, user_id=user.id, application_id=application_id))
    quotas.ensure_available(session, user=user)
    job = create_job(
        session, user_id=user.id, kind=TAILOR_KIND, payload={"application_id": application_id}
    )
    enqueue(session, tailor_cv, job, job_ref=job.id)
    return job
