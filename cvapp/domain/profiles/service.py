"""Changing the profile: identity, contact, location, links, address and visibility."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlmodel import Session

from cvapp.domain.events import publish
from cvapp.domain.profiles import slugs
from cvapp.domain.profiles.lookup import get_or_create_profile
from cvapp.domain.profiles.schemas import ProfileUpdate, ProfileView
from cvapp.domain.profiles.views import build_view
from cvapp.domain.public.choice import check_public_cv
from cvapp.domain.sections.fields import validate
from cvapp.errors import ValidationFailed
from cvapp.models import Profile

_PLAIN = ("full_name", "headline", "summary", "website")
_LISTS = ("links", "interests", "references")


def update_profile(
    session: Session, *, user_id: str, changes: ProfileUpdate | Mapping[str, Any]
) -> ProfileView:
    """PATCH the caller's profile: fields sent change, ``contact``/``location`` merge."""
    profile = get_or_create_profile(session, user_id=user_id)
    update = validate(ProfileUpdate, changes)
    sent = update.model_fields_set
    for name in _PLAIN:
        if name in sent:
            setattr(profile, name, getattr(update, name) or ("" if name == "full_name" else None))
    for name in _LISTS:
        if name in sent:
            items = getattr(update, name) or []
            setattr(profile, name, [item.model_dump(exclude_none=True) for item in items])
    if "contact" in sent:
        contact = update.contact.model_dump(exclude_unset=True) if update.contact else None
        for name in ("email", "phone"):
            if contact is None or name in contact:
                setattr(profile, name, (contact or {}).get(name))
    if "location" in sent:
        location = update.location.model_dump(exclude_unset=True) if update.location else None
        merged = {**profile.location, **location} if location is not None else {}
        profile.location = {key: value for key, value in merged.items() if value}
    _publish_settings(session, profile, update)
    session.add(profile)
    session.flush()
    publish(session, "profile.changed", user_id=user_id, profile_id=profile.id)
    return build_view(session, profile=profile)


def _publish_settings(session: Session, profile: Profile, update: ProfileUpdate) -> None:
    """Apply ``slug``, ``visibility`` and ``public_cv_id``: a profile others can reach always
    has an address, and its page shows one of the owner's own CVs or the master."""
    sent = update.model_fields_set
    visibility = profile.visibility
    if "visibility" in sent:
        if update.visibility is None:
            raise ValidationFailed.field("visibility", "Use PRIVATE, UNLISTED or PUBLIC")
        visibility = update.visibility
    if "slug" in sent:
        if update.slug is None and visibility != "PRIVATE":
            raise ValidationFailed.field("slug", "A public or unlisted profile needs an address")
        if update.slug is not None:
            slugs.ensure_free(session, slug=update.slug, profile_id=profile.id)
        profile.slug = update.slug
    if visibility != "PRIVATE" and not profile.slug:
        profile.slug = slugs.generate(session, name=profile.full_name)
    profile.visibility = visibility
    if "public_cv_id" in sent:
        cv_id = update.public_cv_id
        profile.public_cv_id = (
            check_public_cv(session, profile=profile, cv_id=cv_id).id if cv_id else None
        )
