"""Accounts: who signs in, on which plan, and the state of their security and lifecycle."""

from datetime import datetime

from sqlmodel import Field

from cvapp.models.base import TableBase, check_in, timestamp

PLANS = ("free", "pro", "expert")


class User(TableBase, table=True):
    """An account. Soft-deleted accounts keep their row until ``purge_after``."""

    __tablename__ = "users"
    __table_args__ = (check_in("plan", PLANS),)

    email: str = Field(max_length=320, unique=True)
    full_name: str = Field(default="", max_length=200)
    password_hash: str = Field(max_length=255)
    plan: str = Field(default="free", max_length=16)
    is_admin: bool = False
    email_verified: bool = False
    email_verified_at: datetime | None = timestamp()
    locked_until: datetime | None = timestamp()
    failed_login_count: int = 0
    failed_login_window_start: datetime | None = timestamp()
    totp_secret: str | None = Field(default=None, max_length=255)
    totp_enabled: bool = False
    last_login_at: datetime | None = timestamp()
    last_active_at: datetime | None = timestamp(index=True)
    inactivity_warned_at: datetime | None = timestamp()
    deleted_at: datetime | None = timestamp()
    purge_after: datetime | None = timestamp(index=True)
