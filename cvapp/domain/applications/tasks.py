"""Application actors: the periodic reminder run."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session

from cvapp.domain.jobs.runner import Progress, job_actor


@job_actor("applications.send_reminders", max_retries=3, time_limit_ms=600_000)
def send_reminders(session: Session, progress: Progress) -> dict[str, Any]:
    """Mail the interview, follow-up and deadline reminders owed now (each once)."""
    from cvapp.domain.applications.reminders import send_due_reminders

    return {"sent": send_due_reminders(session)}
