"""A worker SIGKILLed in the middle of a PDF export: the job is not lost, is retried by the
next worker and completes; its file is never served before it is whole.

The worker is a real ``dramatiq cvapp.worker`` process on a Redis broker of our own, sharing
the test database. To kill it *during* the job and not before or after, the test holds an
ACCESS EXCLUSIVE lock on ``cv_versions``: the worker marks the job running, then waits on
the lock to read the CV; PostgreSQL shows it waiting, and only then is it killed.

Dramatiq's Redis broker keeps a fetched message in the worker's ack set until it is done;
the surviving workers' periodic maintenance puts the messages of a worker whose heartbeat
stopped (60 s by default) back on the queue. The test runs that maintenance itself, a second
after the kill, instead of waiting for it.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from dramatiq import Message
from dramatiq.brokers.redis import MAINTENANCE_SCALE, RedisBroker
from fastapi.testclient import TestClient
from sqlalchemy import Connection, text
from sqlmodel import Session

from cvapp.db import get_engine
from cvapp.domain.exports.tasks import KIND
from cvapp.domain.jobs.service import create_job
from cvapp.models import Job
from tests.hardening.processes import Worker, redis_server, wait_until
from tests.hardening.support import Account, make_account
from tests.services import needs_postgres, needs_redis_server

# It blocks on a lock, which SQLite cannot show.
pytestmark = [pytest.mark.faults, pytest.mark.timeout(240), needs_postgres, needs_redis_server]
V1 = "/api/v1"
WAITING_ON_A_LOCK = (
    "SELECT count(*) FROM pg_stat_activity"
    " WHERE datname = current_database() AND wait_event_type = 'Lock'"
)


@contextmanager
def _cv_versions_locked() -> Iterator[Connection]:
    with get_engine().connect() as conn:
        conn.execute(text("LOCK TABLE cv_versions IN ACCESS EXCLUSIVE MODE"))
        try:
            yield conn
        finally:
            conn.rollback()


def _job(session: Session, job_id: str) -> Job:
    session.expire_all()
    job = session.get(Job, job_id)
    assert job is not None
    return job


def _queue_export(broker: RedisBroker, account: Account, job_id: str) -> None:
    kwargs = {"export_id": job_id, "user_id": account.user.id, "cv_id": account.ids["cv_id"]}
    broker.declare_queue("default")
    broker.enqueue(Message("default", KIND, (job_id,), {**kwargs, "fmt": "pdf"}, {}))


def _requeued(broker: RedisBroker) -> bool:
    """Run the maintenance once; whether a message is waiting on the queue now."""
    broker.do_qsize("default")  # any command runs it (maintenance_chance is 100 %)
    return bool(broker.client.llen("cvapp:default"))


def test_a_job_killed_mid_pdf_is_retried_and_completes(
    session: Session, api: TestClient, tmp_path: Path
) -> None:
    account = make_account(session, needs=("cv_id",))
    job_id = create_job(session, user_id=account.user.id, kind=KIND, payload={}).id
    session.commit()
    download = f"{V1}/exports/{job_id}/download"
    with redis_server() as server:
        env = {"CVAPP_BROKER": "redis", "CVAPP_REDIS_URL": server.url}
        # Heartbeats older than 1 s are dead, and every command runs the maintenance.
        broker = RedisBroker(
            url=server.url,
            namespace="cvapp",
            heartbeat_timeout=1_000,
            maintenance_chance=MAINTENANCE_SCALE,
        )
        _queue_export(broker, account, job_id)
        with _cv_versions_locked() as lock:
            first = Worker(env, tmp_path / "worker.log")
            try:
                wait_until(
                    lambda: _job(session, job_id).status == "running",
                    timeout=90,
                    what="the worker to start the job",
                )
                wait_until(
                    lambda: lock.execute(text(WAITING_ON_A_LOCK)).scalar(),
                    timeout=30,
                    what="the worker to wait for the CV",
                )
                assert api.get(download, headers=account.headers).status_code == 404
                first.kill()
            finally:
                first.stop()
        assert _job(session, job_id).status == "running"  # left behind by the dead worker
        assert api.get(download, headers=account.headers).status_code == 404

        wait_until(
            lambda: _requeued(broker),
            timeout=15,
            what="the dead worker's message back on the queue",
        )
        second = Worker(env, tmp_path / "worker.log")
        try:
            wait_until(
                lambda: _job(session, job_id).status in ("succeeded", "failed"),
                timeout=120,
                what="the retried job to finish",
            )
        finally:
            second.stop()
    job = _job(session, job_id)
    assert (job.status, job.attempts, job.error) == ("succeeded", 2, None), (
        tmp_path / "worker.log"
    ).read_text()[-3000:]
    pdf = api.get(download, headers=account.headers)
    assert pdf.status_code == 200 and pdf.headers["content-type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF-") and pdf.content.rstrip().endswith(b"%%EOF")
    assert job.result is not None and len(pdf.content) == job.result["size"]
