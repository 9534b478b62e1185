"""/p/{slug}: server-rendered, visibility rules, meta tags, sanitising, cache invalidation."""

from __future__ import annotations

import json
import re

from fastapi.testclient import TestClient
from sqlmodel import Session

from cvapp import cache
from cvapp.domain.public.pages import cache_key
from cvapp.models import Profile, User
from cvapp.models.base import utcnow
from tests.domain.cv_support import (  # noqa: F401  (forget_exports: autouse)
    anonymized_project,
    auth,
    build_profile,
    forget_exports,
    make_user,
)

API = "/api/v1"


def _publish(api: TestClient, headers: dict[str, str], visibility: str, slug: str) -> None:
    body = {"visibility": visibility, "slug": slug}
    response = api.patch(f"{API}/profiles/me", json=body, headers=headers)
    assert response.status_code == 200, response.text


def _owner(api: TestClient, session: Session, visibility: str = "PUBLIC") -> dict[str, str]:
    user = make_user(session)
    build_profile(session, user)
    headers = auth(user)
    _publish(api, headers, visibility, "ann-example")
    return headers


def test_public_profile_page(api: TestClient, session: Session) -> None:
    _owner(api, session)
    page = api.get("/p/ann-example")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    html = page.text
    assert '<h1 class="name">Ann Example</h1>' in html and "Backend engineer" in html
    assert '<meta name="robots" content="index, follow">' in html
    assert '<meta property="og:title" content="Ann Example — Backend engineer">' in html
    assert '<meta name="twitter:card" content="summary">' in html
    assert '<link rel="canonical" href="http://localhost:3000/p/ann-example">' in html
    assert 'href="/p/ann-example/cv.pdf"' in html and "<script src" not in html
    ld = json.loads(re.search(r'ld\+json">(.*?)</script>', html, re.S).group(1))  # type: ignore[union-attr]
    assert ld["@type"] == "Person" and ld["name"] == "Ann Example"
    assert ld["worksFor"] == [{"@type": "Organization", "name": "Company 0"}]
    assert "Python" in ld["knowsAbout"]
    # No contact details or street address on a public page.
    assert "ann@example.org" not in html and "rue Secrète" not in html
    assert "x-robots-tag" not in page.headers


def test_unlisted_is_reachable_but_not_indexed(api: TestClient, session: Session) -> None:
    _owner(api, session, "UNLISTED")
    page = api.get("/p/ann-example")
    assert page.status_code == 200
    assert '<meta name="robots" content="noindex, nofollow">' in page.text
    assert page.headers["x-robots-tag"] == "noindex, nofollow"
    listed = api.get(f"{API}/profiles").json()
    assert listed["data"] == []


def test_private_unknown_and_deleted_are_404(api: TestClient, session: Session) -> None:
    headers = _owner(api, session)
    assert api.get("/p/ann-example").status_code == 200
    _publish(api, headers, "PRIVATE", "ann-example")
    private = api.get("/p/ann-example")
    assert private.status_code == 404 and "Not found" in private.text
    assert api.get("/p/ann-example/cv.pdf").status_code == 404
    assert api.get("/p/nobody-here").status_code == 404
    _publish(api, headers, "PUBLIC", "ann-example")
    assert api.get("/p/ann-example").status_code == 200
    user = session.exec(__import__("sqlmodel").select(User)).first()
    assert user is not None
    user.deleted_at = utcnow()
    session.add(user)
    session.commit()
    assert api.get("/p/ann-example").status_code == 404


def test_page_is_cached_and_invalidated_on_change(api: TestClient, session: Session) -> None:
    headers = _owner(api, session)
    first = api.get("/p/ann-example")
    profile = session.exec(__import__("sqlmodel").select(Profile)).one()
    assert cache.get(cache_key(profile.id)) is not None
    assert (
        api.get("/p/ann-example", headers={"If-None-Match": first.headers["etag"]}).status_code
        == 304
    )
    api.patch(f"{API}/profiles/me", json={"headline": "Staff engineer"}, headers=headers)
    assert cache.get(cache_key(profile.id)) is None
    second = api.get("/p/ann-example")
    assert "Staff engineer" in second.text and second.headers["etag"] != first.headers["etag"]
    api.post(
        f"{API}/experiences",
        json={"company": "Brand New Co", "title": "CTO", "start_date": "2025-01"},
        headers=headers,
    )
    assert "Brand New Co" in api.get("/p/ann-example").text


def test_slug_change_moves_the_page(api: TestClient, session: Session) -> None:
    headers = _owner(api, session)
    assert api.get("/p/ann-example").status_code == 200
    _publish(api, headers, "PUBLIC", "ann-new")
    assert api.get("/p/ann-example").status_code == 404
    assert api.get("/p/ann-new").status_code == 200
    reserved = api.patch(f"{API}/profiles/me", json={"slug": "admin"}, headers=headers)
    assert reserved.status_code == 422


def test_rich_text_is_sanitised(api: TestClient, session: Session) -> None:
    headers = _owner(api, session)
    summary = 'I <b>ship</b> <script>alert(1)</script><a href="javascript:x()">x</a> & more'
    api.patch(f"{API}/profiles/me", json={"summary": summary}, headers=headers)
    html = api.get("/p/ann-example").text
    assert "<strong>ship</strong>" in html  # imported HTML emphasis, printed as emphasis
    assert "<script>alert" not in html and "javascript:" not in html
    assert "&amp; more" in html


def test_public_page_and_pdf_are_anonymized(api: TestClient, session: Session) -> None:
    user = make_user(session)
    build_profile(session, user)
    anonymized_project(session, user)
    _publish(api, auth(user), "PUBLIC", "ann-example")
    html = api.get("/p/ann-example").text
    assert "Acme" not in html and "Falcon" not in html
    assert "a Tier-1 European bank" in html
    pdf = api.get("/p/ann-example/cv.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")


def test_leaking_public_page_is_not_published(api: TestClient, session: Session) -> None:
    user = make_user(session)
    build_profile(session, user)
    anonymized_project(session, user, alias="Acme Bank subsidiary")
    _publish(api, auth(user), "PUBLIC", "ann-example")
    page = api.get("/p/ann-example")
    assert page.status_code == 503 and "Acme" not in page.text
