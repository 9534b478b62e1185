"""Metered use of paid features, counted per user and UTC day."""

from datetime import date

from sqlalchemy import UniqueConstraint

from cvapp.models.base import TableBase, fk


class AiUsage(TableBase, table=True):
    """How many AI requests a user made on ``day`` (UTC), for the daily quota."""

    __tablename__ = "ai_usage"
    __table_args__ = (UniqueConstraint("user_id", "day"),)

    user_id: str = fk("users.id", index=False)
    day: date
    count: int = 0
