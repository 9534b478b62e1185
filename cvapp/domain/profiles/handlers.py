"""Profile reactions to domain events (loaded by ``events.load_handlers``)."""

from __future__ import annotations

from sqlmodel import Session

from cvapp.domain.events import DomainEvent, subscribe
from cvapp.domain.profiles import view_cache
from cvapp.domain.profiles.completeness import recompute
from cvapp.models import Profile
from cvapp.models.base import utcnow


@subscribe("profile.changed")
def recompute_completeness(session: Session, event: DomainEvent) -> None:
    """Any change to a profile or its sections refreshes its completeness."""
    profile_id = event.payload.get("profile_id")
    profile = session.get(Profile, profile_id) if profile_id else None
    if profile is not None:
        recompute(session, profile=profile)


@subscribe("profile.changed")
def touch_profile(session: Session, event: DomainEvent) -> None:
    """A change to a section is a new version of the profile: its ``updated_at`` moves too
    (what the cached owner view is checked against, see ``view_cache``)."""
    profile_id = event.payload.get("profile_id")
    profile = session.get(Profile, profile_id) if profile_id else None
    if profile is not None:
        profile.updated_at = utcnow()


@subscribe("profile.changed")
def forget_owner_view(session: Session, event: DomainEvent) -> None:
    """The owner's view held in process memory is dropped everywhere once this commits."""
    if event.user_id:
        view_cache.forget_after_commit(session, user_id=event.user_id)
