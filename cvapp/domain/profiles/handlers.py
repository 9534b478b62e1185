"""Profile reactions to domain events (loaded by ``events.load_handlers``)."""

from __future__ import annotations

from sqlmodel import Session

from cvapp.domain.events import DomainEvent, subscribe
from cvapp.domain.profiles.completeness import recompute
from cvapp.models import Profile


@subscribe("profile.changed")
def recompute_completeness(session: Session, event: DomainEvent) -> None:
    """Any change to a profile or its sections refreshes its completeness."""
    profile_id = event.payload.get("profile_id")
    profile = session.get(Profile, profile_id) if profile_id else None
    if profile is not None:
        recompute(session, profile=profile)
