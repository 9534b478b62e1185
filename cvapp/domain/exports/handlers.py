"""A changed CV, or a changed profile its CVs are cut from, is rendered again in the
background once edits pause (``tasks.start_prerender``)."""

from __future__ import annotations

from sqlmodel import Session

from cvapp.domain.events import DomainEvent, subscribe
from cvapp.domain.exports import tasks


@subscribe("cv.created", "cv.changed")
def prerender_cv(session: Session, event: DomainEvent) -> None:
    cv_id = event.payload.get("cv_id")
    if event.user_id and cv_id:
        tasks.start_prerender(session, user_id=event.user_id, cv_ids=[cv_id])


@subscribe("profile.changed")
def prerender_profile_cvs(session: Session, event: DomainEvent) -> None:
    if event.user_id:
        tasks.start_prerender(session, user_id=event.user_id)
