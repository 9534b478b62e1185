"""Public profile pages ``/p/{slug}``: server-rendered, anonymized, cached for an hour.

The page is the CV in its own template and design (the stylesheet of its HTML download, laid
out for screens down to a phone's), under a bar with the person's name and the PDF download.

PUBLIC profiles are listed and indexable, UNLISTED ones reachable by URL only (``noindex``),
PRIVATE ones and those of deleted accounts do not exist (404). The visibility is read from
the database on every request, so it applies at once; the rendered page is cached and
dropped whenever the profile, or the CV version it shows, changes (see ``handlers``).

The page and its PDF show the CV version the owner chose (``Profile.public_cv_id``: its
overrides, hidden sections and items, anonymized like every export), or else the whole master.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

from sqlmodel import Session, select

from cvapp import cache, invalidation
from cvapp.domain.exports import service as exports
from cvapp.domain.exports.catalog import get_template
from cvapp.domain.exports.document import build_document
from cvapp.domain.exports.formats import FORMATS
from cvapp.domain.exports.html import environment
from cvapp.domain.exports.leaks import LeakScanner
from cvapp.domain.exports.styles import inline_css, templates_fingerprint
from cvapp.domain.profiles.views import build_view
from cvapp.domain.public import meta
from cvapp.domain.public.choice import chosen_cv
from cvapp.domain.public.projection import public_projection, shown_cv
from cvapp.errors import NotFound
from cvapp.models import CvVersion, Profile, User
from cvapp.settings import get_settings

CACHE_TTL = 3600
PROFILE_PATH = "/p/{slug}"
PAGE_TOPIC = "public-page"  # invalidation messages: the key is a profile id
PDF_PATH = "/p/{slug}/cv.pdf"


@dataclass(frozen=True)
class PublicPage:
    html: str
    etag: str
    indexable: bool
    profile_id: str = ""


def cache_key(profile_id: str) -> str:
    return f"public:profile:{profile_id}"


def forget_page(profile_id: str) -> None:
    """Drop the page of ``profile_id`` from the shared cache and from every app process's
    memory (where the web layer keeps the hottest pages, see ``cvapp.api.fastpath``)."""
    cache.delete(cache_key(profile_id))
    invalidation.publish(PAGE_TOPIC, profile_id)


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


def page_stamp(profile: Profile, chosen: CvVersion | None) -> str:
    """What a cached page must have been rendered from to be served."""
    # updated_at moves with every change of the profile or its sections (the choice of CV
    # included), and the chosen CV's with its own: an entry that a lost invalidation left
    # behind (Redis unreachable at the time) is never served.
    # A deploy that changes a template's files changes the fingerprint: the cached page of
    # the old design is not served.
    shown = f"{chosen.id}:{chosen.version}:{chosen.updated_at.isoformat()}" if chosen else "-"
    changed = profile.updated_at.isoformat()
    return f"{profile.slug}|{profile.visibility}|{changed}|{shown}|{templates_fingerprint()}"


def public_profile_page(session: Session, *, slug: str) -> PublicPage:
    """The page of the profile at ``slug``, from the cache when nothing changed."""
    profile = find_public_profile(session, slug=slug)
    chosen = chosen_cv(session, profile=profile)
    stamp = page_stamp(profile, chosen)
    raw = cache.get(cache_key(profile.id))
    if raw is not None:
        cached = json.loads(raw)
        if cached.get("stamp") == stamp:
            return PublicPage(
                cached["html"], cached["etag"], profile.visibility == "PUBLIC", profile.id
            )
    page = render_profile_page(session, profile=profile, cv=shown_cv(profile, chosen))
    payload = {"stamp": stamp, "html": page.html, "etag": page.etag}
    cache.set(cache_key(profile.id), json.dumps(payload).encode(), CACHE_TTL)
    return page


def render_profile_page(
    session: Session, *, profile: Profile, cv: CvVersion | None = None
) -> PublicPage:
    """Render (no cache) the public page of ``profile`` showing ``cv`` (default: the CV the
    owner chose, else the whole master); leak-checked."""
    owner_view = build_view(session, profile=profile)
    resolved = public_projection(session, profile=profile, owner_view=owner_view, cv=cv)
    base = get_settings().public_url.rstrip("/")
    url = base + PROFILE_PATH.format(slug=profile.slug)
    image = base + resolved.basics["photo_url"] if resolved.basics.get("photo_url") else None
    indexable = profile.visibility == "PUBLIC"
    doc = build_document(resolved)
    html = (
        environment()
        .get_template("public/profile.html")
        .render(
            doc=doc,
            inline_css=inline_css(get_template(doc.template), doc.page_size, doc.design),
            url=url,
            image=image,
            pdf_url=PDF_PATH.format(slug=profile.slug),
            pdf_name=exports.filename(resolved, FORMATS["pdf"]),
            indexable=indexable,
            description=meta.description(resolved),
            json_ld=meta.person_json_ld(resolved, url=url, image=image),
        )
    )
    LeakScanner(owner_view.projects).check(
        html, source=resolved.model_dump(mode="json"), output="public page"
    )
    etag = hashlib.sha256(html.encode()).hexdigest()[:32]
    return PublicPage(html=html, etag=etag, indexable=indexable, profile_id=profile.id)


def public_profile_pdf(session: Session, *, slug: str) -> exports.ExportFile:
    """The PDF behind the page's "Download PDF" link: the same CV version as the page, in its
    template (no contact details, anonymized, leak-checked)."""
    profile = find_public_profile(session, slug=slug)
    cv = shown_cv(profile, chosen_cv(session, profile=profile))
    return exports.export_pdf(exports.load_source(session, cv=cv, public=True))
