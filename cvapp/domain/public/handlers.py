"""Keep public pages fresh: a change of a profile, or of the CV version its page shows, drops
the cached page after commit (the stamp in ``pages`` still guards an invalidation lost) and
rewrites the profile's public search text in the same transaction."""

from __future__ import annotations

from sqlmodel import Session, col, select

from cvapp.domain.events import DomainEvent, after_commit, subscribe
from cvapp.domain.public.pages import forget_page
from cvapp.domain.public.projection import refresh_search_text
from cvapp.models import Profile


def _page_changed(session: Session, profile_id: str) -> None:
    profile = session.get(Profile, profile_id)
    if profile is not None:
        refresh_search_text(session, profile=profile)
    after_commit(session, lambda: forget_page(profile_id))


@subscribe("profile.changed")
def drop_cached_page(session: Session, event: DomainEvent) -> None:
    profile_id = event.payload.get("profile_id")
    if profile_id:
        _page_changed(session, str(profile_id))


@subscribe("cv.changed")
def drop_page_of_changed_cv(session: Session, event: DomainEvent) -> None:
    """Editing the CV version a public page shows changes that page."""
    cv_id = event.payload.get("cv_id")
    if not cv_id or not event.user_id:
        return
    statement = select(Profile.id).where(
        col(Profile.user_id) == event.user_id, col(Profile.public_cv_id) == cv_id
    )
    profile_id = session.exec(statement).first()
    if profile_id:
        _page_changed(session, profile_id)
