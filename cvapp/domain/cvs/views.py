"""The read view of a CV version: its choices merged with the master, review flags set."""

from __future__ import annotations

from sqlmodel import Session

from cvapp.domain.cvs import layout, overrides
from cvapp.domain.cvs.schemas import CvItemView, CvSectionView, CvView
from cvapp.domain.profiles.lookup import get_or_create_profile
from cvapp.domain.profiles.schemas import ProfileView
from cvapp.domain.profiles.views import build_view
from cvapp.models import CvVersion


def build_cv_view(session: Session, *, cv: CvVersion) -> CvView:
    """``cv`` as the editor shows it, merged with its owner's master as it is now."""
    profile = build_view(session, profile=get_or_create_profile(session, user_id=cv.user_id))
    return cv_view_from(cv, profile)


def cv_view_from(cv: CvVersion, profile: ProfileView) -> CvView:
    """``cv`` merged with ``profile`` (the owner's master view)."""
    masters = layout.master_items(profile)
    sections, items = layout.effective_layout(cv, masters)
    sources = cv.override_sources or {}
    by_id = {key: {i.id: i for i in values} for key, values in masters.items()}
    item_views: dict[str, list[CvItemView]] = {}
    reviews = 0
    for key, entries in items.items():
        views = []
        for entry in entries:
            master = by_id[key][entry["id"]]
            review = overrides.needs_review(sources, key, master, entry["overrides"])
            reviews += len(review)
            views.append(CvItemView(**entry, label=layout.item_label(key, master), review=review))
        item_views[key] = views
    summary_review = cv.summary_override is not None and sources.get(
        overrides.SUMMARY_KEY
    ) != overrides.fingerprint(profile.summary)
    return CvView.model_validate(
        {
            **cv.model_dump(exclude={"sections", "items"}),
            "sections": [CvSectionView(**section) for section in sections],
            "items": item_views,
            "summary_review": summary_review,
            "review_count": reviews + int(summary_review),
        }
    )
