"""Keep public pages fresh: any change of a profile drops its cached page after commit."""

from __future__ import annotations

from sqlmodel import Session

from cvapp import cache
from cvapp.domain.events import DomainEvent, after_commit, subscribe
from cvapp.domain.public.pages import cache_key


@subscribe("profile.changed")
def drop_cached_page(session: Session, event: DomainEvent) -> None:
    profile_id = event.payload.get("profile_id")
    if profile_id:
        key = cache_key(str(profile_id))
        after_commit(session, lambda: cache.delete(key))
