"""Prometheus metrics, multiprocess-safe when PROMETHEUS_MULTIPROC_DIR is set (granian workers).

The launcher sets PROMETHEUS_MULTIPROC_DIR to an empty directory shared by every granian and
Dramatiq process of a host before they start; /metrics then adds up all of them.
"""

from __future__ import annotations

import os

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
    multiprocess,
)
from sqlalchemy import event
from sqlalchemy.pool import Pool

HTTP_REQUESTS = Counter("cvapp_http_requests_total", "HTTP requests", ["method", "route", "status"])
HTTP_LATENCY = Histogram(
    "cvapp_http_request_duration_seconds",
    "HTTP request latency",
    ["method", "route"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10),
)
JOBS = Counter("cvapp_jobs_total", "Jobs finished", ["actor", "outcome"])
JOB_DURATION = Histogram(
    "cvapp_job_duration_seconds",
    "Job run time per attempt",
    ["actor"],
    buckets=(0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 300),
)
CACHE = Counter("cvapp_cache_requests_total", "Cache lookups", ["cache", "result"])
LOGIN_FAILURES = Counter(
    "cvapp_login_failures_total",
    "Failed sign-in attempts (password, second_factor, unknown_account)",
    ["reason"],
)
DB_POOL_CHECKED_OUT = Gauge(
    "cvapp_db_pool_checked_out", "Database connections in use", multiprocess_mode="livesum"
)
DB_POOL_SIZE = Gauge("cvapp_db_pool_size", "Database pool size", multiprocess_mode="max")

CONTENT_TYPE = CONTENT_TYPE_LATEST


# Counted as connections leave and return (not sampled at scrape time): in multiprocess mode
# every worker's own value stays current, and the live ones are summed.
event.listen(Pool, "checkout", lambda *_: DB_POOL_CHECKED_OUT.inc())
event.listen(Pool, "checkin", lambda *_: DB_POOL_CHECKED_OUT.dec())


def _sample_db_pool() -> None:
    from cvapp.db import get_engine

    size = getattr(get_engine().pool, "size", None)
    if callable(size):
        DB_POOL_SIZE.set(size())


def render() -> bytes:
    """The exposition text of every metric (all processes' when multiprocess)."""
    _sample_db_pool()
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)  # type: ignore[no-untyped-call]
        return generate_latest(registry)
    return generate_latest()
