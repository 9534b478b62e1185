"""The data-export ZIP: native JSON of everything, JSON Resume, every CV's PDF, the files."""

from __future__ import annotations

import io
import json
import re
import zipfile
from typing import Any

from sqlmodel import Session, col, select

from cvapp.domain.account.portable import documents
from cvapp.domain.exports import service as exports
from cvapp.domain.jobs.runner import Progress
from cvapp.domain.profiles.lookup import get_or_create_profile
from cvapp.domain.public.projection import default_cv
from cvapp.errors import DomainError
from cvapp.models import CvVersion, StoredFile, User
from cvapp.models.base import utcnow
from cvapp.storage import get_storage

FORMAT = "cvapp.account-export"
VERSION = 1
ARCHIVE_PURPOSE = "account_export"
README = """Your cvapp data, as of {created_at} UTC.

account.json          your account (no password or 2FA secrets)
profile.json          your master profile with every section (native cvapp JSON)
resume.json           the same profile as a JSON Resume document (jsonresume.org)
cv_versions.json      every CV version: sections, items, overrides, template
cv_history.json       every saved state of your CVs (their version history)
profile_history.json  every change to your master profile (its version history)
cvs/                  each CV version as PDF and as JSON Resume
share_links.json      your share links with their view and download counts
applications.json     your job applications with their timelines, and your status names
cover_letters.json    your cover letters with their saved versions (undo history)
consent_records.json  the privacy-policy versions you accepted, and when
audit_log.json        the security log of your account
api_keys.json, ai_usage.json, imports.json, jobs.json, stored_files.json
files/                the files you uploaded (photo, imported archives)
manifest.json         what this archive holds, and anything that could not be exported
"""


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60] or "cv"


def _json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)


def build_archive(session: Session, *, user: User, progress: Progress) -> bytes:
    """The ZIP of everything ``user`` has; ``progress`` goes from 5 to 90."""
    created_at = utcnow()
    problems: list[dict[str, str]] = []
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        progress(5)
        contents = documents(session, user=user)
        for path, document in contents.items():
            archive.writestr(path, _json(document))
        progress(30)
        _write_resume(session, archive, user, problems)
        _write_cvs(session, archive, user, problems, progress)
        files = _write_files(session, archive, user, problems)
        progress(90)
        manifest = {
            "format": FORMAT,
            "version": VERSION,
            "created_at": created_at.isoformat(),
            "user_id": user.id,
            "counts": {path: len(doc) for path, doc in contents.items() if isinstance(doc, list)},
            "files": files,
            "problems": problems,
        }
        archive.writestr("manifest.json", _json(manifest))
        archive.writestr("README.txt", README.format(created_at=f"{created_at:%Y-%m-%d %H:%M}"))
    return buffer.getvalue()


def _write_resume(
    session: Session, archive: zipfile.ZipFile, user: User, problems: list[dict[str, str]]
) -> None:
    profile = get_or_create_profile(session, user_id=user.id)
    try:
        source = exports.load_source(session, cv=default_cv(profile, public=False))
        archive.writestr("resume.json", exports.export_source(source, fmt="jsonresume").data)
    except DomainError as exc:
        problems.append({"file": "resume.json", "error": exc.message})


def _write_cvs(
    session: Session,
    archive: zipfile.ZipFile,
    user: User,
    problems: list[dict[str, str]],
    progress: Progress,
) -> None:
    cvs = session.exec(
        select(CvVersion).where(CvVersion.user_id == user.id).order_by(col(CvVersion.created_at))
    ).all()
    for index, cv in enumerate(cvs):
        base = f"cvs/{index + 1:02d}-{_slug(cv.name)}"
        for fmt, extension in (("pdf", "pdf"), ("jsonresume", "jsonresume.json")):
            try:
                file = exports.export_cv(session, user_id=user.id, cv_id=cv.id, fmt=fmt)
            except DomainError as exc:
                problems.append({"file": f"{base}.{extension}", "error": exc.message})
                continue
            archive.writestr(f"{base}.{extension}", file.data)
        progress(30 + 55 * (index + 1) // len(cvs))


def _write_files(
    session: Session, archive: zipfile.ZipFile, user: User, problems: list[dict[str, str]]
) -> list[str]:
    """The user's uploads (not earlier export archives); returns their archive paths."""
    stored = session.exec(
        select(StoredFile).where(
            StoredFile.user_id == user.id, StoredFile.purpose != ARCHIVE_PURPOSE
        )
    ).all()
    storage, written = get_storage(), []
    for row in stored:
        data = storage.get(row.key)
        path = f"files/{row.key}"
        if data is None:
            problems.append({"file": path, "error": "missing from storage"})
            continue
        archive.writestr(path, data)
        written.append(path)
    return written
