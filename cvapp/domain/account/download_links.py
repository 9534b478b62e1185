"""Signed links to a finished data export: valid 7 days, naming the user and the job."""

from __future__ import annotations

from datetime import datetime, timedelta

import jwt

from cvapp.domain.auth.tokens import ALGORITHM
from cvapp.errors import NotFound
from cvapp.models.base import utcnow
from cvapp.settings import get_settings

LINK_LIFETIME = timedelta(days=7)
DOWNLOAD_PATH = "/api/v1/account/export/{token}"
_TYP = "account_export"


def sign(*, user_id: str, job_id: str, now: datetime | None = None) -> tuple[str, datetime]:
    """A download token and when it expires."""
    issued = now or utcnow()
    expires_at = issued + LINK_LIFETIME
    claims = {"sub": user_id, "job": job_id, "typ": _TYP, "iat": issued, "exp": expires_at}
    return jwt.encode(
        claims, get_settings().secret_key.get_secret_value(), algorithm=ALGORITHM
    ), expires_at


def verify(token: str) -> tuple[str, str]:
    """``(user_id, job_id)`` of a valid token; expired or forged ones answer NotFound."""
    try:
        claims = jwt.decode(
            token,
            get_settings().secret_key.get_secret_value(),
            algorithms=[ALGORITHM],
            options={"require": ["sub", "job", "exp"]},
        )
    except jwt.PyJWTError:
        raise NotFound("This download link is invalid or has expired") from None
    if claims.get("typ") != _TYP:
        raise NotFound("This download link is invalid or has expired")
    return str(claims["sub"]), str(claims["job"])


def url(token: str) -> str:
    return get_settings().public_url.rstrip("/") + DOWNLOAD_PATH.format(token=token)
