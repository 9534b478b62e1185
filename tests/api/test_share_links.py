"""Share links: per recipient, counted without storing visitors, expiring, revocable."""

from __future__ import annotations

from datetime import timedelta

from fastapi.testclient import TestClient
from sqlmodel import Session, select

from cvapp.models import ShareLink
from cvapp.models.base import utcnow
from tests.domain.cv_support import (  # noqa: F401  (forget_exports: autouse)
    auth,
    build_profile,
    forget_exports,
    make_user,
)

API = "/api/v1"


def _cv(api: TestClient, session: Session) -> tuple[dict[str, str], str]:
    user = make_user(session)
    build_profile(session, user)
    headers = auth(user)
    return headers, api.post(f"{API}/cvs", json={"name": "For Acme"}, headers=headers).json()["id"]


def _path(url: str) -> str:
    return url.removeprefix("http://localhost:3000")


def test_link_counts_views_and_downloads(api: TestClient, session: Session) -> None:
    headers, cv_id = _cv(api, session)
    created = api.post(
        f"{API}/cvs/{cv_id}/share-links", json={"label": "Acme — backend role"}, headers=headers
    )
    assert created.status_code == 201, created.text
    link = created.json()
    assert link["url"].startswith("http://localhost:3000/s/") and link["views"] == 0
    page = api.get(_path(link["url"]))
    assert page.status_code == 200 and "Ann Example" in page.text
    assert "noindex" in page.headers["x-robots-tag"] and "noindex" in page.text
    assert "Built the billing pipeline in Python and Kafka (role 0)" in page.text
    api.get(_path(link["url"]))
    pdf = api.get(_path(link["url"]) + "/cv.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    listing = api.get(f"{API}/cvs/{cv_id}/share-links", headers=headers).json()
    assert listing["pagination"]["total"] == 1
    counted = listing["data"][0]
    assert (counted["views"], counted["downloads"]) == (2, 1)
    assert counted["url"] == link["url"] and counted["label"] == "Acme — backend role"
    assert counted["last_viewed_at"] is not None
    # Only counters: the table has no column for visitors' addresses or agents.
    columns = set(ShareLink.model_fields)
    assert not {"ip", "user_agent", "visitor"} & columns
    row = session.exec(select(ShareLink)).one()
    token = link["url"].rsplit("/", 1)[1]
    assert token not in (row.token_hash, row.token_prefix) and row.token_prefix == token[:8]


def test_revoked_and_expired_links_stop_working(api: TestClient, session: Session) -> None:
    headers, cv_id = _cv(api, session)
    soon = (utcnow() + timedelta(days=1)).isoformat()
    link = api.post(
        f"{API}/cvs/{cv_id}/share-links", json={"label": "A", "expires_at": soon}, headers=headers
    ).json()
    assert api.get(_path(link["url"])).status_code == 200
    row = session.exec(select(ShareLink)).one()
    row.expires_at = utcnow() - timedelta(minutes=1)
    session.add(row)
    session.commit()
    assert api.get(_path(link["url"])).status_code == 404
    other = api.post(f"{API}/cvs/{cv_id}/share-links", json={"label": "B"}, headers=headers).json()
    assert api.get(_path(other["url"])).status_code == 200
    assert api.delete(f"{API}/share-links/{other['id']}", headers=headers).status_code == 204
    assert api.get(_path(other["url"])).status_code == 404
    assert api.get(_path(other["url"]) + "/cv.pdf").status_code == 404
    listing = api.get(f"{API}/cvs/{cv_id}/share-links", headers=headers).json()["data"]
    assert [item["active"] for item in listing] == [False, False]


def test_validation_and_ownership(api: TestClient, session: Session) -> None:
    headers, cv_id = _cv(api, session)
    past = (utcnow() - timedelta(days=1)).isoformat()
    bad = api.post(f"{API}/cvs/{cv_id}/share-links", json={"expires_at": past}, headers=headers)
    assert bad.status_code == 422
    link = api.post(f"{API}/cvs/{cv_id}/share-links", json={}, headers=headers).json()
    stranger = auth(make_user(session))
    assert api.delete(f"{API}/share-links/{link['id']}", headers=stranger).status_code == 404
    assert api.get(f"{API}/cvs/{cv_id}/share-links", headers=stranger).status_code == 404
    assert api.get("/s/not-a-real-token-at-all-000000").status_code == 404
    assert api.delete(f"{API}/cvs/{cv_id}", headers=headers).status_code == 204
    assert api.get(_path(link["url"])).status_code == 404
