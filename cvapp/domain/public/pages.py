"""Public profile pages ``/p/{slug}``: server-rendered, anonymized, cached for an hour.

PUBLIC profiles are listed and indexable, UNLISTED ones reachable by URL only (``noindex``),
PRIVATE ones and those of deleted accounts do not exist (404). The visibility is read from
the database on every request, so it applies at once; the rendered page is cached and
dropped whenever the profile changes (see ``handlers``).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

from sqlmodel import Session, select

from cvapp import cache
from cvapp.domain.exports import service as exports
from cvapp.domain.exports.document import build_document
from cvapp.domain.exports.html import environment
from cvapp.domain.exports.leaks import LeakScanner
from cvapp.domain.exports.resolve import resolve
from cvapp.domain.profiles.views import build_view
from cvapp.domain.public import meta
from cvapp.domain.public.rich import rich_text
from cvapp.errors import NotFound
from cvapp.models import CvVersion, Profile, User
from cvapp.settings import get_settings

CACHE_TTL = 3600
PROFILE_PATH = "/p/{slug}"
PDF_PATH = "/p/{slug}/cv.pdf"


@dataclass(frozen=True)
class PublicPage:
    html: str
    etag: str
    indexable: bool


def cache_key(profile_id: str) -> str:
    return f"public:profile:{profile_id}"


def find_public_profile(session: Session, *, slug: str) -> Profile:
    """The PUBLIC or UNLISTED profile at ``slug`` of an active account; else NotFound."""
    statement = (
        select(Profile)
        .join(User, User.id == Profile.user_id)  # type: ignore[arg-type]
        .where(Profile.slug == slug.lower(), Profile.visibility != "PRIVATE")
        .where(User.deleted_at.is_(None))  # type: ignore[union-attr]
    )
    profile = session.exec(statement).first()
    if profile is None:
        raise NotFound("Profile not found")
    return profile


def default_cv(profile: Profile, *, template: str = "classic") -> CvVersion:
    """An unsaved version showing every section of the master (for the public page)."""
    return CvVersion(
        id=f"public-{profile.id}"[:26],
        user_id=profile.user_id,
        profile_id=profile.id,
        name=profile.full_name or "CV",
        template=template,
    )


def public_profile_page(session: Session, *, slug: str) -> PublicPage:
    """The page of the profile at ``slug``, from the cache when nothing changed."""
    profile = find_public_profile(session, slug=slug)
    # updated_at moves with every change of the profile or its sections: an entry that a lost
    # invalidation left behind (Redis unreachable at the time) is never served.
    stamp = f"{profile.slug}|{profile.visibility}|{profile.updated_at.isoformat()}"
    raw = cache.get(cache_key(profile.id))
    if raw is not None:
        cached = json.loads(raw)
        if cached.get("stamp") == stamp:
            return PublicPage(cached["html"], cached["etag"], profile.visibility == "PUBLIC")
    page = render_profile_page(session, profile=profile)
    payload = {"stamp": stamp, "html": page.html, "etag": page.etag}
    cache.set(cache_key(profile.id), json.dumps(payload).encode(), CACHE_TTL)
    return page


def render_profile_page(session: Session, *, profile: Profile) -> PublicPage:
    """Render (no cache) the public page of ``profile``; leak-checked."""
    owner_view = build_view(session, profile=profile)
    resolved = resolve(default_cv(profile), owner_view, public=True)
    base = get_settings().public_url.rstrip("/")
    url = base + PROFILE_PATH.format(slug=profile.slug)
    image = base + resolved.basics["photo_url"] if resolved.basics.get("photo_url") else None
    indexable = profile.visibility == "PUBLIC"
    html = (
        environment()
        .get_template("public/profile.html")
        .render(
            doc=build_document(resolved),
            cv=resolved,
            rich=rich_text,
            url=url,
            image=image,
            pdf_url=PDF_PATH.format(slug=profile.slug),
            indexable=indexable,
            description=meta.description(resolved),
            json_ld=meta.person_json_ld(resolved, url=url, image=image),
        )
    )
    LeakScanner(owner_view.projects).check(
        html, source=resolved.model_dump(mode="json"), output="public page"
    )
    etag = hashlib.sha256(html.encode()).hexdigest()[:32]
    return PublicPage(html=html, etag=etag, indexable=indexable)


def public_profile_pdf(session: Session, *, slug: str) -> exports.ExportFile:
    """The PDF behind the page's "Download PDF" link (no contact details, anonymized)."""
    profile = find_public_profile(session, slug=slug)
    source = exports.load_source(session, cv=default_cv(profile), public=True)
    return exports.export_pdf(source)
