"""``job_actor``: a Dramatiq actor that keeps its Job row up to date.

The wrapped function gets ``(session, progress, **kwargs)`` and returns the job's result.
A :class:`~cvapp.errors.DomainError` fails the job at once (retrying cannot help); any
other exception is transient: retried with exponential backoff, failed after the last try.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import dramatiq
import structlog
from dramatiq.middleware import CurrentMessage
from sqlmodel import Session

from cvapp.broker import ensure_embedded_worker
from cvapp.db import session_scope
from cvapp.domain.events import after_commit
from cvapp.domain.jobs import service
from cvapp.errors import DomainError
from cvapp.models import Job
from cvapp.observability import metrics

log = structlog.get_logger(__name__)

Progress = Callable[[int], None]
JobFunction = Callable[..., dict[str, Any] | None]
JobActor = dramatiq.Actor[..., None]


def _report_progress(job_id: str) -> Progress:
    """Progress goes to the cache, not the Job row: a second write transaction beside the
    task's own would wait for it on SQLite. Readers merge it in (``service.job_public``)."""

    def progress(value: int) -> None:
        service.record_progress(job_id=job_id, progress=value)

    return progress


def _retries_done() -> int:
    message = CurrentMessage.get_current_message()
    return int(message.options.get("retries", 0)) if message is not None else 0


def job_actor(
    name: str, *, max_retries: int = 3, time_limit_ms: int = 300_000, queue_name: str = "default"
) -> Callable[[JobFunction], JobActor]:
    """Declare ``name`` (``"<domain>.<verb>"``) as an actor taking a job id and kwargs."""

    def declare(fn: JobFunction) -> JobActor:
        def run(job_id: str, **kwargs: Any) -> None:
            with session_scope() as session:
                job = session.get(Job, job_id)
                if job is None or job.status in ("succeeded", "failed"):
                    return
                service.mark_running(session, job=job)
            started = time.perf_counter()
            try:
                with session_scope() as session:
                    result = fn(session, _report_progress(job_id), **kwargs)
            except DomainError as exc:
                metrics.JOBS.labels(name, "failed").inc()
                _fail(job_id, exc.code, exc.message, final=True)
                return
            except Exception as exc:
                final = _retries_done() >= max_retries
                metrics.JOBS.labels(name, "failed" if final else "retried").inc()
                log.warning("job_failed", job=name, job_id=job_id, final=final, error=str(exc))
                _fail(job_id, "JOB_FAILED", f"{type(exc).__name__}: {exc}", final=final)
                if final:
                    return
                raise
            finally:
                metrics.JOB_DURATION.labels(name).observe(time.perf_counter() - started)
            metrics.JOBS.labels(name, "succeeded").inc()
            with session_scope() as session:
                job = session.get(Job, job_id)
                if job is not None:
                    service.mark_succeeded(session, job=job, result=result)

        run.__name__ = fn.__name__
        declare_actor = dramatiq.actor(
            actor_name=name,
            queue_name=queue_name,
            max_retries=max_retries,
            time_limit=time_limit_ms,
            min_backoff=200,
            max_backoff=30_000,
        )
        return declare_actor(run)

    return declare


def _fail(job_id: str, code: str, message: str, *, final: bool) -> None:
    with session_scope() as session:
        job = session.get(Job, job_id)
        if job is not None:
            service.mark_failed(session, job=job, code=code, message=message, final=final)


def enqueue(session: Session, actor: JobActor, job: Job, **kwargs: Any) -> None:
    """Send ``actor`` for ``job`` once the current transaction has committed."""

    job_id = job.id

    def send() -> None:
        ensure_embedded_worker()
        actor.send(job_id, **kwargs)

    after_commit(session, send)
