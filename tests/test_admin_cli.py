"""``python -m cvapp.admin``: plans, accounts, purge, retention, demo data, job queue."""

from __future__ import annotations

import subprocess
import sys
from datetime import timedelta

import pytest
from sqlmodel import Session, select

from cvapp.admin import main
from cvapp.db import session_scope
from cvapp.domain.account.deletion import soft_delete
from cvapp.domain.demo.service import DEMO_EMAIL
from cvapp.models import CvVersion, User
from cvapp.models.base import utcnow
from tests.api.auth_support import _quiet_queue, wait_for_jobs  # noqa: F401
from tests.domain.account_support import _empty_storage, make_cvs, make_user  # noqa: F401


def _delete(user_id: str, *, days_ago: int = 0) -> None:
    with session_scope() as session:
        user = session.get(User, user_id)
        assert user is not None
        soft_delete(session, user=user, ip=None, reason="test")
        user.purge_after = utcnow() + timedelta(days=30 - days_ago)
    wait_for_jobs()


def test_users_lists_and_searches(session: Session, capsys: pytest.CaptureFixture[str]) -> None:
    make_user(session, email="ada@example.org", full_name="Ada Lovelace", plan="pro")
    gone = make_user(session, email="bob@example.org", full_name="Bob Byron")
    _delete(gone.id)

    assert main(["users"]) == 0
    out = capsys.readouterr().out
    assert "ada@example.org" in out and "bob@example.org" in out and "2 account(s)" in out
    assert main(["users", "--search", "lovelace"]) == 0
    out = capsys.readouterr().out
    assert "ada@example.org" in out and "bob@" not in out and " pro " in out
    assert main(["users", "--deleted"]) == 0
    out = capsys.readouterr().out
    assert "bob@example.org" in out and "deleted, purge" in out and "ada@" not in out


def test_set_plan_downgrades_without_deleting(
    session: Session, capsys: pytest.CaptureFixture[str]
) -> None:
    user = make_user(session, email="ada@example.org", plan="expert")
    make_cvs(session, user, 3)
    assert main(["set-plan", "ada@example.org", "free"]) == 0
    assert "expert -> free; read-only CVs: 1" in capsys.readouterr().out
    session.expire_all()
    assert session.get(User, user.id).plan == "free"  # type: ignore[union-attr]
    rows = session.exec(select(CvVersion).where(CvVersion.user_id == user.id)).all()
    assert len(rows) == 3 and sum(cv.read_only for cv in rows) == 1
    assert main(["set-plan", "nobody@example.org", "pro"]) == 1
    assert "No account" in capsys.readouterr().err


def test_restore_and_purge(session: Session, capsys: pytest.CaptureFixture[str]) -> None:
    back = make_user(session, email="back@example.org")
    due = make_user(session, email="due@example.org")
    now_gone = make_user(session, email="now@example.org")
    back_id, due_id, now_id = back.id, due.id, now_gone.id
    for user_id in (back_id, now_id):
        _delete(user_id)
    _delete(due_id, days_ago=31)

    assert main(["restore", "back@example.org"]) == 0
    assert main(["restore", "back@example.org"]) == 1  # not deleted any more
    assert main(["purge"]) == 0
    assert "purged 1 account(s)" in capsys.readouterr().out
    assert main(["purge", "--email", "now@example.org"]) == 0
    session.expunge_all()
    assert session.get(User, back_id).deleted_at is None  # type: ignore[union-attr]
    assert session.get(User, due_id) is None and session.get(User, now_id) is None


def test_retention_demo_and_jobs(session: Session, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["retention"]) == 0
    assert "audit_events: 0" in capsys.readouterr().out
    assert main(["demo"]) == 0
    assert DEMO_EMAIL in capsys.readouterr().out
    assert session.exec(select(User).where(User.email == DEMO_EMAIL)).one()
    make_user(session, email="ada@example.org")
    assert main(["purge"]) == 0
    assert main(["jobs"]) == 0
    out = capsys.readouterr().out
    assert "broker queue: in-process" in out and "checked at" in out


def test_runs_as_a_module() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "cvapp.admin", "--help"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0
    for command in ("users", "set-plan", "restore", "purge", "retention", "demo", "jobs"):
        assert command in result.stdout
