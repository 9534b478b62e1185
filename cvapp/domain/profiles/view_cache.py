"""The owner's full profile view, cached until the profile changes.

Building it reads every section and its links (16 queries, ~10 ms of ORM work for a long
career); owners read it far more often than they change it. An entry carries the profile's
``updated_at``, which every ``profile.changed`` sets in the changing transaction
(``handlers.touch_profile``), and is used only while it matches the row just read: a change,
a rolled-back edit or a restored backup never serves an outdated view, on any process,
without anything having to reach the cache.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlmodel import Session

from cvapp import cache, invalidation
from cvapp.domain.events import after_commit
from cvapp.domain.profiles.schemas import ProfileView
from cvapp.models import Profile

CACHE_TTL = 3600
VIEW_TOPIC = "profile-view"  # invalidation messages: the key is the owner's user id


def forget_after_commit(session: Session, *, user_id: str) -> None:
    """Once committed, drop ``user_id``'s view from every process's memory (the web layer's
    fast read path keeps the hottest ones there; the cached JSON itself is stamped)."""
    after_commit(session, lambda: invalidation.publish(VIEW_TOPIC, user_id))


def cache_key(profile_id: str) -> str:
    return f"profile:view:{profile_id}"


def cached_view(profile: Profile, build: Callable[[], ProfileView]) -> ProfileView:
    """The view of ``profile``: from the cache when it is of this version, else ``build()``."""
    body = _cached(profile)
    if body is not None:
        return ProfileView.model_validate_json(body)
    view = build()
    _keep(profile, view)
    return view


def cached_view_json(profile: Profile, build: Callable[[], ProfileView]) -> bytes:
    """``cached_view`` as the JSON the API sends, served without validating it again."""
    body = _cached(profile)
    return body if body is not None else _keep(profile, build())


def _stamp(profile: Profile) -> bytes:
    return profile.updated_at.isoformat().encode()


def _cached(profile: Profile) -> bytes | None:
    raw = cache.get(cache_key(profile.id))
    if raw is None:
        return None
    stamp, _, body = raw.partition(b"\n")
    return body if stamp == _stamp(profile) else None


def _keep(profile: Profile, view: ProfileView) -> bytes:
    body = view.model_dump_json().encode()
    cache.set(cache_key(profile.id), _stamp(profile) + b"\n" + body, CACHE_TTL)
    return body
