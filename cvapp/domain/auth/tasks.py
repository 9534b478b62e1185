"""Auth actors: the account emails, composed (and their tokens minted) inside the job."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session

from cvapp.domain.audit import service as audit
from cvapp.domain.auth import accounts, messages
from cvapp.domain.jobs.runner import Progress, job_actor
from cvapp.domain.mail import service as mail
from cvapp.errors import ValidationFailed
from cvapp.models import User


@job_actor("auth.send_email", max_retries=5, time_limit_ms=60_000)
def send_auth_email(
    session: Session,
    progress: Progress,
    *,
    kind: str,
    user_id: str | None = None,
    email: str | None = None,
    address: str | None = None,
    pending: str | None = None,
) -> dict[str, Any]:
    """Send the ``kind`` email to the account ``user_id`` (or the one registered as ``email``).

    ``address`` is the other address some kinds need (the new one for ``email_change``, the
    old one for ``email_changed``). No account → nothing is sent, and nobody is told.
    ``confirm_signup`` goes to a held sign-up (``pending``), which has no account yet.
    """
    if kind == "confirm_signup":
        message = messages.confirm_signup(pending or "")
        if message is not None:
            mail.deliver(session, message=message)
        return {"sent": message is not None}
    composer = messages.COMPOSERS.get(kind)
    if composer is None:
        raise ValidationFailed.field("kind", f"Unknown account email {kind!r}")
    user = session.get(User, user_id) if user_id else None
    if user is None and email:
        user = accounts.find_by_email(session, email=email)
    if user is None or user.deleted_at is not None:
        return {"sent": False}
    if kind == "password_reset":
        audit.record(session, action="auth.password_reset_requested", user_id=user.id)
    mail.deliver(session, message=composer(session, user, address))
    return {"sent": True}
