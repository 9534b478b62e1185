"""The data export (right of access and portability): a job builds the ZIP, a signed link
serves it for 7 days."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from sqlmodel import Session, col, select

from cvapp.domain.account import download_links, messages
from cvapp.domain.account.archive import ARCHIVE_PURPOSE, build_archive
from cvapp.domain.account.kinds import EXPORT_KIND
from cvapp.domain.events import after_commit
from cvapp.domain.jobs.runner import Progress
from cvapp.domain.mail import service as mail
from cvapp.errors import NotFound
from cvapp.models import Job, StoredFile, User
from cvapp.storage import get_storage

KIND = EXPORT_KIND
CONTENT_TYPE = "application/zip"


def archive_key(user_id: str, job_id: str) -> str:
    return f"account-exports/{user_id}/{job_id}.zip"


def latest_export(session: Session, *, user_id: str) -> Job | None:
    """The user's newest data-export job (its result has the download link), if any."""
    return session.exec(
        select(Job)
        .where(Job.user_id == user_id, Job.kind == KIND)
        .order_by(col(Job.created_at).desc())
    ).first()


def run_export(
    session: Session, *, job_id: str, user_id: str, progress: Progress
) -> dict[str, Any]:
    """Build and store the archive, mail the link; the job's result carries the link too."""
    user = session.get(User, user_id)
    if user is None or user.deleted_at is not None:
        raise NotFound("This account no longer exists")
    data = build_archive(session, user=user, progress=progress)
    key = archive_key(user.id, job_id)
    get_storage().put(key, data, CONTENT_TYPE)
    session.add(
        StoredFile(
            user_id=user.id,
            key=key,
            purpose=ARCHIVE_PURPOSE,
            content_type=CONTENT_TYPE,
            size_bytes=len(data),
            sha256=hashlib.sha256(data).hexdigest(),
        )
    )
    token, expires_at = download_links.sign(user_id=user.id, job_id=job_id)
    url = download_links.url(token)
    mail.deliver(session, message=messages.export_ready(user, url=url, expires_at=expires_at))
    progress(95)
    return {
        "download_url": url,
        "expires_at": expires_at.isoformat(),
        "filename": filename(user),
        "size_bytes": len(data),
        "archive_key": key,
    }


def revoke_downloads(session: Session, *, user_id: str) -> int:
    """Cancel every download link of the user's finished exports (signing out everywhere or
    a new password ends them with the sessions): the archives are deleted after commit.
    Returns how many links were cancelled."""
    jobs = session.exec(
        select(Job).where(Job.user_id == user_id, Job.kind == KIND, Job.status == "succeeded")
    ).all()
    cancelled = 0
    for job in jobs:
        result = dict(job.result or {})
        if not result.get("download_url"):
            continue
        key = str(result.get("archive_key", ""))
        job.result = {**result, "download_url": None, "revoked": True}
        session.add(job)
        stored = session.exec(select(StoredFile).where(StoredFile.key == key)).first()
        if stored is not None:
            session.delete(stored)
        after_commit(session, lambda key=key: get_storage().delete(key))  # type: ignore[misc]
        cancelled += 1
    return cancelled


def filename(user: User) -> str:
    return f"cvapp-data-{user.created_at:%Y%m%d}-{user.id[-6:].lower()}.zip"


@dataclass(frozen=True)
class Download:
    data: bytes
    filename: str


def open_download(session: Session, *, token: str) -> Download:
    """The archive behind a download link, while the link and the archive last."""
    user_id, job_id = download_links.verify(token)
    job = session.get(Job, job_id)
    user = session.get(User, user_id)
    gone = NotFound("This export has expired; ask for a new one")
    if job is None or user is None or job.user_id != user_id or job.kind != KIND:
        raise gone
    if user.deleted_at is not None or job.status != "succeeded" or not job.result:
        raise gone
    if job.result.get("revoked"):
        raise NotFound(
            "This download link was cancelled when the account signed out everywhere or "
            "changed its password; ask for a new export"
        )
    data = get_storage().get(str(job.result.get("archive_key", "")))
    if data is None:
        raise gone
    return Download(data=data, filename=str(job.result.get("filename") or filename(user)))
