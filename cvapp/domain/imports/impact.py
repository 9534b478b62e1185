"""What an import will change besides the profile: the CV versions that show what it adds or
merges, the share links that point at them and the public page (said before applying)."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session, col, select

from cvapp.domain.cvs.layout import effective_sections
from cvapp.domain.cvs.sections import ITEM_SECTIONS
from cvapp.domain.profiles.lookup import get_or_create_profile
from cvapp.models import CvVersion, ShareLink
from cvapp.models.base import as_utc, utcnow


def _changes(view: dict[str, Any]) -> tuple[bool, set[str], set[tuple[str, str]]]:
    """(the profile's own fields change, sections that get new items, merged items)."""
    items = [*view.get("creates", []), *view.get("updates", [])]
    profile = any(i["section"] == "profile" and i["suggested_action"] == "merge" for i in items)
    created = {i["section"] for i in items if i["suggested_action"] == "create"}
    merged = {
        (i["section"], i["match"]["id"])
        for i in items
        if i["suggested_action"] == "merge" and i.get("match") and i["section"] != "profile"
    }
    return profile, created & set(ITEM_SECTIONS), merged


def _shows(cv: CvVersion, created: set[str], merged: set[tuple[str, str]]) -> bool:
    visible = {s["key"] for s in effective_sections(list(cv.sections or [])) if s["visible"]}
    if created & visible:  # a new item shows on every version, where its section shows
        return True
    for section, item_id in merged:
        stored = next(
            (e for e in (cv.items or {}).get(section) or [] if e.get("id") == item_id), None
        )
        if section in visible and (stored is None or stored.get("visible", True)):
            return True
    return False


def impact(session: Session, *, user_id: str, view: dict[str, Any]) -> dict[str, Any]:
    """``{cvs: [{id, name}], share_links: [{id, label, cv_id}], public_page}`` for the
    preview's suggested actions."""
    profile_changed, created, merged = _changes(view)
    nothing = not (profile_changed or created or merged)
    versions = session.exec(select(CvVersion).where(CvVersion.user_id == user_id)).all()
    cvs = [] if nothing else [
        cv for cv in versions if profile_changed or _shows(cv, created, merged)
    ]  # fmt: skip
    ids = [cv.id for cv in cvs]
    now = utcnow()
    links = session.exec(
        select(ShareLink)
        .where(col(ShareLink.cv_id).in_(ids), col(ShareLink.revoked_at).is_(None))
        .order_by(col(ShareLink.created_at))
    ).all() if ids else []  # fmt: skip
    live = [link for link in links if (as_utc(link.expires_at) or now) >= now]
    profile = get_or_create_profile(session, user_id=user_id)
    public = profile.visibility != "PRIVATE" and not nothing
    if public and profile.public_cv_id is not None:
        public = profile.public_cv_id in ids
    return {
        "cvs": [{"id": cv.id, "name": cv.name} for cv in sorted(cvs, key=lambda cv: cv.name)],
        "share_links": [{"id": link.id, "label": link.label, "cv_id": link.cv_id} for link in live],
        "public_page": public,
    }
