"""What runs for the app's whole life on the embedded default: the in-process worker and
the periodic-job scheduler."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator

from cvapp.worker import scheduler
from cvapp.worker.broker import ensure_embedded_worker, stop_embedded_worker


@contextlib.asynccontextmanager
async def embedded_worker() -> AsyncIterator[None]:
    """Start the in-process Dramatiq worker and scheduler with the app (no-ops with the Redis
    broker: production runs ``dramatiq cvapp.worker`` and ``python -m cvapp.worker.scheduler``)."""
    ensure_embedded_worker()
    scheduler.start_embedded()
    try:
        yield
    finally:
        scheduler.stop_embedded()
        stop_embedded_worker()
