"""Mail actors."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session

from cvapp.domain.jobs.runner import Progress, job_actor
from cvapp.domain.mail import service
from cvapp.domain.mail.message import Message


@job_actor("mail.send", max_retries=5, time_limit_ms=60_000)
def send_mail(
    session: Session, progress: Progress, *, to: str, subject: str, text: str, html: str | None
) -> dict[str, Any]:
    """Deliver one plain message (SMTP or outbox)."""
    row = service.deliver(session, message=Message(to=to, subject=subject, text=text, html=html))
    return {"outbox_id": row.id}
