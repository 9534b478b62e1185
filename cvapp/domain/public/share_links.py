"""Share links: one per recipient, to one CV version, optionally expiring, revocable.

The token is derived from the link's id with the app secret (HMAC), so the owner can see the
URL again at any time, while the database keeps only its hash. Views and downloads are
counted; no IP address or visitor detail is stored.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from datetime import datetime
from typing import Annotated

from pydantic import AfterValidator, Field
from sqlalchemy import func, update
from sqlmodel import Session, col, select

from cvapp.domain.cvs.service import get_cv_row
from cvapp.domain.plans import service as plans
from cvapp.domain.sections.fields import Body, Text100, validate
from cvapp.domain.sections.views import View
from cvapp.errors import NotFound, ValidationFailed
from cvapp.models import CvVersion, ShareLink, User
from cvapp.models.base import as_utc, utcnow
from cvapp.settings import get_settings

SHARE_PATH = "/s/{token}"


def _aware(value: datetime | None) -> datetime | None:
    return as_utc(value)


class ShareLinkIn(Body):
    """POST /cvs/{id}/share-links."""

    label: Text100 | None = Field(default=None, description='e.g. "Acme — backend role"')
    expires_at: Annotated[datetime | None, AfterValidator(_aware)] = Field(
        default=None, description="null: never expires"
    )


class ShareLinkView(View):
    id: str
    cv_id: str
    label: str | None = None
    url: str
    expires_at: datetime | None = None
    revoked_at: datetime | None = None
    active: bool
    views: int
    downloads: int
    last_viewed_at: datetime | None = None
    created_at: datetime


def token_for(link_id: str) -> str:
    """The link's URL token (HMAC of its id; not stored)."""
    key = get_settings().secret_key.get_secret_value().encode()
    mac = hmac.new(key, f"share-link:{link_id}".encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(mac).decode().rstrip("=")[:32]


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def share_url(link_id: str) -> str:
    return get_settings().public_url.rstrip("/") + SHARE_PATH.format(token=token_for(link_id))


def _active(link: ShareLink) -> bool:
    expires = as_utc(link.expires_at)
    return link.revoked_at is None and (expires is None or expires > utcnow())


def link_view(link: ShareLink) -> ShareLinkView:
    return ShareLinkView.model_validate(
        {**link.model_dump(), "url": share_url(link.id), "active": _active(link)}
    )


def create_share_link(
    session: Session, *, user_id: str, cv_id: str, data: ShareLinkIn | dict[str, object]
) -> ShareLinkView:
    """A new link to the caller's CV version."""
    values = validate(ShareLinkIn, data)
    get_cv_row(session, user_id=user_id, cv_id=cv_id)
    plans.check(session, user_id=user_id, limit="share_links")
    if values.expires_at is not None and values.expires_at <= utcnow():
        raise ValidationFailed.field("expires_at", "Must be in the future")
    link = ShareLink(
        cv_id=cv_id, user_id=user_id, label=values.label, expires_at=values.expires_at,
        token_hash="", token_prefix="",
    )  # fmt: skip
    token = token_for(link.id)
    link.token_hash, link.token_prefix = token_hash(token), token[:8]
    session.add(link)
    session.flush()
    return link_view(link)


def list_share_links(
    session: Session, *, user_id: str, cv_id: str, offset: int = 0, limit: int | None = None
) -> tuple[list[ShareLinkView], int]:
    """The links of one of the caller's CVs, newest first (revoked ones included)."""
    get_cv_row(session, user_id=user_id, cv_id=cv_id)
    condition = col(ShareLink.cv_id) == cv_id
    total = session.exec(select(func.count()).select_from(ShareLink).where(condition)).one()
    statement = (
        select(ShareLink)
        .where(condition)
        .order_by(col(ShareLink.created_at).desc(), col(ShareLink.id).desc())
        .offset(offset)
        .limit(limit)
    )
    return [link_view(link) for link in session.exec(statement).all()], int(total)


def revoke_share_link(session: Session, *, user_id: str, link_id: str) -> None:
    """Stop a link from working (its counts stay visible to the owner)."""
    link = session.get(ShareLink, link_id)
    if link is None or link.user_id != user_id:
        raise NotFound("Share link not found")
    if link.revoked_at is None:
        link.revoked_at = utcnow()
        session.add(link)
        session.flush()


def open_share_link(session: Session, *, token: str) -> tuple[ShareLink, CvVersion]:
    """The live link behind ``token`` and its CV; NotFound for anything else."""
    if not 16 <= len(token) <= 64:
        raise NotFound("This link does not exist or has expired")
    link = session.exec(select(ShareLink).where(ShareLink.token_hash == token_hash(token))).first()
    cv = session.get(CvVersion, link.cv_id) if link is not None else None
    owner = session.get(User, link.user_id) if link is not None else None
    if link is None or cv is None or owner is None or owner.deleted_at or not _active(link):
        raise NotFound("This link does not exist or has expired")
    return link, cv


def count(session: Session, *, link_id: str, download: bool = False) -> None:
    """Add one view (or download) to a link, atomically; nothing about the visitor is kept."""
    values = (
        {"downloads": col(ShareLink.downloads) + 1}
        if download
        else {"views": col(ShareLink.views) + 1, "last_viewed_at": utcnow()}
    )
    session.execute(update(ShareLink).where(col(ShareLink.id) == link_id).values(**values))
