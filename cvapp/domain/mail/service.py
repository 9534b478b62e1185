"""Delivering mail now (inside a job) or queueing it as a ``mail.send`` job."""

from __future__ import annotations

import structlog
from sqlalchemy import update
from sqlmodel import Session, col

from cvapp.db import session_scope
from cvapp.domain.events import after_commit
from cvapp.domain.mail import outbox
from cvapp.domain.mail.message import Message
from cvapp.domain.mail.transport import send_smtp
from cvapp.models import OutboxEmail
from cvapp.models.base import utcnow
from cvapp.settings import get_settings

log = structlog.get_logger(__name__)


def deliver(session: Session, *, message: Message) -> OutboxEmail:
    """Record ``message`` (secrets redacted when SMTP sends it) and send it by SMTP once this
    transaction commits; without SMTP it stays in the outbox.

    Sending after the commit, once per record, means a rolled-back or retried job never
    sends twice: its record, and the send that hung on it, went with its transaction."""
    settings = get_settings()
    kept = message.redacted() if settings.smtp_host else message
    row = OutboxEmail(
        to_address=kept.to,
        subject=kept.subject[:255],
        body_text=kept.text,
        body_html=kept.html,
        sent_at=None,
    )
    session.add(row)
    session.flush()
    if settings.smtp_host:
        row_id = row.id
        after_commit(session, lambda: _send_later(row_id, message))
    log.info("mail_recorded", outbox_id=row.id, smtp=bool(settings.smtp_host))
    if not settings.smtp_host and settings.env == "development":
        # The embedded default has no mail server: show the links where `make run` runs.
        print(outbox.format_entries(outbox.recent_entries(session, limit=1)), flush=True)
    return row


def _send_later(outbox_id: str, message: Message) -> None:
    send_once(outbox_id, message)


def send_once(outbox_id: str, message: Message) -> bool:
    """Send the message of an outbox record unless it was sent already; whether it was sent
    now. The record is claimed (``sent_at`` set) before sending, released if SMTP fails."""
    with session_scope() as session:
        claim = (
            update(OutboxEmail)
            .where(col(OutboxEmail.id) == outbox_id, col(OutboxEmail.sent_at).is_(None))
            .values(sent_at=utcnow())
        )
        if not session.execute(claim).rowcount:  # type: ignore[attr-defined]
            return False
    try:
        send_smtp(message, settings=get_settings())
    except Exception:
        with session_scope() as session:
            release = update(OutboxEmail).where(col(OutboxEmail.id) == outbox_id)
            session.execute(release.values(sent_at=None))
        log.exception("mail_send_failed", outbox_id=outbox_id)
        return False
    log.info("mail_delivered", outbox_id=outbox_id)
    return True
