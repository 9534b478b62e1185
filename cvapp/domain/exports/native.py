"""The native JSON export: the CV's settings, the (anonymized) profile, and what it shows.

Everything a later import needs to rebuild the version: the profile's full data (hidden
items included), the version's choices and overrides, and the resolved result.
"""

from __future__ import annotations

from typing import Any

from cvapp.domain.anonymize.service import anonymize, masker_for
from cvapp.domain.cvs.views import cv_view_from
from cvapp.domain.exports.resolve import ResolvedCv
from cvapp.domain.profiles.schemas import ProfileView
from cvapp.models import CvVersion

FORMAT = "cvapp.cv"
VERSION = 1


def build_native(cv: CvVersion, profile: ProfileView, resolved: ResolvedCv) -> dict[str, Any]:
    """The native document of ``cv``; ``profile`` is the owner's view, anonymized here (the
    version's own overrides included)."""
    view = cv_view_from(cv, profile)
    settings = view.model_dump(mode="json", exclude={"review_count", "summary_review"})
    for entries in settings["items"].values():
        for entry in entries:
            entry.pop("review", None)
    document = {
        "format": FORMAT,
        "version": VERSION,
        "cv": settings,
        "profile": profile.model_dump(mode="json"),
        "resolved": resolved.model_dump(mode="json"),
    }
    return anonymize(document, masker=masker_for(profile.projects))
