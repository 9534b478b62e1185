"""Every saved change of a CV or of the master profile leaves a revision (see ``service`` and
``profile``)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import event
from sqlmodel import Session

from cvapp.domain.events import DomainEvent, subscribe
from cvapp.domain.history import profile, service
from cvapp.models import CvVersion, Profile


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


@subscribe("profile.created")
def record_new_profile(session: Session, event: DomainEvent) -> None:
    """A new profile's first revision is its empty state, so its first change is undoable."""
    found = session.get(Profile, event.payload.get("profile_id"))
    if found is not None:
        profile.record(session, found)


@subscribe("profile.changed")
def mark_profile(session: Session, event: DomainEvent) -> None:
    """The profile's revision is written once per transaction, when it commits."""
    profile_id = event.payload.get("profile_id")
    if profile_id and event.user_id:
        profile.mark_changed(
            session,
            profile_id=profile_id,
            user_id=event.user_id,
            import_id=event.payload.get("import_id"),
        )


@event.listens_for(Session, "before_commit")
def _record_profiles(session: Session) -> None:
    if not session.in_nested_transaction():  # not for a savepoint: once, for the transaction
        profile.record_marked(session)


@event.listens_for(Session, "after_soft_rollback")
def _forget_profiles(session: Session, previous_transaction: Any) -> None:
    if previous_transaction.parent is None:
        profile.forget_marks(session)
