"""Jobs: the Job row follows the actor through retries, failures and success."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from typing import Any

import dramatiq
import pytest
from sqlmodel import Session

from cvapp.db import session_scope
from cvapp.domain.jobs import service
from cvapp.domain.jobs.runner import Progress, enqueue, job_actor
from cvapp.errors import ValidationFailed
from cvapp.models import Job, User
from cvapp.worker.broker import broker
from tests.services import needs_redis

calls: dict[str, int] = {}
_lock = threading.Lock()


def _count(key: str) -> int:
    with _lock:
        calls[key] = calls.get(key, 0) + 1
        return calls[key]


@job_actor("tests.flaky", max_retries=3)
def flaky(session: Session, progress: Progress, *, key: str, fail_times: int) -> dict[str, Any]:
    attempt = _count(key)
    progress(50)
    if attempt <= fail_times:
        raise ConnectionError(f"transient failure {attempt}")
    return {"attempt": attempt}


@job_actor("tests.invalid", max_retries=3)
def invalid(session: Session, progress: Progress, *, key: str) -> dict[str, Any]:
    _count(key)
    raise ValidationFailed.field("text", "cannot be empty")


def _user(session: Session) -> User:
    user = User(
        email=f"{os.urandom(4).hex()}@example.org", full_name="Job Owner", password_hash="x"
    )
    session.add(user)
    session.flush()
    return user


def _run(actor: dramatiq.Actor, **kwargs: Any) -> str:
    with session_scope() as session:
        job = service.create_job(session, user_id=_user(session).id, kind=actor.actor_name)
        enqueue(session, actor, job, **kwargs)
        job_id = job.id
    return job_id


def _job(job_id: str) -> Job:
    with session_scope() as session:
        job = session.get(Job, job_id)
        assert job is not None
        return job


def _wait(broker_: dramatiq.Broker) -> None:
    broker_.join("default", timeout=30_000)


def test_job_retries_transient_errors_then_succeeds() -> None:
    job_id = _run(flaky, key="retry-ok", fail_times=2)
    _wait(broker)
    job = _job(job_id)
    assert job.status == "succeeded", job.error
    assert job.result == {"attempt": 3}
    assert job.attempts == 3 and job.progress == 100 and job.finished_at is not None


def test_job_fails_after_last_retry() -> None:
    job_id = _run(flaky, key="retry-fail", fail_times=99)
    _wait(broker)
    job = _job(job_id)
    assert job.status == "failed"
    assert calls["retry-fail"] == 4
    assert job.error and "transient failure 4" in job.error["message"]


def test_domain_error_fails_at_once() -> None:
    job_id = _run(invalid, key="invalid")
    _wait(broker)
    job = _job(job_id)
    assert job.status == "failed" and job.error and job.error["code"] == "VALIDATION_ERROR"
    assert calls["invalid"] == 1


def test_nothing_is_sent_when_the_transaction_rolls_back() -> None:
    with pytest.raises(RuntimeError), session_scope() as session:
        job = service.create_job(session, user_id=_user(session).id, kind="tests.flaky")
        enqueue(session, flaky, job, key="rolled-back", fail_times=0)
        raise RuntimeError("abort")
    _wait(broker)
    assert "rolled-back" not in calls


def test_job_api_is_owner_only(api: Any) -> None:
    from cvapp.domain.auth.tokens import create_access_token

    with session_scope() as session:
        owner, other = _user(session), _user(session)
        job = service.create_job(session, user_id=owner.id, kind="tests.flaky")
        ids = (owner.id, other.id, job.id)
    owner_id, other_id, job_id = ids

    def get(user_id: str | None) -> Any:
        headers = {}
        if user_id:
            headers["Authorization"] = f"Bearer {create_access_token(user_id=user_id, plan='free')}"
        return api.get(f"/api/v1/jobs/{job_id}", headers=headers)

    mine = get(owner_id)
    assert mine.status_code == 200
    assert mine.json()["status"] == "queued" and mine.json()["progress"] == 0
    assert get(other_id).status_code == 404
    assert get(None).status_code == 401


@pytest.fixture
def redis_broker() -> Iterator[dramatiq.Broker]:
    url = os.environ["CVAPP_TEST_REDIS_URL"]
    from dramatiq.brokers.redis import RedisBroker
    from dramatiq.middleware import CurrentMessage

    real = RedisBroker(url=url, namespace="cvapp-test")
    real.add_middleware(CurrentMessage())
    real.flush_all()
    original = flaky.broker
    flaky.broker = real
    real.declare_actor(flaky)
    worker = dramatiq.Worker(real, worker_threads=2, worker_timeout=100)
    worker.start()
    try:
        yield real
    finally:
        worker.stop()
        real.flush_all()
        real.close()
        flaky.broker = original


@needs_redis
def test_job_on_real_redis_broker_with_worker(redis_broker: dramatiq.Broker) -> None:
    job_id = _run(flaky, key="redis", fail_times=1)
    redis_broker.join("default", timeout=30_000)
    job = _job(job_id)
    assert job.status == "succeeded", job.error
    assert job.attempts == 2 and job.result == {"attempt": 2}


def test_progress_is_visible_while_the_job_runs_on_any_database() -> None:
    with session_scope() as session:
        job = service.create_job(session, user_id=_user(session).id, kind="tests.progress")
        job.status = "running"
        job_id = job.id
    service.record_progress(job_id=job_id, progress=40)
    with session_scope() as session:
        assert service.job_public(_job(job_id))["progress"] == 40
        finished = session.get(Job, job_id)
        assert finished is not None
        service.mark_succeeded(session, job=finished, result={})
    assert service.job_public(_job(job_id))["progress"] == 100
