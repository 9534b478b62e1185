"""Which CV version the public page shows: one of the owner's, or (None) the whole master."""

from __future__ import annotations

from sqlmodel import Session

from cvapp.errors import ValidationFailed
from cvapp.models import CvVersion, Profile


def check_public_cv(session: Session, *, profile: Profile, cv_id: str) -> CvVersion:
    """The owner's CV ``cv_id``; anyone else's, or none, is refused alike (no existence leak)."""
    cv = session.get(CvVersion, cv_id)
    if cv is None or cv.user_id != profile.user_id:
        raise ValidationFailed.field("public_cv_id", "Not one of your CVs")
    return cv


def chosen_cv(session: Session, *, profile: Profile) -> CvVersion | None:
    """The CV version the owner chose for the public page; None: the whole master."""
    if profile.public_cv_id is None:
        return None
    cv = session.get(CvVersion, profile.public_cv_id)
    return cv if cv is not None and cv.user_id == profile.user_id else None
