"""Billing: who pays through which provider, and which provider events were applied."""

from datetime import datetime

from sqlalchemy import UniqueConstraint
from sqlmodel import Field

from cvapp.models.base import TableBase, fk, timestamp


class BillingAccount(TableBase, table=True):
    """A user's customer record at the payment provider (Stripe) and their subscription."""

    __tablename__ = "billing_accounts"
    __table_args__ = (UniqueConstraint("provider", "customer_id"),)

    user_id: str = fk("users.id", unique=True)
    provider: str = Field(default="stripe", max_length=32)
    customer_id: str = Field(max_length=255)
    subscription_id: str | None = Field(default=None, max_length=255)
    status: str | None = Field(default=None, max_length=32)
    plan: str | None = Field(default=None, max_length=16)
    # The provider's creation time of the last subscription event applied: an older event
    # arriving late (providers do not promise order) changes nothing.
    last_event_at: datetime | None = timestamp()


class BillingEvent(TableBase, table=True):
    """A provider event (webhook) already applied: a redelivery of the same id is a no-op."""

    __tablename__ = "billing_events"
    __table_args__ = (UniqueConstraint("provider", "event_id"),)

    provider: str = Field(default="stripe", max_length=32)
    event_id: str = Field(max_length=255)
    type: str = Field(max_length=100)
    user_id: str | None = fk("users.id", nullable=True, ondelete="SET NULL")
