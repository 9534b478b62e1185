"""Exports as background jobs, for the UI's progress bar and ``POST /cvs/{id}/exports``."""

from __future__ import annotations

import time
from typing import Any

import dramatiq
import structlog
from sqlmodel import Session, col, select

from cvapp.broker import ensure_embedded_worker
from cvapp.db import session_scope
from cvapp.domain.cvs.service import get_cv_row
from cvapp.domain.events import after_commit
from cvapp.domain.exports import service, store
from cvapp.domain.exports.formats import get_format
from cvapp.domain.jobs.runner import Progress, enqueue, job_actor
from cvapp.domain.jobs.service import create_job
from cvapp.models import CvVersion, Job
from cvapp.settings import get_settings

log = structlog.get_logger(__name__)

KIND = "exports.render"
DOWNLOAD_URL = "/api/v1/exports/{job_id}/download"


@job_actor(KIND, max_retries=2, time_limit_ms=120_000)
def render_export(
    session: Session,
    progress: Progress,
    *,
    export_id: str,
    user_id: str,
    cv_id: str,
    fmt: str,
) -> dict[str, Any]:
    """Render (or fetch from the cache) one export and keep it for download.

    ``export_id`` is the job's own id (the runner passes it first, as ``job_id``).
    """
    progress(5)
    file = service.export_cv(session, user_id=user_id, cv_id=cv_id, fmt=fmt, progress=progress)
    key = store.storage_key(user_id, file.digest, file.format.extension)
    if fmt != "pdf":  # PDFs are stored by the renderer already
        store.save(f"download-{fmt}", file.digest, key=key, data=file.data,
                   content_type=file.content_type)  # fmt: skip
    return {
        "format": fmt,
        "filename": file.filename,
        "content_type": file.content_type,
        "size": len(file.data),
        "digest": file.digest,
        "cached": file.cached,
        "pages": file.pages,
        "dropped": [d.__dict__ for d in file.dropped],
        "level": file.level,
        "url": DOWNLOAD_URL.format(job_id=export_id),
    }


def start_export(session: Session, *, user_id: str, cv_id: str, fmt: str) -> Job:
    """Queue an export of the caller's CV; the actor is sent once this transaction commits."""
    info = get_format(fmt)
    get_cv_row(session, user_id=user_id, cv_id=cv_id)
    job = create_job(session, user_id=user_id, kind=KIND, payload={"cv_id": cv_id, "format": fmt})
    enqueue(
        session, render_export, job, export_id=job.id, user_id=user_id, cv_id=cv_id, fmt=info.key
    )
    return job


def download_key(job: Job) -> str | None:
    """Where a finished export job's file is stored (None while it is not done)."""
    result = job.result or {}
    if job.status != "succeeded" or "digest" not in result or job.user_id is None:
        return None
    extension = get_format(result["format"]).extension
    return store.storage_key(job.user_id, result["digest"], extension)


# -- ready before the click --------------------------------------------------------------------

PRERENDER = "exports.prerender"
PRERENDER_PROFILE_CVS = 3  # after a profile change: the CVs edited most recently
PRERENDER_PREVIEW_WIDTH = 640


@dramatiq.actor(
    actor_name=PRERENDER, queue_name="default", max_retries=1, time_limit=120_000, priority=100
)
def prerender(user_id: str, cv_id: str, stamp: str) -> None:
    """Render the CV's PDF and first preview page into the cache, unless it changed again
    since this was asked (that change asked for its own render): ``stamp`` is the CV's
    ``service.rest_key`` when it was asked."""
    with session_scope() as session:
        cv = session.get(CvVersion, cv_id)
        if cv is None or cv.user_id != user_id or service.rest_key(session, cv) != stamp:
            return
        started = time.perf_counter()
        preview = service.preview_png(
            session, user_id=user_id, cv_id=cv_id, page=1, width=PRERENDER_PREVIEW_WIDTH
        )
        log.info(
            "cv_prerendered",
            cv_id=cv_id,
            pages=preview.pages,
            ms=round((time.perf_counter() - started) * 1000, 1),
        )


_PENDING = "cvapp_prerender"


def start_prerender(session: Session, *, user_id: str, cv_ids: list[str] | None = None) -> None:
    """Once this transaction commits and edits pause, render these CVs (None: the user's
    most recently edited ones) so their download and preview are ready before the click.
    Asked many times in one transaction, it sends once, with the state as committed."""
    if not get_settings().prerender_delay_ms:
        return
    pending: dict[str, set[str] | None] = session.info.setdefault(_PENDING, {})
    if cv_ids is None or (user_id in pending and pending[user_id] is None):
        pending[user_id] = None
    else:
        pending[user_id] = (pending.get(user_id) or set()) | set(cv_ids)
    # The first callback after the commit takes everything asked; the others find nothing.
    after_commit(session, lambda: _send(session.info.pop(_PENDING, {})))


def _send(pending: dict[str, set[str] | None]) -> None:
    """Ask for the renders, each stamped with the committed state it is for."""
    if not pending:
        return
    delay = get_settings().prerender_delay_ms
    asked: list[tuple[str, str, str]] = []
    with session_scope() as session:
        for user_id, cv_ids in pending.items():
            statement = select(CvVersion).where(CvVersion.user_id == user_id)
            if cv_ids is None:
                statement = statement.order_by(col(CvVersion.updated_at).desc()).limit(
                    PRERENDER_PROFILE_CVS
                )
            else:
                statement = statement.where(col(CvVersion.id).in_(cv_ids))
            for cv in session.exec(statement).all():
                asked.append((user_id, cv.id, service.rest_key(session, cv)))
    ensure_embedded_worker()
    for message in asked:
        prerender.send_with_options(args=message, delay=delay)
