"""Retention rules, and the scheduler that queues them."""

from __future__ import annotations

import fcntl
import signal
import subprocess
import sys
from datetime import timedelta

import pytest
import time_machine
from sqlmodel import Session, select

from cvapp.db import session_scope
from cvapp.domain.account.retention import run_retention
from cvapp.models import AuditEvent, EmailToken, Job, OutboxEmail, RefreshToken, User
from cvapp.models.base import utcnow
from cvapp.redis_client import get_redis
from cvapp.settings import get_settings
from cvapp.worker import scheduler
from tests.api.auth_support import _quiet_queue, wait_for_jobs  # noqa: F401
from tests.domain.account_support import _empty_storage, make_user  # noqa: F401


def _retention() -> dict[str, object]:
    with session_scope() as session:
        report = run_retention(session)
    wait_for_jobs()
    return report


def _mails(session: Session, to: str) -> list[str]:
    rows = session.exec(select(OutboxEmail.subject).where(OutboxEmail.to_address == to)).all()
    return list(rows)


def test_inactive_accounts_are_warned_then_deleted(session: Session) -> None:
    now = utcnow()
    sleeper = make_user(session, last_active_at=now - timedelta(days=731))
    returner = make_user(session, last_active_at=now - timedelta(days=800))
    active = make_user(session, last_active_at=now - timedelta(days=10))

    assert _retention()["warned"] == 2
    assert _mails(session, sleeper.email) == ["Your cvapp account will be deleted"]
    assert _mails(session, active.email) == []
    assert _retention()["warned"] == 0  # warned once

    with time_machine.travel(now + timedelta(days=5)):
        returner.last_active_at = utcnow()  # signed in after the warning
        session.add(returner)
        session.commit()
    with time_machine.travel(now + timedelta(days=31)):
        report = _retention()
    assert report["deleted"] == 1
    session.expire_all()
    gone = session.get(User, sleeper.id)
    assert gone is not None and gone.deleted_at is not None and gone.purge_after is not None
    kept = session.get(User, returner.id)
    assert kept is not None and kept.deleted_at is None and kept.inactivity_warned_at is None
    assert session.get(User, active.id).deleted_at is None  # type: ignore[union-attr]


def test_old_audit_events_mails_and_expired_tokens_go(session: Session) -> None:
    user = make_user(session)
    now = utcnow()
    session.add_all(
        [
            AuditEvent(action="auth.login", user_id=user.id, created_at=now - timedelta(days=91)),
            AuditEvent(action="auth.login", user_id=user.id, created_at=now - timedelta(days=89)),
            OutboxEmail(
                to_address=user.email,
                subject="old",
                body_text="x",
                created_at=now - timedelta(days=100),
            ),
            RefreshToken(
                user_id=user.id,
                family_id="f" * 26,
                token_hash="a" * 64,
                expires_at=now - timedelta(1),
            ),
            RefreshToken(
                user_id=user.id,
                family_id="g" * 26,
                token_hash="b" * 64,
                expires_at=now + timedelta(1),
            ),
            EmailToken(
                user_id=user.id,
                purpose="verify_email",
                token_hash="c" * 64,
                expires_at=now - timedelta(hours=1),
            ),
        ]
    )
    session.commit()
    report = _retention()
    assert (report["audit_events"], report["emails"], report["refresh_tokens"]) == (1, 1, 1)
    assert report["email_tokens"] == 1
    assert len(session.exec(select(AuditEvent)).all()) == 1
    assert len(session.exec(select(RefreshToken)).all()) == 1


def test_the_schedule_and_a_run() -> None:
    built = scheduler.build(scheduler.BackgroundScheduler())
    assert {job.id for job in built.get_jobs()} == {"purge", "retention", "reminders"}
    job_id = scheduler.run("retention", timedelta(minutes=5))
    assert job_id is not None
    wait_for_jobs()
    with session_scope() as session:
        job = session.get(Job, job_id)
        assert job is not None and job.kind == "account.apply_retention"
        assert job.status == "succeeded" and job.user_id is None
    if get_redis() is not None:  # a second scheduler in the same slot does nothing
        assert scheduler.run("retention", timedelta(minutes=5)) is None


def test_one_embedded_scheduler_per_data_directory(monkeypatch: pytest.MonkeyPatch) -> None:
    path = get_settings().data_dir / "scheduler.lock"
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w") as other_process:
        fcntl.flock(other_process, fcntl.LOCK_EX | fcntl.LOCK_NB)
        assert scheduler.start_embedded() is False
    try:
        assert scheduler.start_embedded() is True
        assert scheduler.start_embedded() is True  # idempotent
    finally:
        scheduler.stop_embedded()
    monkeypatch.setattr(get_settings(), "broker", "redis")
    assert scheduler.start_embedded() is False  # production runs its own process


def test_the_scheduler_process_starts_and_stops_cleanly() -> None:
    """``python -m cvapp.worker.scheduler`` (make scheduler): schedules, then ends on SIGTERM."""
    with subprocess.Popen(  # closes the pipe when done
        [sys.executable, "-m", "cvapp.worker.scheduler"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    ) as process:
        try:
            assert process.stdout is not None
            lines = []
            for line in process.stdout:
                lines.append(line)
                if sum("periodic_scheduled" in seen for seen in lines) == 2:
                    break
            assert any("job=retention" in line for line in lines), lines
            process.send_signal(signal.SIGTERM)
            assert process.wait(timeout=20) == 0
        finally:
            if process.poll() is None:
                process.kill()
