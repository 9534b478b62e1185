"""An application's links: a CV tailored from the gap analysis (kept with the application),
and a share link whose opens are dated on the application's timeline."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient
from sqlmodel import Session

from tests.domain.cv_support import (  # noqa: F401  (forget_exports: autouse)
    add,
    auth,
    build_profile,
    forget_exports,
    make_user,
)

API = "/api/v1/applications"
ADVERT = (
    "Backend Engineer (Payments)\n"
    "We are looking for a backend engineer.\n"
    "Requirements:\n"
    "- Strong Python experience\n"
    "- Experience with PostgreSQL\n"
)


def tailorable(
    api: TestClient, session: Session, advert: str, *skills: str
) -> tuple[dict[str, str], dict[str, Any], dict[str, list[str]]]:
    """A Python and PostgreSQL engineer (and ``skills``) tracking a job with ``advert``:
    their headers, the application and their profile's ids."""
    user = make_user(session)
    ids = build_profile(session, user)
    for name in ("PostgreSQL", *skills):
        ids.setdefault("more_skills", []).append(add(session, user, "skills", name=name))
    session.commit()
    headers = auth(user)
    created = api.post(
        API,
        json={"company": "Acme", "role": "Backend Engineer", "job_text": advert},
        headers=headers,
    ).json()
    return headers, created, ids


def test_tailor_a_cv_from_the_gap_analysis(api: TestClient, session: Session) -> None:
    headers, created, ids = tailorable(api, session, ADVERT, "Rust")
    rust = ids["more_skills"][1]
    tailored = api.post(f"{API}/{created['id']}/tailor", headers=headers)
    assert tailored.status_code == 201, tailored.text
    application, cv = tailored.json()["application"], tailored.json()["cv"]
    assert application["cv_id"] == cv["id"] and cv["target_role"] == "Backend Engineer"
    analysis = application["gap_analysis"]
    assert 0 <= analysis["score"] <= 100
    matched = {r["requirement"]["name"].lower() for r in analysis["matched"] + analysis["hidden"]}
    assert {"python", "postgresql"} <= matched
    skills = {item["id"]: item["visible"] for item in cv["items"]["skills"]}
    assert skills[rust] is False and skills[ids["skills"][0]] is True  # Python shown
    assert all(item["visible"] for item in cv["items"]["education"])  # nothing asked: kept
    assert application["timeline"][-1]["kind"] == "tailored"
    assert api.get(f"{API}/{created['id']}", headers=headers).json()["gap_analysis"] == analysis

    bare = api.post(API, json={"company": "B", "role": "C"}, headers=headers).json()
    refused = api.post(f"{API}/{bare['id']}/tailor", headers=headers)
    assert refused.status_code == 422
    other = auth(make_user(session))
    assert api.post(f"{API}/{created['id']}/tailor", headers=other).status_code == 404


def test_share_link_opens_show_on_the_timeline(api: TestClient, session: Session) -> None:
    user = make_user(session)
    build_profile(session, user)
    headers = auth(user)
    cv = api.post("/api/v1/cvs", json={"name": "For Acme"}, headers=headers).json()
    created = api.post(API, json={"company": "Acme", "role": "Dev"}, headers=headers).json()
    path = f"{API}/{created['id']}/share-links"
    assert api.post(path, headers=headers).status_code == 422  # no CV chosen yet
    api.patch(f"{API}/{created['id']}", json={"cv_id": cv["id"]}, headers=headers)
    link = api.post(path, json={"label": "Acme recruiter"}, headers=headers)
    assert link.status_code == 201, link.text
    url = link.json()["url"].removeprefix("http://localhost:3000")
    assert api.get(url).status_code == 200
    assert api.get(url + "/cv.pdf").status_code == 200
    timeline = api.get(f"{API}/{created['id']}/timeline", headers=headers).json()
    opened = [e["detail"] for e in timeline if e["kind"] == "opened"]
    assert opened == ["CV viewed via “Acme recruiter”", "PDF downloaded via “Acme recruiter”"]
    listed = api.get(f"/api/v1/cvs/{cv['id']}/share-links", headers=headers).json()["data"]
    assert listed[0]["views"] == 1 and listed[0]["downloads"] == 1
    # A plain CV link (no application) still adds nothing to any timeline.
    plain = api.post(f"/api/v1/cvs/{cv['id']}/share-links", json={}, headers=headers).json()
    api.get(plain["url"].removeprefix("http://localhost:3000"))
    again = api.get(f"{API}/{created['id']}/timeline", headers=headers).json()
    assert len(again) == len(timeline)


def test_a_cv_comes_back_with_its_link_after_its_application_went(
    api: TestClient, session: Session
) -> None:
    user = make_user(session)
    build_profile(session, user)
    headers = auth(user)
    cv = api.post("/api/v1/cvs", json={"name": "For Acme"}, headers=headers).json()
    created = api.post(
        API, json={"company": "Acme", "role": "Dev", "cv_id": cv["id"]}, headers=headers
    ).json()
    link = api.post(f"{API}/{created['id']}/share-links", headers=headers).json()
    assert api.delete(f"/api/v1/cvs/{cv['id']}", headers=headers).status_code == 204
    assert api.get(f"{API}/{created['id']}", headers=headers).json()["cv_id"] is None
    assert api.delete(f"{API}/{created['id']}", headers=headers).status_code == 204
    deleted = api.get("/api/v1/cvs/deleted", headers=headers).json()["data"][0]
    restored = api.post(
        f"/api/v1/cvs/{cv['id']}/history/{deleted['revision']}/restore", headers=headers
    )
    assert restored.status_code == 200, restored.text
    links = api.get(f"/api/v1/cvs/{cv['id']}/share-links", headers=headers).json()["data"]
    assert [item["id"] for item in links] == [link["id"]]
    assert api.get(link["url"].removeprefix("http://localhost:3000")).status_code == 200
