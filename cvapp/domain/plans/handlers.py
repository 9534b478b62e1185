"""Keep read-only marks right: deleting a CV version may free a slot for a read-only one."""

from __future__ import annotations

from sqlmodel import Session

from cvapp.domain.events import DomainEvent, subscribe
from cvapp.domain.plans.service import apply_limits


@subscribe("cv.deleted")
def reapply_limits(session: Session, event: DomainEvent) -> None:
    if event.user_id:
        apply_limits(session, user_id=event.user_id)
