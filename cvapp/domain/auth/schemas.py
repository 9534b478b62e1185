"""What the auth services hand back to their callers (routes and UI handlers)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from cvapp.models import User


@dataclass(frozen=True)
class AuthTokens:
    """A signed-in session: the access JWT, the refresh token (shown once) and its family."""

    user: User
    access_token: str
    refresh_token: str
    expires_in: int
    session_id: str
    token_type: str = "bearer"


@dataclass(frozen=True)
class MfaChallenge:
    """The password was right; the account wants its second factor with this token."""

    mfa_token: str
    expires_in: int
    methods: tuple[str, ...] = ("totp", "recovery_code")


@dataclass(frozen=True)
class SessionInfo:
    """One signed-in device: a refresh-token family and its latest token."""

    id: str
    started_at: datetime
    last_used_at: datetime
    expires_at: datetime
    ip: str | None
    user_agent: str | None
    current: bool


@dataclass(frozen=True)
class TotpSetup:
    """What an authenticator app needs: the secret, its otpauth URI and a QR code data URI."""

    secret: str
    otpauth_uri: str
    qr_code: str


def user_public(user: User) -> dict[str, Any]:
    """The account as shown to its owner (``GET /auth/me``)."""
    return {
        "id": user.id,
        "email": user.email,
        "full_name": user.full_name,
        "plan": user.plan,
        "email_verified": user.email_verified,
        "totp_enabled": user.totp_enabled,
        "created_at": user.created_at,
    }
