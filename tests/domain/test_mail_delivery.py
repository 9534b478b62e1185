"""Mail delivery: the outbox sink, SMTP (with secrets redacted from the record), the CLI view."""

from __future__ import annotations

from sqlmodel import Session, select

from cvapp.db import session_scope
from cvapp.domain.mail import outbox
from cvapp.domain.mail import service as mail
from cvapp.domain.mail import tasks as mail_tasks
from cvapp.domain.mail.message import REDACTED, Message
from cvapp.models import Job, OutboxEmail
from tests.api import auth_support
from tests.api.auth_support import Inbox, _quiet_queue, wait_for_jobs  # noqa: F401

smtp_inbox = auth_support.smtp_inbox  # the fixture, shared with other modules

LINK = "http://localhost:3000/reset-password?token=s3cret-token"
MESSAGE = Message(
    to="ann@example.org",
    subject="Reset your password",
    text=f"Open {LINK} within the hour.",
    html=f"<a href='{LINK}'>reset</a>",
    secrets=("s3cret-token",),
)


def test_without_smtp_mail_stays_in_the_outbox(session: Session) -> None:
    with session_scope() as scope:
        mail.deliver(scope, message=MESSAGE)
    row = session.exec(select(OutboxEmail)).one()
    assert row.to_address == "ann@example.org" and row.sent_at is None
    assert LINK in row.body_text


def test_smtp_delivery_keeps_a_redacted_record(smtp_inbox: Inbox, session: Session) -> None:
    with session_scope() as scope:
        mail.deliver(scope, message=MESSAGE)
    [received] = smtp_inbox.to("ann@example.org")
    assert received["Subject"] == "Reset your password"
    plain = received.get_body(("plain",))
    html = received.get_body(("html",))
    assert plain is not None and LINK in plain.get_content()
    assert html is not None and LINK in html.get_content()
    row = session.exec(select(OutboxEmail)).one()
    assert row.sent_at is not None
    assert "s3cret-token" not in row.body_text and REDACTED in row.body_text
    assert row.body_html is not None and "s3cret-token" not in row.body_html


def test_queued_mail_is_sent_by_the_mail_send_job(smtp_inbox: Inbox, session: Session) -> None:
    notice = Message(to="bob@example.org", subject="Hello", text="Just a notice.")
    with session_scope() as scope:
        job = mail_tasks.queue_email(scope, message=notice)
        job_id = job.id
    wait_for_jobs()
    assert len(smtp_inbox.to("bob@example.org", "Hello")) == 1
    finished = session.get(Job, job_id)
    assert finished is not None and finished.status == "succeeded"
    assert finished.kind == "mail.send"


def test_outbox_lists_recent_links_for_the_cli() -> None:
    with session_scope() as scope:
        mail.deliver(scope, message=MESSAGE)
        mail.deliver(scope, message=Message(to="bob@example.org", subject="Hi", text="No link."))
    with session_scope() as scope:
        entries = outbox.recent_entries(scope, limit=5)
        only_ann = outbox.recent_entries(scope, to="ANN@example.org")
    assert [e.to for e in entries] == ["bob@example.org", "ann@example.org"]
    assert only_ann[0].links == [LINK]
    text = outbox.format_entries(entries)
    assert LINK in text and "(no links)" in text
    assert outbox.format_entries([]) == "outbox is empty"


def test_a_rolled_back_transaction_sends_nothing(smtp_inbox: Inbox, session: Session) -> None:
    """Issue #15 point 13: mail leaves after the commit, never from inside the transaction."""
    import pytest

    with pytest.raises(RuntimeError), session_scope() as scope:
        mail.deliver(scope, message=MESSAGE)
        raise RuntimeError("the job fails after composing its mail")
    assert smtp_inbox.to("ann@example.org") == []
    assert session.exec(select(OutboxEmail)).all() == []


def test_a_record_is_sent_once_however_often_it_is_tried(
    smtp_inbox: Inbox, session: Session
) -> None:
    with session_scope() as scope:
        row_id = mail.deliver(scope, message=MESSAGE).id
    assert len(smtp_inbox.to("ann@example.org")) == 1
    assert mail.send_once(row_id, MESSAGE) is False  # a retry of the same send
    assert len(smtp_inbox.to("ann@example.org")) == 1


def test_a_job_retried_after_its_mail_sends_one_mail(smtp_inbox: Inbox, session: Session) -> None:
    from cvapp.domain.jobs.runner import job_actor

    attempts: list[int] = []

    @job_actor("tests.mail_then_fail", max_retries=2, time_limit_ms=10_000)
    def flaky(db: Session, progress: object) -> dict[str, str]:
        mail.deliver(db, message=Message(to="carol@example.org", subject="Once", text="Hi."))
        attempts.append(1)
        if len(attempts) == 1:
            raise ConnectionError("the database went away before the commit")
        return {}

    from cvapp.domain.jobs.runner import enqueue
    from cvapp.domain.jobs.service import create_job

    with session_scope() as scope:
        enqueue(scope, flaky, create_job(scope, user_id=None, kind="tests.mail_then_fail"))
    wait_for_jobs()
    assert len(attempts) == 2
    assert len(smtp_inbox.to("carol@example.org", "Once")) == 1
