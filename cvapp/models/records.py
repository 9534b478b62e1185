"""What the platform keeps as evidence: consents given, audit events, mail sent."""

from datetime import datetime
from typing import Any

from sqlalchemy import Index, Text
from sqlmodel import Field

from cvapp.models.base import TableBase, UTCDateTime, fk, json_dict, timestamp, utcnow


class ConsentRecord(TableBase, table=True):
    """A consent given or withdrawn (privacy policy version, marketing…)."""

    __tablename__ = "consent_records"

    user_id: str = fk("users.id")
    kind: str = Field(max_length=32)
    version: str = Field(max_length=32)
    granted: bool
    recorded_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, nullable=False)
    ip: str | None = Field(default=None, max_length=45)


class AuditEvent(TableBase, table=True):
    """A security-relevant action; purged with its user."""

    __tablename__ = "audit_events"
    __table_args__ = (Index("ix_audit_events_created_at", "created_at"),)

    user_id: str | None = fk("users.id", nullable=True)
    action: str = Field(max_length=64, index=True)
    ip: str | None = Field(default=None, max_length=45)
    details: dict[str, Any] = json_dict()


class OutboxEmail(TableBase, table=True):
    """A message for the embedded mail sink (and the record of what SMTP sent)."""

    __tablename__ = "outbox_emails"

    to_address: str = Field(max_length=320, index=True)
    subject: str = Field(max_length=255)
    body_text: str = Field(sa_type=Text)
    body_html: str | None = Field(default=None, sa_type=Text)
    sent_at: datetime | None = timestamp()
