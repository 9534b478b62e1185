"""Finding (and lazily creating) a user's one profile; every profile rule starts here."""

from __future__ import annotations

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from cvapp.domain.events import publish
from cvapp.errors import NotFound
from cvapp.models import Profile, User


def get_or_create_profile(session: Session, *, user_id: str) -> Profile:
    """The user's profile, created on first use from the account's name and email."""
    profile = session.exec(select(Profile).where(Profile.user_id == user_id)).first()
    if profile is not None:
        return profile
    user = session.get(User, user_id)
    if user is None or user.deleted_at is not None:
        raise NotFound("User not found")
    profile = Profile(user_id=user_id, full_name=user.full_name, email=user.email)
    try:
        with session.begin_nested():
            session.add(profile)
    except IntegrityError:  # created meanwhile by a concurrent request
        return session.exec(select(Profile).where(Profile.user_id == user_id)).one()
    publish(session, "profile.created", user_id=user_id, profile_id=profile.id)
    publish(session, "profile.changed", user_id=user_id, profile_id=profile.id)
    return profile
