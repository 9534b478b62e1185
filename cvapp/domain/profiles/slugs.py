"""Public addresses (``/p/{slug}``): unique, and generated when a profile goes public."""

from __future__ import annotations

import re

from sqlmodel import Session, select

from cvapp.domain.anonymize.folding import fold
from cvapp.domain.profiles.schemas import RESERVED_SLUGS, SLUG_PATTERN
from cvapp.errors import Conflict
from cvapp.models import Profile


def ensure_free(session: Session, *, slug: str, profile_id: str) -> None:
    """Refuse a slug a published profile has. A private profile's old address is not held
    for it: saying "taken" would tell anyone that a private account goes by that name, so
    the new owner gets it and the private profile will get a new one when it is published."""
    owner = session.exec(select(Profile).where(Profile.slug == slug)).first()
    if owner is None or owner.id == profile_id:
        return
    if owner.visibility == "PRIVATE":
        owner.slug = None
        session.add(owner)
        session.flush()
        return
    raise Conflict(
        "This address is taken",
        details=[{"field": "slug", "message": f"{slug!r} is already in use"}],
    )


def generate(session: Session, *, name: str) -> str:
    """A free slug derived from ``name`` (``Zoë Müller`` → ``zoe-muller``, then ``-2``…)."""
    base = re.sub(r"[^a-z0-9]+", "-", fold(name)[0]).strip("-")[:56].strip("-")
    if len(base) < 3 or base in RESERVED_SLUGS or not SLUG_PATTERN.match(base):
        base = f"profile-{base}".strip("-") if base else "profile"
    taken = set(session.exec(select(Profile.slug).where(Profile.slug.startswith(base))).all())  # type: ignore[union-attr]
    candidate, number = base, 1
    while candidate in taken:
        number += 1
        candidate = f"{base}-{number}"
    return candidate
