"""The public projection: the one answer to "what may a stranger see of this profile?".

It is the CV version the owner chose for the public page (``Profile.public_cv_id``), or the
whole master, resolved for the public (no contact details, hidden sections, items and
bullets gone, overrides applied) and anonymized. The page ``/p/{slug}``, its PDF, its JSON-LD
and Open Graph tags, the anonymous ``GET /api/v1/profiles/{id}`` and the public search
document are all cut from it, so none of them can show more than another.
"""

from __future__ import annotations

from typing import Any

from sqlmodel import Session, col, select

from cvapp.domain.cvs.sections import ITEM_SECTIONS
from cvapp.domain.exports.resolve import ResolvedCv, resolve
from cvapp.domain.profiles.schemas import ProfileView
from cvapp.domain.profiles.views import build_view, public_view, visible_profile
from cvapp.domain.public.choice import chosen_cv
from cvapp.errors import NotFound
from cvapp.models import CvVersion, Profile

SEARCHED_SECTIONS = ("skills",)
"""Besides name, headline and summary, the sections whose item names public search finds."""


NOT_PUBLIC_BY_DEFAULT = ("references",)
"""Sections the whole-master page leaves out: references quote other people, who agreed to
be on a CV sent to an employer, not on the web; a CV chosen for the page may show them."""


def default_cv(profile: Profile, *, template: str = "classic", public: bool = True) -> CvVersion:
    """An unsaved version showing the whole master (``public``: as the public page shows it)."""
    hidden = NOT_PUBLIC_BY_DEFAULT if public else ()
    return CvVersion(
        id=f"public-{profile.id}"[:26],
        user_id=profile.user_id,
        profile_id=profile.id,
        name=profile.full_name or "CV",
        template=template,
        sections=[{"key": key, "visible": False} for key in hidden],
    )


def shown_cv(profile: Profile, chosen: CvVersion | None) -> CvVersion:
    """What the page renders: an unsaved copy of ``chosen`` (or the whole master) named after
    the person, since a version's own name ("Acme — backend role") is the owner's label,
    not for visitors (it would name the PDF file)."""
    if chosen is None:
        return default_cv(profile)
    return CvVersion.model_validate({**chosen.model_dump(), "name": profile.full_name or "CV"})


def public_projection(
    session: Session,
    *,
    profile: Profile,
    owner_view: ProfileView | None = None,
    cv: CvVersion | None = None,
) -> ResolvedCv:
    """What the public page of ``profile`` shows (``cv``: the version to show instead of the
    owner's choice, e.g. a preview), resolved and anonymized."""
    if cv is None:
        cv = shown_cv(profile, chosen_cv(session, profile=profile))
    if owner_view is None:
        owner_view = build_view(session, profile=profile)
    return resolve(cv, owner_view, public=True)


def projected_view(owner_view: ProfileView, projection: ResolvedCv) -> ProfileView:
    """``owner_view`` reduced to what ``projection`` shows: the anonymous API's answer.

    Identity and page settings come from the public (anonymized) view; the summary, the
    interests, the references and every section's items only as the page shows them, in its
    order, with the CV's rewrites and hidden bullets applied.
    """
    base = public_view(owner_view)
    shown = {section.key: section.items for section in projection.sections}
    update: dict[str, Any] = {
        "summary": projection.basics.get("summary") if "summary" in shown else None,
        "interests": base.interests if "interests" in shown else [],
        "references": base.references if "references" in shown else [],
    }
    for key in ITEM_SECTIONS:
        update[key] = shown.get(key, [])
    return ProfileView.model_validate({**base.model_dump(), **update})


def search_document(projection: ResolvedCv) -> str:
    """The text public search may match: only words the page shows, already anonymized."""
    basics = projection.basics
    words = [basics.get("full_name"), basics.get("headline"), projection.target_role]
    if projection.section("summary"):
        words.append(basics.get("summary"))
    for key in SEARCHED_SECTIONS:
        section = projection.section(key)
        if section:
            words.extend(item.get("name") for item in section.items)
    return "\n".join(word for word in words if isinstance(word, str) and word.strip())


def profile_for_viewer(session: Session, *, profile_id: str, viewer_id: str | None) -> ProfileView:
    """GET /profiles/{id}: the owner's full view, or the public projection of a PUBLIC one."""
    profile = visible_profile(session, profile_id=profile_id, viewer_id=viewer_id)
    owner_view = build_view(session, profile=profile)
    if profile.user_id == viewer_id:
        return owner_view
    projection = public_projection(session, profile=profile, owner_view=owner_view)
    return projected_view(owner_view, projection)


def profile_by_slug(session: Session, *, slug: str) -> ProfileView:
    """The public page's data (``/p/{slug}``) as a view: PUBLIC or UNLISTED, projected."""
    profile = session.exec(select(Profile).where(Profile.slug == slug.lower())).first()
    if profile is None:
        raise NotFound("Profile not found")
    shared = visible_profile(
        session, profile_id=profile.id, viewer_id=None, visibilities=("PUBLIC", "UNLISTED")
    )
    owner_view = build_view(session, profile=shared)
    return projected_view(owner_view, public_projection(session, profile=shared))


def refresh_search_text(session: Session, *, profile: Profile) -> None:
    """Write what public search may match of ``profile`` (nothing unless it is PUBLIC)."""
    text = None
    if profile.visibility == "PUBLIC":
        text = search_document(public_projection(session, profile=profile))
    if profile.public_search_text != text:
        profile.public_search_text = text


def fill_missing_search_text(session: Session) -> int:
    """Index the PUBLIC profiles never indexed (after an upgrade); how many were written."""
    statement = select(Profile).where(
        col(Profile.visibility) == "PUBLIC", col(Profile.public_search_text).is_(None)
    )
    profiles = session.exec(statement).all()
    for profile in profiles:
        refresh_search_text(session, profile=profile)
    return len(profiles)
