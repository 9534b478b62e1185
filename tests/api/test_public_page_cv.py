"""/p/{slug} showing a CV version the owner chose (``public_cv_id``) instead of the master."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient
from sqlmodel import Session, select

from cvapp import cache
from cvapp.domain.account.purge import purge_account
from cvapp.domain.exports import pdftext
from cvapp.domain.public.pages import cache_key
from cvapp.models import CvVersion, Profile, User
from cvapp.models.base import utcnow
from tests.domain.cv_support import (  # noqa: F401  (forget_exports: autouse)
    anonymized_project,
    auth,
    build_profile,
    forget_exports,
    make_user,
)

API = "/api/v1"
OVERRIDE = "Led the payments platform rewrite"
SUMMARY = "Payments specialist, tailored for this page."
HIDDEN_BULLET = "Mentored five engineers and ran the hiring loop (role 0)"


def _tailored_cv(
    api: TestClient, headers: dict[str, str], ids: dict[str, list[str]], name: str = "Acme role"
) -> dict[str, Any]:
    """A CV: first job retitled with a bullet hidden, third job left out, own summary."""
    first, second, third = ids["experiences"]
    body = {
        "name": name,
        "summary_override": SUMMARY,
        "items": {
            "experiences": [
                {"id": first, "overrides": {"title": OVERRIDE}, "hidden": ["responsibilities.2"]},
                {"id": second},
                {"id": third, "visible": False},
            ]
        },
        "sections": [{"key": "languages", "visible": False}],
    }
    response = api.post(f"{API}/cvs", json=body, headers=headers)
    assert response.status_code == 201, response.text
    return dict(response.json())


def _choose(api: TestClient, headers: dict[str, str], cv_id: str | None) -> Any:
    return api.patch(f"{API}/profiles/me", json={"public_cv_id": cv_id}, headers=headers)


def _published(api: TestClient, session: Session) -> tuple[dict[str, str], dict[str, list[str]]]:
    user = make_user(session)
    ids = build_profile(session, user)
    headers = auth(user)
    body = {"visibility": "PUBLIC", "slug": "ann-example"}
    assert api.patch(f"{API}/profiles/me", json=body, headers=headers).status_code == 200
    return headers, ids


def _profile_id(session: Session) -> str:
    session.expire_all()
    return session.exec(select(Profile)).one().id


def test_page_and_pdf_show_the_chosen_cv(api: TestClient, session: Session) -> None:
    headers, ids = _published(api, session)
    master = api.get("/p/ann-example").text
    assert "Company 2" in master and HIDDEN_BULLET in master and "French" in master
    assert api.get(f"{API}/profiles/me", headers=headers).json()["public_cv_id"] is None
    cv = _tailored_cv(api, headers, ids)

    chosen = _choose(api, headers, cv["id"])
    assert chosen.status_code == 200, chosen.text
    assert chosen.json()["public_cv_id"] == cv["id"]
    assert api.get(f"{API}/profiles/me", headers=headers).json()["public_cv_id"] == cv["id"]

    html = api.get("/p/ann-example").text
    assert OVERRIDE in html and SUMMARY in html
    assert "Company 2" not in html and HIDDEN_BULLET not in html and "French" not in html
    assert "Company 1" in html
    assert "Acme role" not in html  # the version's name is the owner's label
    assert "ann@example.org" not in html and "rue Secrète" not in html

    pdf = api.get("/p/ann-example/cv.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    text = " ".join(pdftext.pdf_text(pdf.content).split())
    assert OVERRIDE in text and "Company 1" in text
    assert "Company 2" not in text and "ann@example.org" not in text
    assert "acme" not in pdf.headers["content-disposition"].lower()

    # Someone else's view of the profile does not carry the owner's setting.
    other = api.get(f"{API}/profiles/{_profile_id(session)}")
    assert other.status_code == 200 and other.json()["public_cv_id"] is None

    back = _choose(api, headers, None)
    assert back.status_code == 200 and back.json()["public_cv_id"] is None
    assert "Company 2" in api.get("/p/ann-example").text


def test_only_an_own_cv_can_be_chosen(api: TestClient, session: Session) -> None:
    headers, ids = _published(api, session)
    mine = _tailored_cv(api, headers, ids)
    stranger = make_user(session, name="Bob Other")
    theirs = _tailored_cv(api, auth(stranger), build_profile(session, stranger), "Bob's CV")

    for cv_id in (theirs["id"], "01JZZZZZZZZZZZZZZZZZZZZZZZ"):
        refused = _choose(api, headers, cv_id)
        assert refused.status_code == 422, refused.text
        error = refused.json()["error"]
        assert error["code"] == "VALIDATION_ERROR"
        assert error["details"] == [{"field": "public_cv_id", "message": "Not one of your CVs"}]
    assert _choose(api, headers, "x" * 27).status_code == 422
    assert api.get(f"{API}/profiles/me", headers=headers).json()["public_cv_id"] is None
    assert "Company 2" in api.get("/p/ann-example").text

    assert _choose(api, headers, mine["id"]).status_code == 200
    refused = _choose(api, headers, theirs["id"])
    assert refused.status_code == 422  # the earlier choice stays
    assert api.get(f"{API}/profiles/me", headers=headers).json()["public_cv_id"] == mine["id"]


def test_deleting_the_chosen_cv_reverts_the_page_to_the_master(
    api: TestClient, session: Session
) -> None:
    headers, ids = _published(api, session)
    cv = _tailored_cv(api, headers, ids)
    assert _choose(api, headers, cv["id"]).status_code == 200
    assert api.get(f"{API}/profiles/me", headers=headers).json()["public_cv_id"] == cv["id"]
    assert OVERRIDE in api.get("/p/ann-example").text
    assert cache.get(cache_key(_profile_id(session))) is not None

    assert api.delete(f"{API}/cvs/{cv['id']}", headers=headers).status_code == 204
    assert cache.get(cache_key(_profile_id(session))) is None
    session.expire_all()
    assert session.exec(select(Profile)).one().public_cv_id is None  # ON DELETE SET NULL
    html = api.get("/p/ann-example").text
    assert OVERRIDE not in html and "Company 2" in html and HIDDEN_BULLET in html
    # The owner's (cached) view follows too, although the profile row was not touched.
    assert api.get(f"{API}/profiles/me", headers=headers).json()["public_cv_id"] is None
    pdf_text = pdftext.pdf_text(api.get("/p/ann-example/cv.pdf").content)
    assert "Company 2" in " ".join(pdf_text.split())


def test_editing_the_chosen_cv_drops_the_cached_page(api: TestClient, session: Session) -> None:
    headers, ids = _published(api, session)
    cv = _tailored_cv(api, headers, ids)
    other = _tailored_cv(api, headers, ids, name="Another role")
    assert _choose(api, headers, cv["id"]).status_code == 200
    first = api.get("/p/ann-example")
    key = cache_key(_profile_id(session))
    assert cache.get(key) is not None

    # Editing a CV the page does not show leaves the cached page alone.
    body = {"summary_override": "Something else"}
    assert api.patch(f"{API}/cvs/{other['id']}", json=body, headers=headers).status_code == 200
    assert cache.get(key) is not None
    revalidated = api.get("/p/ann-example", headers={"If-None-Match": first.headers["etag"]})
    assert revalidated.status_code == 304

    body = {"summary_override": "Rewritten for the page"}
    edited = api.patch(f"{API}/cvs/{cv['id']}", json=body, headers=headers)
    assert edited.status_code == 200, edited.text
    assert cache.get(key) is None
    second = api.get("/p/ann-example", headers={"If-None-Match": first.headers["etag"]})
    assert second.status_code == 200 and second.headers["etag"] != first.headers["etag"]
    assert "Rewritten for the page" in second.text and SUMMARY not in second.text
    assert OVERRIDE in second.text and "Company 2" not in second.text  # still the chosen CV


def test_a_stale_cached_page_is_not_served_when_the_cv_changed(
    api: TestClient, session: Session
) -> None:
    """An invalidation that never reached the cache (Redis down at commit) is caught by the
    entry's stamp, which carries the chosen CV's version."""
    headers, ids = _published(api, session)
    cv = _tailored_cv(api, headers, ids)
    assert _choose(api, headers, cv["id"]).status_code == 200
    assert OVERRIDE in api.get("/p/ann-example").text
    row = session.get(CvVersion, cv["id"])
    assert row is not None
    row.summary_override = "Changed behind the cache's back"
    session.add(row)
    session.commit()  # no event published: the cached entry stays
    assert cache.get(cache_key(_profile_id(session))) is not None
    assert "Changed behind the cache&#39;s back" in api.get("/p/ann-example").text


def test_the_chosen_cv_is_anonymized_and_leak_checked(api: TestClient, session: Session) -> None:
    user = make_user(session)
    build_profile(session, user)
    project = anonymized_project(session, user)
    headers = auth(user)
    body = {"visibility": "UNLISTED", "slug": "ann-example"}
    assert api.patch(f"{API}/profiles/me", json=body, headers=headers).status_code == 200
    override = {"description": "Ran the Acme Bank programme"}
    cv_body = {"name": "Bank", "items": {"projects": [{"id": project, "overrides": override}]}}
    cv = api.post(f"{API}/cvs", json=cv_body, headers=headers).json()
    assert _choose(api, headers, cv["id"]).status_code == 200
    page = api.get("/p/ann-example")
    assert page.status_code == 200, page.text
    assert "Acme" not in page.text and "a Tier-1 European bank programme" in page.text
    assert "noindex" in page.headers["x-robots-tag"]
    pdf = api.get("/p/ann-example/cv.pdf")
    assert pdf.status_code == 200 and "Acme" not in pdftext.pdf_text(pdf.content)

    # A leaking alias: the page is refused rather than published (the check still runs).
    leaky = {"client_alias": "Acme Bank subsidiary"}
    assert api.patch(f"{API}/projects/{project}", json=leaky, headers=headers).status_code == 200
    assert api.get("/p/ann-example").status_code == 503


def test_an_account_with_a_chosen_cv_can_be_purged(api: TestClient, session: Session) -> None:
    """Users → profiles and CVs cascade while profiles → CVs sets NULL: both in one delete."""
    headers, ids = _published(api, session)
    cv = _tailored_cv(api, headers, ids)
    assert _choose(api, headers, cv["id"]).status_code == 200
    user = session.exec(select(User)).one()
    user.deleted_at = utcnow()
    session.add(user)
    session.commit()
    purge_account(session, user_id=user.id)
    session.commit()
    session.expire_all()
    assert session.exec(select(Profile)).all() == []
    assert session.exec(select(CvVersion)).all() == []
    assert api.get("/p/ann-example").status_code == 404
