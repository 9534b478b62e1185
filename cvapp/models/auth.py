"""Credentials beside the password: refresh tokens, API keys, one-time email tokens."""

from datetime import datetime

from sqlmodel import Field

from cvapp.models.base import ID_LENGTH, TableBase, check_in, fk, json_list, timestamp

EMAIL_TOKEN_PURPOSES = ("verify_email", "password_reset", "email_change")


class RefreshToken(TableBase, table=True):
    """One refresh token (stored hashed); rotation keeps the ``family_id`` of the login."""

    __tablename__ = "refresh_tokens"

    user_id: str = fk("users.id")
    family_id: str = Field(max_length=ID_LENGTH, index=True)
    token_hash: str = Field(max_length=128, unique=True)
    expires_at: datetime = timestamp(required=True)
    used_at: datetime | None = timestamp()
    revoked_at: datetime | None = timestamp()
    user_agent: str | None = Field(default=None, max_length=512)
    ip: str | None = Field(default=None, max_length=45)


class RevokedAccessToken(TableBase, table=True):
    """An access token's ``jti`` refused until the token would have expired anyway."""

    __tablename__ = "revoked_access_tokens"

    user_id: str = fk("users.id")
    jti: str = Field(max_length=64, unique=True)
    expires_at: datetime = timestamp(required=True, index=True)


class ApiKey(TableBase, table=True):
    """An Expert-tier API key (``cvk_<prefix>…``), stored hashed, shown once."""

    __tablename__ = "api_keys"

    user_id: str = fk("users.id")
    name: str = Field(max_length=100)
    prefix: str = Field(max_length=16, index=True)
    key_hash: str = Field(max_length=128, unique=True)
    scopes: list[str] = json_list()
    last_used_at: datetime | None = timestamp()
    revoked_at: datetime | None = timestamp()


class EmailToken(TableBase, table=True):
    """A single-use token mailed to the user (verification, reset, email change)."""

    __tablename__ = "email_tokens"
    __table_args__ = (check_in("purpose", EMAIL_TOKEN_PURPOSES),)

    user_id: str = fk("users.id")
    purpose: str = Field(max_length=32)
    token_hash: str = Field(max_length=128, unique=True)
    new_email: str | None = Field(default=None, max_length=320)
    expires_at: datetime = timestamp(required=True)
    used_at: datetime | None = timestamp()
