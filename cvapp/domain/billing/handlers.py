"""A deleted account stops paying: its subscription is cancelled at the provider."""

from __future__ import annotations

from sqlmodel import Session

from cvapp.domain.billing.service import end_subscription
from cvapp.domain.events import DomainEvent, subscribe


@subscribe("account.deleted")
def cancel_subscription(session: Session, event: DomainEvent) -> None:
    """Inside the deletion's transaction: if the provider cannot be reached, the deletion
    fails with "try again" rather than leaving a closed account being charged."""
    if event.user_id:
        end_subscription(session, user_id=event.user_id)
