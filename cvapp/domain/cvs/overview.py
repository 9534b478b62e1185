"""The dashboard's picture of a user's CVs: each version with its share links' counts, and
the profile's completeness with what to do next."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlmodel import Session, col, func, select

from cvapp.domain.cvs.service import list_cvs
from cvapp.domain.profiles.lookup import get_or_create_profile
from cvapp.models import ShareLink
from cvapp.models.base import as_utc, utcnow

SHOWN_CVS = 12


def ago(moment: datetime, *, now: datetime | None = None) -> str:
    """ "just now", "5 min ago", "3 h ago", "2 days ago", else the date."""
    seconds = ((now or utcnow()) - (as_utc(moment) or moment)).total_seconds()
    if seconds < 60:
        return "just now"
    if seconds < 3600:
        return f"{int(seconds // 60)} min ago"
    if seconds < 86_400:
        return f"{int(seconds // 3600)} h ago"
    days = int(seconds // 86_400)
    if days < 30:
        return f"{days} day{'s' if days > 1 else ''} ago"
    return f"{moment:%d %b %Y}"


def overview(session: Session, *, user_id: str) -> dict[str, Any]:
    """``{cvs: [...], total, completeness, missing}``: the newest CV versions first, each with
    its live share links and their views and downloads."""
    cvs, total = list_cvs(session, user_id=user_id, limit=SHOWN_CVS)
    ids = [cv.id for cv in cvs]
    counts: dict[str, tuple[int, int, int]] = {}
    if ids:
        rows = session.exec(
            select(
                ShareLink.cv_id,
                func.count(),
                func.coalesce(func.sum(ShareLink.views), 0),
                func.coalesce(func.sum(ShareLink.downloads), 0),
            )
            .where(col(ShareLink.cv_id).in_(ids), col(ShareLink.revoked_at).is_(None))
            .group_by(col(ShareLink.cv_id))
        ).all()
        counts = {cv_id: (int(n), int(v), int(d)) for cv_id, n, v, d in rows}
    profile = get_or_create_profile(session, user_id=user_id)
    stamp = int((as_utc(profile.updated_at) or utcnow()).timestamp())
    return {
        "cvs": [
            {
                "id": cv.id,
                "name": cv.name,
                "target_role": cv.target_role or "",
                "edited": ago(cv.updated_at),
                # Changes whenever the CV or the profile it is cut from does (thumbnail URL).
                "version": f"{cv.version}-{stamp}",
                "links": counts.get(cv.id, (0, 0, 0))[0],
                "views": counts.get(cv.id, (0, 0, 0))[1],
                "downloads": counts.get(cv.id, (0, 0, 0))[2],
            }
            for cv in cvs
        ],
        "total": total,
        "completeness": profile.completeness,
        "missing": list(profile.completeness_missing or []),
    }
