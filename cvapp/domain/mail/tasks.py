"""Mail actors."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session

from cvapp.domain.jobs.runner import Progress, enqueue, job_actor
from cvapp.domain.jobs.service import create_job
from cvapp.domain.mail import service
from cvapp.domain.mail.message import Message
from cvapp.models import Job


@job_actor("mail.send", max_retries=5, time_limit_ms=60_000)
def send_mail(
    session: Session, progress: Progress, *, to: str, subject: str, text: str, html: str | None
) -> dict[str, Any]:
    """Deliver one plain message (SMTP or outbox)."""
    row = service.deliver(session, message=Message(to=to, subject=subject, text=text, html=html))
    return {"outbox_id": row.id}


def queue_email(session: Session, *, message: Message, user_id: str | None = None) -> Job:
    """Send ``message`` from a ``mail.send`` job once this transaction commits.

    For plain notices only: a message carrying a secret should be composed inside its job, so
    the secret never sits in the queue (see ``auth.tasks``).
    """
    job = create_job(session, user_id=user_id, kind="mail.send")
    enqueue(
        session,
        send_mail,
        job,
        to=message.to,
        subject=message.subject,
        text=message.text,
        html=message.html,
    )
    return job
