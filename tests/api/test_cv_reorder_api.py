"""POST /cvs/{id}/sections/reorder and /cvs/{id}/items/{section}/reorder: what dragging a
section or an item does, for API clients too; and the profile's reorder (dragging an item
of the master) keeps a revision like any other edit."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient
from sqlmodel import Session

from tests.domain.cv_support import (  # noqa: F401  (forget_exports: autouse)
    auth,
    build_profile,
    forget_exports,
    make_cv,
    make_user,
)

API = "/api/v1"


def _ok(response: Any, status: int = 200) -> Any:
    assert response.status_code == status, response.text
    return response.json()


def test_sections_reorder_saves_answers_the_cv_and_keeps_a_revision(
    api: TestClient, session: Session
) -> None:
    user = make_user(session)
    build_profile(session, user)
    cv = make_cv(session, user)
    headers = auth(user)
    url = f"{API}/cvs/{cv.id}/sections/reorder"

    response = api.post(url, json={"keys": ["education", "experiences"]}, headers=headers)
    body = _ok(response)
    assert [s["key"] for s in body["sections"]][:3] == ["education", "experiences", "summary"]
    assert response.headers["ETag"] == f'"{body["version"]}"'
    again = _ok(api.get(f"{API}/cvs/{cv.id}", headers=headers))
    assert [s["key"] for s in again["sections"]] == [s["key"] for s in body["sections"]]

    history = _ok(api.get(f"{API}/cvs/{cv.id}/history", headers=headers))["data"]
    assert [e["action"] for e in history] == ["changed", "created"]
    assert history[0]["label"] == "Sections reordered"
    assert history[0]["changes"][0]["after"][:2] == ["education", "experiences"]

    # Made from an older version (If-Match or ``version``): refused, nothing written.
    stale = api.post(url, json={"keys": ["skills"], "version": cv.version}, headers=headers)
    assert stale.status_code == 409
    assert stale.json()["error"]["code"] == "CONFLICT"
    old_tag = {**headers, "If-Match": f'"{cv.version}"'}
    assert api.post(url, json={"keys": ["skills"]}, headers=old_tag).status_code == 412
    assert _ok(api.get(f"{API}/cvs/{cv.id}", headers=headers))["version"] == body["version"]


def test_items_reorder_in_one_section(api: TestClient, session: Session) -> None:
    user = make_user(session)
    ids = build_profile(session, user)["experiences"]
    cv = make_cv(session, user)
    headers = auth(user)

    body = _ok(
        api.post(
            f"{API}/cvs/{cv.id}/items/experiences/reorder",
            json={"ids": [ids[2], ids[0]], "version": cv.version},
            headers=headers,
        )
    )

    assert [i["id"] for i in body["items"]["experiences"]] == [ids[2], ids[0], ids[1]]
    history = _ok(api.get(f"{API}/cvs/{cv.id}/history", headers=headers))["data"]
    assert len(history) == 2


def test_bad_orders_answer_422_in_the_error_envelope(api: TestClient, session: Session) -> None:
    user = make_user(session)
    ids = build_profile(session, user)
    cv = make_cv(session, user)
    headers = auth(user)
    sections = f"{API}/cvs/{cv.id}/sections/reorder"
    items = f"{API}/cvs/{cv.id}/items/experiences/reorder"
    bad = [
        (sections, {"keys": ["skills", "hobbies"]}),
        (sections, {"keys": ["skills", "skills"]}),
        (sections, {"keys": []}),
        (sections, {"order": ["skills"]}),
        (items, {"ids": [ids["skills"][0]]}),
        (items, {"ids": [ids["experiences"][0], ids["experiences"][0]]}),
        (items, {"ids": ["x" * 27]}),
        (items, {"ids": "01ARZ3NDEKTSV4RRFFQ69G5FAV"}),
        (f"{API}/cvs/{cv.id}/items/summary/reorder", {"ids": [ids["experiences"][0]]}),
    ]
    for url, payload in bad:
        response = api.post(url, json=payload, headers=headers)
        assert response.status_code == 422, (payload, response.text)
        assert response.json()["error"]["code"] == "VALIDATION_ERROR"
        assert response.json()["error"]["details"], payload
    assert _ok(api.get(f"{API}/cvs/{cv.id}", headers=headers))["version"] == cv.version


def test_another_users_cv_is_not_found(api: TestClient, session: Session) -> None:
    owner, stranger = make_user(session), make_user(session)
    ids = build_profile(session, owner)["experiences"]
    cv = make_cv(session, owner)
    for url, payload in (
        (f"{API}/cvs/{cv.id}/sections/reorder", {"keys": ["skills"]}),
        (f"{API}/cvs/{cv.id}/items/experiences/reorder", {"ids": ids}),
        (f"{API}/cvs/01ARZ3NDEKTSV4RRFFQ69G5FAV/sections/reorder", {"keys": ["skills"]}),
    ):
        response = api.post(url, json=payload, headers=auth(stranger))
        assert response.status_code == 404, response.text
        assert response.json()["error"]["code"] == "NOT_FOUND"
        assert api.post(url, json=payload).status_code == 401


def test_reordering_profile_items_is_a_profile_revision(api: TestClient, session: Session) -> None:
    user = make_user(session)
    headers = auth(user)
    made = [
        _ok(
            api.post(
                f"{API}/experiences",
                json={"company": company, "title": title, "start_date": start},
                headers=headers,
            ),
            201,
        )["id"]
        for company, title, start in (
            ("Quellwerk GmbH", "Backend-Entwicklerin", "2021-03"),
            ("株式会社サンプル", "エンジニア", "2018-04"),
        )
    ]
    before = _ok(api.get(f"{API}/profiles/me/history", headers=headers))["data"]

    order = _ok(api.post(f"{API}/experiences/reorder", json={"ids": made[::-1]}, headers=headers))

    assert [item["id"] for item in order["data"]] == made[::-1]
    after = _ok(api.get(f"{API}/profiles/me/history", headers=headers))["data"]
    assert len(after) == len(before) + 1
    assert after[0]["action"] == "changed"
