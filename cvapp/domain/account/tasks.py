"""Account actors: the data export, and the periodic runs (purge, retention, and the job
tracker's reminders).

The registry imports this module while other domain modules may still be loading, so it
imports the account services inside the actors, not at the top.
"""

from __future__ import annotations

from typing import Any

from sqlmodel import Session, col, select

from cvapp.domain.account.kinds import EXPORT_KIND
from cvapp.domain.jobs.runner import JobActor, Progress, enqueue, job_actor
from cvapp.domain.jobs.service import create_job
from cvapp.models import Job, User


@job_actor(EXPORT_KIND, max_retries=2, time_limit_ms=600_000)
def export_account(
    session: Session, progress: Progress, *, export_id: str, user_id: str
) -> dict[str, Any]:
    """Build one user's data archive (``export_id`` is the job's own id)."""
    from cvapp.domain.account.export import run_export

    return run_export(session, job_id=export_id, user_id=user_id, progress=progress)


@job_actor("account.purge_deleted", max_retries=5, time_limit_ms=600_000)
def purge_deleted(session: Session, progress: Progress) -> dict[str, Any]:
    """Erase every deleted account whose 30 days are over (each in its own transaction)."""
    from cvapp.domain.account.retention import purge_due_accounts

    return purge_due_accounts()


@job_actor("account.apply_retention", max_retries=5, time_limit_ms=600_000)
def apply_retention(session: Session, progress: Progress) -> dict[str, Any]:
    """Inactivity warnings and deletions, old audit events, expired tokens and archives."""
    from cvapp.domain.account.retention import run_retention

    return run_retention(session)


def _periodic() -> dict[str, JobActor]:
    from cvapp.domain.applications.tasks import send_reminders

    return {"purge": purge_deleted, "retention": apply_retention, "reminders": send_reminders}


PERIODIC: dict[str, JobActor] = _periodic()


def start_periodic(session: Session, *, name: str) -> Job:
    """A system job (no user) for one periodic actor, sent after commit."""
    actor = PERIODIC[name]
    job = create_job(session, user_id=None, kind=actor.actor_name)
    enqueue(session, actor, job)
    return job


def start_export(session: Session, *, user: User, ip: str | None = None) -> Job:
    """The user's export job: an unfinished one, or a new one queued after this commit."""
    from cvapp.domain.audit import service as audit

    running = session.exec(
        select(Job)
        .where(
            Job.user_id == user.id,
            Job.kind == EXPORT_KIND,
            col(Job.status).in_(("queued", "running")),
        )
        .order_by(col(Job.created_at).desc())
    ).first()
    if running is not None:
        return running
    job = create_job(session, user_id=user.id, kind=EXPORT_KIND)
    audit.record(session, action="account.export_requested", user_id=user.id, ip=ip)
    enqueue(session, export_account, job, export_id=job.id, user_id=user.id)
    return job
