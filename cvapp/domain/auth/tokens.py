"""Signed tokens: short-lived access JWTs (``sub``, ``jti``, ``plan``, ``sid``) and the
five-minute ``mfa`` token that carries a half-done sign-in to its second factor."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import jwt
from ulid import ULID

from cvapp.errors import Unauthenticated
from cvapp.models.base import utcnow
from cvapp.settings import get_settings

ALGORITHM = "HS256"
MFA_TOKEN_MINUTES = 5


def _encode(claims: dict[str, Any], *, minutes: int) -> str:
    now = utcnow()
    claims = {"jti": str(ULID()), "iat": now, "exp": now + timedelta(minutes=minutes), **claims}
    return jwt.encode(claims, get_settings().secret_key.get_secret_value(), algorithm=ALGORITHM)


def _decode(token: str, *, typ: str, label: str) -> dict[str, Any]:
    try:
        claims = jwt.decode(
            token,
            get_settings().secret_key.get_secret_value(),
            algorithms=[ALGORITHM],
            options={"require": ["sub", "jti", "exp"]},
        )
    except jwt.ExpiredSignatureError as exc:
        raise Unauthenticated(f"{label} expired") from exc
    except jwt.PyJWTError as exc:
        raise Unauthenticated(f"Invalid {label.lower()}") from exc
    if claims.get("typ") != typ:
        raise Unauthenticated(f"Invalid {label.lower()}")
    return claims


def create_access_token(
    *, user_id: str, plan: str, minutes: int | None = None, session_id: str | None = None
) -> str:
    """An access JWT; ``session_id`` (the refresh family) lets revoking a session end it too."""
    claims: dict[str, Any] = {"sub": user_id, "plan": plan, "typ": "access"}
    if session_id:
        claims["sid"] = session_id
    return _encode(claims, minutes=minutes or get_settings().access_token_minutes)


def decode_access_token(token: str) -> dict[str, Any]:
    """The token's claims; expired or forged tokens raise Unauthenticated."""
    return _decode(token, typ="access", label="Access token")


def create_mfa_token(*, user_id: str) -> str:
    """Proof that the password was right, exchanged with a second factor for real tokens."""
    return _encode({"sub": user_id, "typ": "mfa"}, minutes=MFA_TOKEN_MINUTES)


def decode_mfa_token(token: str) -> dict[str, Any]:
    return _decode(token, typ="mfa", label="Sign-in step")
