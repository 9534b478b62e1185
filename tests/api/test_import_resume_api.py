"""POST /api/v1/imports/resume: a CV file or pasted text → the same preview → apply (#18)."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient
from sqlmodel import Session

from cvapp.domain.exports import service as exports
from cvapp.worker.broker import broker
from tests.domain.cv_support import (  # noqa: F401  (forget_exports: autouse)
    auth,
    build_profile,
    forget_exports,
    make_cv,
    make_user,
)

API = "/api/v1"


def _preview(api: TestClient, headers: dict[str, str], response: Any) -> dict[str, Any]:
    assert response.status_code == 202, response.text
    broker.join("default", timeout=30_000)
    job = api.get(f"{API}/jobs/{response.json()['job']['id']}", headers=headers).json()
    assert job["status"] == "succeeded", job["error"]
    return dict(job["result"])


def test_our_pdf_export_imports_back_into_an_empty_profile(
    api: TestClient, session: Session
) -> None:
    author = make_user(session, name="Ann Example")
    build_profile(session, author)
    cv = make_cv(session, author)
    pdf = exports.export_cv(session, user_id=author.id, cv_id=cv.id, fmt="pdf").data

    newcomer = make_user(session, name="Ann Example")
    headers = auth(newcomer)
    started = api.post(
        f"{API}/imports/resume",
        headers=headers,
        files={"file": ("ann.pdf", pdf, "application/pdf")},
    )
    preview = _preview(api, headers, started)
    sections = sorted({item["section"] for item in preview["creates"]})
    assert sections == ["education", "experiences", "languages", "skills"]
    assert all(item["source"].startswith("page 1, line") for item in preview["creates"])
    applied = api.post(f"{API}/imports/{preview['import_id']}/apply", headers=headers, json={})
    assert applied.status_code == 200, applied.text

    mine = api.get(f"{API}/profiles/me", headers=headers).json()
    theirs = api.get(f"{API}/profiles/me", headers=auth(author)).json()
    assert [e["company"] for e in mine["experiences"]] == [
        e["company"] for e in theirs["experiences"]
    ]
    assert [e["responsibilities"] for e in mine["experiences"]] == [
        e["responsibilities"] for e in theirs["experiences"]
    ]
    assert mine["headline"] == theirs["headline"] and mine["summary"] == theirs["summary"]
    assert {s["name"] for s in mine["skills"]} == {s["name"] for s in theirs["skills"]}


def test_pasted_text(api: TestClient, session: Session) -> None:
    user = make_user(session, name="Sam Porter")
    headers = auth(user)
    text = "Sam Porter\nSRE\n\nExperience\nSRE Lead · Acme Cloud\tJan 2021 – Present\n- Ran on-call"
    preview = _preview(
        api, headers, api.post(f"{API}/imports/resume", headers=headers, json={"text": text})
    )
    (job,) = [item for item in preview["creates"] if item["section"] == "experiences"]
    assert job["data"]["company"] == "Acme Cloud" and job["data"]["responsibilities"] == [
        "Ran on-call"
    ]
    assert job["review"] is False and job["confidence"] >= 0.7
    view = api.get(f"{API}/imports/{preview['import_id']}", headers=headers)
    assert view.status_code == 200 and view.json()["source"] == "resume"


def test_items_read_with_low_confidence_are_marked_for_review(
    api: TestClient, session: Session
) -> None:
    headers = auth(make_user(session, name="Kim Lee"))
    text = "Kim Lee\n\nEducation\nÉcole des Beaux-Arts, fine arts"
    preview = _preview(
        api, headers, api.post(f"{API}/imports/resume", headers=headers, json={"text": text})
    )
    (school,) = [item for item in preview["creates"] if item["section"] == "education"]
    assert school["review"] is True and school["confidence"] < 0.7
    assert school["source"] == "page 1, line 3"
    too_long = api.post(f"{API}/imports/resume", headers=headers, json={"text": "x" * 200_001})
    assert too_long.status_code == 422
    assert "at most 200,000 characters" in too_long.json()["error"]["details"][0]["message"]


def test_bad_uploads_get_clear_errors(api: TestClient, session: Session) -> None:
    headers = auth(make_user(session))
    scanned = api.post(
        f"{API}/imports/resume",
        headers=headers,
        files={"file": ("scan.pdf", b"%PDF-1.4\nnot really", "application/pdf")},
    )
    assert scanned.status_code == 422 and scanned.json()["error"]["code"] == "VALIDATION_ERROR"
    assert "could not be read" in scanned.json()["error"]["message"]
    empty = api.post(f"{API}/imports/resume", headers=headers, json={"text": "   "})
    assert empty.status_code == 422
    wrong = api.post(f"{API}/imports/resume", headers=headers, json={"words": "x"})
    assert wrong.status_code == 422 and wrong.json()["error"]["details"][0]["field"] == "text"
    plain = api.post(
        f"{API}/imports/resume", headers={**headers, "Content-Type": "text/csv"}, content=b"a,b"
    )
    assert plain.status_code == 415
    assert api.post(f"{API}/imports/resume", json={"text": "x"}).status_code == 401
