"""The native JSON of everything a user has in cvapp, one document per archive file."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session, col, select

from cvapp.domain.account.consent import history
from cvapp.domain.apikeys.service import view as api_key_view
from cvapp.domain.applications import board
from cvapp.domain.applications import service as applications
from cvapp.domain.letters import service as letters
from cvapp.domain.profiles.lookup import get_or_create_profile
from cvapp.domain.profiles.views import build_view
from cvapp.domain.public.share_links import link_view
from cvapp.models import (
    AiUsage,
    ApiKey,
    Application,
    AuditEvent,
    CoverLetter,
    CvVersion,
    ImportBatch,
    Job,
    Revision,
    ShareLink,
    StoredFile,
    User,
)

# Secrets and security internals are not the user's data to take away.
_USER_PRIVATE = {
    "password_hash",
    "totp_secret",
    "failed_login_count",
    "failed_login_window_start",
    "locked_until",
}


def _rows(session: Session, model: Any, *, user_id: str) -> list[Any]:
    statement = select(model).where(model.user_id == user_id).order_by(col(model.created_at))
    return list(session.exec(statement).all())


def _revisions(session: Session, *, user_id: str, subject: str) -> list[Revision]:
    statement = (
        select(Revision)
        .where(Revision.user_id == user_id, Revision.subject == subject)
        .order_by(col(Revision.subject_id), col(Revision.number))
    )
    return list(session.exec(statement).all())


def _dump(rows: list[Any], **options: Any) -> list[dict[str, Any]]:
    return [row.model_dump(mode="json", **options) for row in rows]


def documents(session: Session, *, user: User) -> dict[str, Any]:
    """``{archive path: JSON-able document}`` for every kind of data the user has."""
    profile = get_or_create_profile(session, user_id=user.id)
    uid = user.id
    links = _rows(session, ShareLink, user_id=uid)
    return {
        "account.json": user.model_dump(mode="json", exclude=_USER_PRIVATE),
        "profile.json": build_view(session, profile=profile).model_dump(mode="json"),
        "cv_versions.json": _dump(_rows(session, CvVersion, user_id=uid)),
        "cv_history.json": _dump(_revisions(session, user_id=uid, subject="cv")),
        "profile_history.json": _dump(_revisions(session, user_id=uid, subject="profile")),
        "share_links.json": [link_view(link).model_dump(mode="json") for link in links],
        "applications.json": {
            "statuses": [label.model_dump() for label in board.status_labels(session, user_id=uid)],
            "applications": [
                {**applications.view(session, row).model_dump(mode="json"), "job": row.job}
                for row in _rows(session, Application, user_id=uid)
            ],
        },
        "cover_letters.json": [
            {**letters.view(row).model_dump(mode="json"), "revisions": row.revisions}
            for row in _rows(session, CoverLetter, user_id=uid)
        ],
        "consent_records.json": _dump(history(session, user_id=uid)),
        "audit_log.json": _dump(_rows(session, AuditEvent, user_id=uid)),
        "api_keys.json": [
            api_key_view(key, plan=user.plan).model_dump(mode="json")
            for key in _rows(session, ApiKey, user_id=uid)
        ],
        "ai_usage.json": _dump(_rows(session, AiUsage, user_id=uid)),
        "imports.json": _dump(_rows(session, ImportBatch, user_id=uid)),
        "jobs.json": _dump(_rows(session, Job, user_id=uid)),
        "stored_files.json": _dump(_rows(session, StoredFile, user_id=uid)),
    }
