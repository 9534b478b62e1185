"""Delivering mail now (inside a job) or queueing it as a ``mail.send`` job."""

from __future__ import annotations

import structlog
from sqlmodel import Session

from cvapp.domain.jobs.runner import enqueue
from cvapp.domain.jobs.service import create_job
from cvapp.domain.mail import outbox
from cvapp.domain.mail.message import Message
from cvapp.domain.mail.transport import send_smtp
from cvapp.models import Job, OutboxEmail
from cvapp.models.base import utcnow
from cvapp.settings import get_settings

log = structlog.get_logger(__name__)


def deliver(session: Session, *, message: Message) -> OutboxEmail:
    """Send by SMTP when configured (recorded with secrets redacted), else keep in the outbox."""
    settings = get_settings()
    if settings.smtp_host:
        send_smtp(message, settings=settings)
        kept, sent_at = message.redacted(), utcnow()
    else:
        kept, sent_at = message, None
    row = OutboxEmail(
        to_address=kept.to,
        subject=kept.subject[:255],
        body_text=kept.text,
        body_html=kept.html,
        sent_at=sent_at,
    )
    session.add(row)
    session.flush()
    log.info("mail_delivered", outbox_id=row.id, smtp=bool(settings.smtp_host))
    if not settings.smtp_host and settings.env == "development":
        # The embedded default has no mail server: show the links where `make run` runs.
        print(outbox.format_entries(outbox.recent_entries(session, limit=1)), flush=True)
    return row


def queue_email(session: Session, *, message: Message, user_id: str | None = None) -> Job:
    """Send ``message`` from a ``mail.send`` job once this transaction commits.

    For plain notices only: a message carrying a secret should be composed inside its job, so
    the secret never sits in the queue (see ``auth.tasks``).
    """
    from cvapp.domain.mail.tasks import send_mail  # the actor module imports this one

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
