"""GET /cvs/{id}/fit: what a one-page fit tightened and left out, the same answer the editor
shows (issue #20 point 4)."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlmodel import Session

from tests.domain.cv_support import (  # noqa: F401  (forget_exports: autouse)
    auth,
    build_profile,
    forget_exports,
    long_profile,
    make_user,
)

API = "/api/v1"


def test_fit_names_what_a_one_page_cv_left_out(api: TestClient, session: Session) -> None:
    user = make_user(session)
    ids = long_profile(session, user)
    headers = auth(user)
    body = {"name": "One page", "target_role": "Kafka streaming engineer", "one_page": True}
    cv = api.post(f"{API}/cvs", json=body, headers=headers).json()
    fit = api.get(f"{API}/cvs/{cv['id']}/fit", headers=headers)
    assert fit.status_code == 200, fit.text
    data = fit.json()
    assert data["pages"] == 1 and data["one_page"] is True
    assert data["level"] == 4 and data["font_pt"] == 9.0 and data["template_font_pt"] == 10.5
    assert data["dropped"], "eight roles do not fit one page"
    for item in data["dropped"]:
        assert item["id"] in ids[item["section"]] and item["label"]
    # The PDF's header names the same items, in the same order.
    pdf = api.get(f"{API}/cvs/{cv['id']}/export.pdf", headers=headers)
    listed = [f"{d['section']}:{d['id']}" for d in data["dropped"]]
    assert pdf.headers["x-dropped-items"].split(",") == listed
    assert api.get(f"{API}/cvs/{cv['id']}/fit", headers=auth(make_user(session))).status_code == 404


def test_fit_of_a_cv_that_needs_nothing(api: TestClient, session: Session) -> None:
    user = make_user(session)
    build_profile(session, user, roles=1)
    headers = auth(user)
    cv = api.post(f"{API}/cvs", json={"name": "Short", "one_page": True}, headers=headers).json()
    data = api.get(f"{API}/cvs/{cv['id']}/fit", headers=headers).json()
    assert data == {
        "pages": 1,
        "one_page": True,
        "level": 0,
        "font_pt": 10.5,
        "template_font_pt": 10.5,
        "dropped": [],
    }
