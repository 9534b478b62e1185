"""Access tokens: short-lived JWTs carrying ``sub``, ``jti`` and ``plan``."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import jwt
from ulid import ULID

from cvapp.errors import Unauthenticated
from cvapp.models.base import utcnow
from cvapp.settings import get_settings

ALGORITHM = "HS256"


def create_access_token(*, user_id: str, plan: str, minutes: int | None = None) -> str:
    settings = get_settings()
    now = utcnow()
    claims = {
        "sub": user_id,
        "plan": plan,
        "jti": str(ULID()),
        "iat": now,
        "exp": now + timedelta(minutes=minutes or settings.access_token_minutes),
        "typ": "access",
    }
    return jwt.encode(claims, settings.secret_key, algorithm=ALGORITHM)


def decode_access_token(token: str) -> dict[str, Any]:
    """The token's claims; expired or forged tokens raise Unauthenticated."""
    try:
        claims = jwt.decode(
            token,
            get_settings().secret_key,
            algorithms=[ALGORITHM],
            options={"require": ["sub", "jti", "exp"]},
        )
    except jwt.ExpiredSignatureError as exc:
        raise Unauthenticated("Access token expired") from exc
    except jwt.PyJWTError as exc:
        raise Unauthenticated("Invalid access token") from exc
    if claims.get("typ") != "access":
        raise Unauthenticated("Invalid access token")
    return claims
