"""What runs for the app's whole life on the embedded default: the in-process worker."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator

from cvapp.worker.broker import ensure_embedded_worker, stop_embedded_worker


@contextlib.asynccontextmanager
async def embedded_worker() -> AsyncIterator[None]:
    """Start the in-process Dramatiq worker with the app (a no-op with the Redis broker)."""
    ensure_embedded_worker()
    try:
        yield
    finally:
        stop_embedded_worker()
