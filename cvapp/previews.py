"""The editor's live preview, rendered in processes of its own rather than the web process
(infrastructure, like ``cvapp.broker``).

Laying a CV out is CPU work that holds the GIL (WeasyPrint is Python): in a web process it
stalls every socket and request of that process meanwhile. The pool's processes are spawned
(they share no connection or lock with the web process), load the renderer once, and read the
CV through their own database session; they find and store the rendered PDF and images in the
shared cache and storage. So the pool needs the cache shared, that is Redis: without
``CVAPP_REDIS_URL`` (the embedded default) the preview is rendered in the web process as
before. ``CVAPP_PREVIEW_PROCESSES`` sets the pool's size (0: in the web process).
"""

from __future__ import annotations

import threading
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from multiprocessing import get_context

from cvapp.db import session_scope
from cvapp.domain.exports import service
from cvapp.domain.exports.service import Preview
from cvapp.settings import get_settings

# A render that takes longer has hung: the request fails instead of holding its thread.
RENDER_TIMEOUT_SECONDS = 120

_pool: ProcessPoolExecutor | None = None
_pool_lock = threading.Lock()


def processes() -> int:
    """The pool's size: the setting, else one process where the cache is shared (Redis)."""
    settings = get_settings()
    if settings.preview_processes is not None:
        return settings.preview_processes
    return 1 if settings.redis_url else 0


def _warm_up() -> None:
    from cvapp.domain.exports import pdf

    pdf.warm_up()


def _executor() -> ProcessPoolExecutor:
    global _pool
    with _pool_lock:
        if _pool is None:
            _pool = ProcessPoolExecutor(
                max_workers=processes(), mp_context=get_context("spawn"), initializer=_warm_up
            )
        return _pool


def _discard(pool: ProcessPoolExecutor) -> None:
    global _pool
    with _pool_lock:
        if _pool is pool:
            _pool = None
    pool.shutdown(wait=False, cancel_futures=True)


def render(user_id: str, cv_id: str, page: int, width: int) -> Preview:
    """Page ``page`` of the CV as a PNG, read and rendered in the calling process."""
    with session_scope() as session:
        return service.preview_png(session, user_id=user_id, cv_id=cv_id, page=page, width=width)


def preview_png(*, user_id: str, cv_id: str, page: int = 1, width: int = 640) -> Preview:
    """Page ``page`` of the caller's CV as a PNG, rendered in the pool (domain errors, such
    as NotFound or a page out of range, are raised here as they were there)."""
    if processes() == 0:
        return render(user_id, cv_id, page, width)
    pool = _executor()
    try:
        return pool.submit(render, user_id, cv_id, page, width).result(RENDER_TIMEOUT_SECONDS)
    except BrokenProcessPool:
        # A render process died (out of memory, killed): the next preview starts a new pool.
        _discard(pool)
        raise


def shut_down() -> None:
    """Stop the pool's processes (tests; at exit the executor stops them itself)."""
    pool = _pool
    if pool is not None:
        _discard(pool)
