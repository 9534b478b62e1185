"""Every saved change of a CV leaves a revision (see ``service``)."""

from __future__ import annotations

from sqlmodel import Session

from cvapp.domain.events import DomainEvent, subscribe
from cvapp.domain.history import service
from cvapp.models import CvVersion


@subscribe("cv.created", "cv.changed")
def record_change(session: Session, event: DomainEvent) -> None:
    cv = session.get(CvVersion, event.payload.get("cv_id"))
    if cv is not None:
        service.record(session, cv, created=event.name == "cv.created")


@subscribe("cv.deleted")
def record_deletion(session: Session, event: DomainEvent) -> None:
    deleted = event.payload.get("deleted")
    if event.user_id and deleted:
        service.record_deletion(session, user_id=event.user_id, deleted=deleted)
