"""Request and response bodies of the auth, account-security and legal endpoints."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, Field

from cvapp.domain.auth.schemas import AuthTokens, MfaChallenge, user_public

Secret = Field(min_length=1, max_length=1024)


class UserOut(BaseModel):
    id: str
    email: str
    full_name: str
    plan: Literal["free", "pro", "expert"]
    email_verified: bool
    totp_enabled: bool
    created_at: datetime
    consent_required: bool = Field(
        default=False,
        description="A new privacy policy awaits acceptance (POST /account/consent)",
    )


class TokenPairOut(BaseModel):
    """A signed-in session (the same tokens are also set as cookies)."""

    user: UserOut
    access_token: str
    refresh_token: str
    token_type: Literal["bearer"] = "bearer"
    expires_in: int = Field(description="Seconds until the access token expires")


class MfaChallengeOut(BaseModel):
    """Answer to a correct password on an account with two-factor sign-in: no tokens yet.

    Send ``mfa_token`` with a code to ``POST /auth/login/totp`` within ``expires_in`` seconds
    (or repeat the login with ``totp_code``).
    """

    mfa_required: Literal[True] = True
    mfa_token: str
    expires_in: int
    methods: list[Literal["totp", "recovery_code"]]


class RegisterIn(BaseModel):
    email: str = Field(max_length=320)
    password: str = Secret
    full_name: str = Field(max_length=200)
    accept_privacy_version: str = Field(
        max_length=32, description="The version of GET /legal/privacy the user accepted"
    )


class LoginIn(BaseModel):
    email: str = Field(max_length=320)
    password: str = Secret
    totp_code: str | None = Field(
        default=None,
        max_length=32,
        description="Authenticator or recovery code, to sign a 2FA account in in one step",
    )


class MfaLoginIn(BaseModel):
    mfa_token: str = Secret
    code: str = Field(min_length=1, max_length=32, description="Authenticator or recovery code")


class RefreshIn(BaseModel):
    refresh_token: str | None = Field(
        default=None, max_length=1024, description="Omit to use the cvapp_refresh cookie"
    )


class EmailIn(BaseModel):
    email: str = Field(max_length=320)


class TokenIn(BaseModel):
    token: str = Secret


class SignupConfirmIn(BaseModel):
    token: str = Secret
    password: str = Secret


class PasswordResetIn(BaseModel):
    token: str = Secret
    new_password: str = Secret


class PasswordChangeIn(BaseModel):
    current_password: str = Secret
    new_password: str = Secret


class EmailChangeIn(BaseModel):
    new_email: str = Field(max_length=320)
    password: str = Secret


class AcceptedOut(BaseModel):
    status: Literal["accepted"] = "accepted"
    message: str


class TotpStatusOut(BaseModel):
    enabled: bool
    recovery_codes_left: int


class TotpSetupOut(BaseModel):
    secret: str
    otpauth_uri: str
    qr_code: str = Field(description="The otpauth URI as an SVG QR code (data: URI)")


class CodeIn(BaseModel):
    code: str = Field(min_length=1, max_length=32)


class TotpDisableIn(BaseModel):
    password: str = Secret
    code: str = Field(min_length=1, max_length=32)


class RecoveryCodesOut(BaseModel):
    recovery_codes: list[str] = Field(description="Shown once; each works a single time")


class SessionOut(BaseModel):
    id: str
    started_at: datetime
    last_used_at: datetime
    expires_at: datetime
    ip: str | None
    user_agent: str | None
    current: bool


class AuditEventOut(BaseModel):
    id: str
    action: str
    ip: str | None
    details: dict[str, Any]
    created_at: datetime


class PrivacyPolicyOut(BaseModel):
    version: str
    text: str = Field(description="Markdown")
    published_at: datetime


def token_pair(tokens: AuthTokens) -> dict[str, Any]:
    return {
        "user": user_public(tokens.user),
        "access_token": tokens.access_token,
        "refresh_token": tokens.refresh_token,
        "token_type": tokens.token_type,
        "expires_in": tokens.expires_in,
    }


def mfa_challenge(challenge: MfaChallenge) -> dict[str, Any]:
    return {
        "mfa_required": True,
        "mfa_token": challenge.mfa_token,
        "expires_in": challenge.expires_in,
        "methods": list(challenge.methods),
    }
