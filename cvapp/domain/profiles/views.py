"""Reading profiles: the owner's full view, the public (anonymized) view, the public list."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlalchemy import ColumnElement, exists, func
from sqlalchemy.orm import lazyload
from sqlmodel import Session, col, select

from cvapp.domain.anonymize.service import anonymize, anonymize_profile, masker_for
from cvapp.domain.profiles.lookup import get_or_create_profile
from cvapp.domain.profiles.schemas import PHOTO_URL, ProfileCard, ProfileView
from cvapp.domain.profiles.view_cache import cached_view, cached_view_json
from cvapp.domain.sections import SECTIONS
from cvapp.domain.sections.search import text_match
from cvapp.errors import NotFound, ValidationFailed
from cvapp.models import Profile, Project, User
from cvapp.models.profile import PROFILE_SEARCH_DOCUMENT

PUBLIC_SORT_FIELDS = ("full_name", "updated_at", "created_at")


def photo_url(profile: Profile) -> str | None:
    """Where the profile's photo is served, versioned by its storage key."""
    if not profile.photo_key:
        return None
    version = profile.photo_key.rsplit("/", 1)[-1].split(".", 1)[0]
    return PHOTO_URL.format(profile_id=profile.id, version=version)


def _profile_fields(profile: Profile) -> dict[str, Any]:
    return {
        **profile.model_dump(
            exclude={"email", "phone", "completeness_missing", "photo_key", "public_search_text"}
        ),
        "contact": {"email": profile.email, "phone": profile.phone},
        "missing": profile.completeness_missing,
        "photo_url": photo_url(profile),
    }


def build_view(session: Session, *, profile: Profile) -> ProfileView:
    """The owner's view of ``profile`` with every section (a fixed number of queries)."""
    sections = {
        key: service.for_profile(session, profile_id=profile.id)
        for key, service in SECTIONS.items()
    }
    return ProfileView.model_validate({**_profile_fields(profile), **sections})


def my_profile(session: Session, *, user_id: str) -> ProfileView:
    """The caller's full profile (created on first use), from the cache while unchanged."""
    profile = get_or_create_profile(session, user_id=user_id)
    return cached_view(profile, lambda: build_view(session, profile=profile))


def my_profile_json(session: Session, *, user_id: str) -> bytes:
    """``my_profile`` as JSON, straight from the cache while unchanged."""
    profile = get_or_create_profile(session, user_id=user_id)
    return cached_view_json(profile, lambda: build_view(session, profile=profile))


def public_view(view: ProfileView) -> ProfileView:
    """What anyone may see of a profile: anonymized, without contact or private settings."""
    location = view.location.model_copy(update={"address": None, "postal_code": None})
    private: dict[str, Any] = {
        "contact": None,
        "completeness": None,
        "missing": [],
        "location": location,
        "public_cv_id": None,
    }
    return anonymize_profile(view.model_copy(update=private))


def _active_owner() -> ColumnElement[bool]:
    deleted = exists().where(col(User.id) == Profile.user_id, col(User.deleted_at).is_not(None))
    return ~deleted


def visible_profile(
    session: Session,
    *,
    profile_id: str,
    viewer_id: str | None,
    visibilities: tuple[str, ...] = ("PUBLIC",),
) -> Profile:
    """The viewer's own profile, or one in ``visibilities`` of an active account; else 404."""
    statement = select(Profile).where(Profile.id == profile_id)
    profile = session.exec(statement).first()
    if profile is not None and viewer_id is not None and profile.user_id == viewer_id:
        return profile
    return _shared(session, profile, visibilities)


def _shared(session: Session, profile: Profile | None, visibilities: tuple[str, ...]) -> Profile:
    if profile is None or profile.visibility not in visibilities:
        raise NotFound("Profile not found")
    if not session.exec(select(_active_owner()).where(Profile.id == profile.id)).one():
        raise NotFound("Profile not found")
    return profile


def list_public_profiles(
    session: Session,
    *,
    query: str | None = None,
    offset: int = 0,
    limit: int = 20,
    sort: tuple[str, bool] = ("full_name", False),
) -> tuple[list[ProfileCard], int]:
    """PUBLIC profiles, full-text searched in what their public pages show; anonymized."""
    field, descending = sort
    if field not in PUBLIC_SORT_FIELDS:
        raise ValidationFailed.field("sort", f"Use one of {', '.join(PUBLIC_SORT_FIELDS)}")
    conditions = [col(Profile.visibility) == "PUBLIC", _active_owner()]
    if query and query.strip():
        columns = (Profile.public_search_text,)
        dialect = session.get_bind().dialect.name
        conditions.append(
            text_match(dialect, document=PROFILE_SEARCH_DOCUMENT, columns=columns, query=query)
        )
    total = session.exec(select(func.count()).select_from(Profile).where(*conditions)).one()
    column: Any = getattr(Profile, field)
    column = func.lower(column) if field == "full_name" else column
    statement = (
        select(Profile)
        .where(*conditions)
        .order_by(column.desc() if descending else column, Profile.id)
        .offset(offset)
        .limit(limit)
    )
    profiles = session.exec(statement).all()
    return _cards(session, list(profiles)), int(total)


def _cards(session: Session, profiles: list[Profile]) -> list[ProfileCard]:
    """Cards of ``profiles``, each anonymized by its own projects (one query for all)."""
    projects: dict[str, list[Project]] = defaultdict(list)
    if profiles:
        statement = (
            select(Project)
            .options(lazyload("*"))
            .where(
                Project.profile_id.in_([p.id for p in profiles]),  # type: ignore[attr-defined]
                Project.anonymize,
            )
        )
        for project in session.exec(statement).all():
            projects[project.profile_id].append(project)
    cards = []
    for profile in profiles:
        location = {k: v for k, v in (profile.location or {}).items() if k in _CARD_LOCATION}
        card = ProfileCard.model_validate(
            {**profile.model_dump(), "location": location, "photo_url": photo_url(profile)}
        )
        cards.append(anonymize(card, masker=masker_for(projects[profile.id])))
    return cards


_CARD_LOCATION = ("city", "region", "country_code")
