"""Periodic jobs with APScheduler: they only queue Dramatiq actors, which do the work.

Embedded default: started in-process by ``lifespan`` (one process of the app wins a file
lock in the data directory, so several app workers do not each run it). Production: one
``python -m cvapp.worker.scheduler`` process (``make scheduler``) beside the Dramatiq workers;
each run also takes a Redis lock, so a second scheduler started by mistake does not double
the work.
"""

from __future__ import annotations

import fcntl
import signal
import threading
from dataclasses import dataclass
from datetime import UTC, timedelta
from typing import IO, Any

import structlog
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.schedulers.base import BaseScheduler
from apscheduler.schedulers.blocking import BlockingScheduler
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger

from cvapp.db import session_scope
from cvapp.redis_client import get_redis
from cvapp.settings import get_settings

log = structlog.get_logger(__name__)
LOCK_PREFIX = "cvapp:scheduler:"


@dataclass(frozen=True)
class Periodic:
    """One periodic job: the ``account.tasks.PERIODIC`` actor it queues, and when."""

    name: str
    trigger: Any
    lock_for: timedelta


SCHEDULE = (
    Periodic("purge", IntervalTrigger(hours=1, timezone=UTC), timedelta(minutes=55)),
    Periodic("retention", CronTrigger(hour=3, minute=15, timezone=UTC), timedelta(hours=23)),
    # Interview, follow-up and deadline reminders: each is sent once, so hourly is only how
    # close to its time it goes out.
    Periodic("reminders", CronTrigger(minute=5, timezone=UTC), timedelta(minutes=55)),
)


def claim(name: str, lock_for: timedelta) -> bool:
    """True when this run is ours: the Redis lock was free (always true without Redis)."""
    client = get_redis()
    if client is None:
        return True
    seconds = int(lock_for.total_seconds())
    return bool(client.set(f"{LOCK_PREFIX}{name}", b"1", nx=True, ex=seconds))


def run(name: str, lock_for: timedelta = timedelta(minutes=1)) -> str | None:
    """Queue the periodic job ``name`` unless another scheduler already did; its job id."""
    from cvapp.domain.account.tasks import start_periodic

    if not claim(name, lock_for):
        log.info("periodic_skipped", job=name, reason="locked")
        return None
    with session_scope() as session:
        job = start_periodic(session, name=name)
    log.info("periodic_queued", job=name, job_id=job.id)
    return job.id


def build(scheduler: BaseScheduler) -> BaseScheduler:
    """Add every periodic job to ``scheduler`` (not started)."""
    for periodic in SCHEDULE:
        scheduler.add_job(
            run,
            periodic.trigger,
            args=[periodic.name, periodic.lock_for],
            id=periodic.name,
            coalesce=True,
            max_instances=1,
            misfire_grace_time=3600,
            replace_existing=True,
        )
    return scheduler


_embedded: BackgroundScheduler | None = None
_lock_file: IO[str] | None = None
_guard = threading.Lock()


def _elected() -> bool:
    """Hold the data directory's scheduler lock for this process's life, if it is free."""
    global _lock_file
    data_dir = get_settings().data_dir
    data_dir.mkdir(parents=True, exist_ok=True)
    handle = (data_dir / "scheduler.lock").open("w")
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        handle.close()
        return False
    _lock_file = handle
    return True


def start_embedded() -> bool:
    """Start the in-process scheduler (embedded default only); False if another has it."""
    global _embedded
    if get_settings().broker != "memory":
        return False
    with _guard:
        if _embedded is not None:
            return True
        if not _elected():
            return False
        _embedded = BackgroundScheduler(timezone=UTC, daemon=True)
        build(_embedded).start()
        return True


def stop_embedded() -> None:
    global _embedded, _lock_file
    with _guard:
        if _embedded is not None:
            _embedded.shutdown(wait=False)
            _embedded = None
        if _lock_file is not None:
            _lock_file.close()
            _lock_file = None


def main() -> None:
    """The production scheduler process: queue periodic jobs until SIGINT/SIGTERM."""
    import cvapp.worker  # noqa: F401  (the broker, logging and every actor)

    scheduler = build(BlockingScheduler(timezone=UTC))
    signal.signal(signal.SIGTERM, signal.default_int_handler)  # SIGTERM ends it like Ctrl-C
    try:
        for periodic in SCHEDULE:
            log.info("periodic_scheduled", job=periodic.name, trigger=str(periodic.trigger))
        scheduler.start()
    except KeyboardInterrupt:
        pass
    finally:
        if scheduler.running:
            scheduler.shutdown(wait=False)


if __name__ == "__main__":
    main()
