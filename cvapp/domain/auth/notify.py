"""Queueing an account email: a job row now, the actor sent after the commit."""

from __future__ import annotations

from sqlmodel import Session

from cvapp.domain.auth.tasks import send_auth_email
from cvapp.domain.jobs.runner import enqueue
from cvapp.domain.jobs.service import create_job


def send_later(
    session: Session,
    *,
    kind: str,
    user_id: str | None = None,
    email: str | None = None,
    address: str | None = None,
    pending: str | None = None,
) -> None:
    """Send the ``kind`` account email once this transaction commits (see ``auth.tasks``).

    The job row names no user, so every request queues exactly the same work whether or not
    the account exists (password reset answers the same for both).
    """
    job = create_job(session, user_id=None, kind=send_auth_email.actor_name)
    kwargs = {
        "kind": kind,
        "user_id": user_id,
        "email": email,
        "address": address,
        "pending": pending,
    }
    enqueue(session, send_auth_email, job, **{k: v for k, v in kwargs.items() if v is not None})
