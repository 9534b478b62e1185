"""/cvs: create, list, read, replace, patch, duplicate, delete; other users get 404."""

from __future__ import annotations

import io

from fastapi.testclient import TestClient
from PIL import Image
from sqlmodel import Session

from tests.domain.cv_support import (  # noqa: F401  (forget_exports: autouse)
    auth,
    build_profile,
    forget_exports,
    make_user,
)

API = "/api/v1"


def test_crud_round_trip(api: TestClient, session: Session) -> None:
    user = make_user(session)
    ids = build_profile(session, user)
    headers = auth(user)
    created = api.post(f"{API}/cvs", json={"target_role": "Payments engineer"}, headers=headers)
    assert created.status_code == 201, created.text
    cv = created.json()
    assert cv["name"] == "Payments engineer" and cv["template"] == "classic"
    assert created.headers["Location"].endswith(f"/api/v1/cvs/{cv['id']}")
    assert [i["id"] for i in cv["items"]["experiences"]] == ids["experiences"]

    patch = {
        "template": "modern",
        "one_page": True,
        "items": {"experiences": [{"id": ids["experiences"][1], "visible": False}]},
    }
    patched = api.patch(f"{API}/cvs/{cv['id']}", json=patch, headers=headers).json()
    assert patched["template"] == "modern" and patched["one_page"] is True
    assert [i["visible"] for i in patched["items"]["experiences"]] == [True, False, True]

    replaced = api.put(f"{API}/cvs/{cv['id']}", json={"name": "Reset"}, headers=headers).json()
    assert replaced["template"] == "classic" and all(
        i["visible"] for i in replaced["items"]["experiences"]
    )

    copy = api.post(f"{API}/cvs/{cv['id']}/duplicate", headers=headers)
    assert copy.status_code == 201 and copy.json()["name"] == "Reset (copy)"
    named = api.post(f"{API}/cvs/{cv['id']}/duplicate", json={"name": "Named"}, headers=headers)
    assert named.json()["name"] == "Named"

    listing = api.get(f"{API}/cvs?sort=name:asc&size=2", headers=headers).json()
    assert listing["pagination"] == {"page": 1, "size": 2, "total": 3, "pages": 2}
    assert [c["name"] for c in listing["data"]] == ["Named", "Reset"]

    assert api.delete(f"{API}/cvs/{cv['id']}", headers=headers).status_code == 204
    assert api.get(f"{API}/cvs/{cv['id']}", headers=headers).status_code == 404


def test_errors_use_the_envelope(api: TestClient, session: Session) -> None:
    owner, other = make_user(session), make_user(session)
    build_profile(session, owner)
    cv = api.post(f"{API}/cvs", json={"name": "Mine"}, headers=auth(owner)).json()
    stranger = api.get(f"{API}/cvs/{cv['id']}", headers=auth(other))
    assert stranger.status_code == 404 and stranger.json()["error"]["code"] == "NOT_FOUND"
    assert api.get(f"{API}/cvs").status_code == 401
    bad = api.patch(f"{API}/cvs/{cv['id']}", json={"template": "nope"}, headers=auth(owner))
    assert bad.status_code == 422
    assert bad.json()["error"]["details"][0]["field"] == "template"
    taken = api.post(f"{API}/cvs", json={"name": "Mine"}, headers=auth(owner))
    assert taken.status_code == 409 and taken.json()["error"]["details"][0]["field"] == "name"
    unknown = api.patch(f"{API}/cvs/{cv['id']}", json={"colour": "red"}, headers=auth(owner))
    assert unknown.status_code == 422


def test_review_flags_and_acknowledge(api: TestClient, session: Session) -> None:
    user = make_user(session)
    ids = build_profile(session, user)
    headers = auth(user)
    exp = ids["experiences"][0]
    body = {
        "name": "Tailored",
        "items": {"experiences": [{"id": exp, "overrides": {"responsibilities.0": "Mine"}}]},
    }
    cv = api.post(f"{API}/cvs", json=body, headers=headers).json()
    assert cv["review_count"] == 0
    changed = api.patch(
        f"{API}/experiences/{exp}", json={"responsibilities": ["New master text"]}, headers=headers
    )
    assert changed.status_code == 200
    cv = api.get(f"{API}/cvs/{cv['id']}", headers=headers).json()
    assert cv["review_count"] == 1
    assert cv["items"]["experiences"][0]["review"] == ["responsibilities.0"]
    done = api.post(f"{API}/cvs/{cv['id']}/reviews/acknowledge", json={}, headers=headers)
    assert done.json()["review_count"] == 0


def test_templates_list_and_thumbnails(api: TestClient) -> None:
    listing = api.get(f"{API}/templates").json()["data"]
    keys = [t["key"] for t in listing]
    assert keys[:6] == ["classic", "modern", "compact", "two-column", "academic", "one-pager"]
    assert len(keys) >= 12
    free = [t["key"] for t in listing if "free" in t["plans"]]
    assert free == ["classic", "modern", "compact", "photo-header", "europass", "us-resume"]
    by_key = {t["key"]: t for t in listing}
    assert by_key["photo-sidebar"]["photo"] and by_key["photo-sidebar"]["columns"] == 2
    assert not by_key["classic"]["photo"] and by_key["classic"]["columns"] == 1
    assert by_key["us-resume"]["page_size"] == "Letter" and by_key["us-resume"]["one_page"]
    thumb = api.get(listing[3]["thumbnail_url"])
    assert thumb.status_code == 200 and thumb.content.startswith(b"\x89PNG")
    letter = Image.open(io.BytesIO(api.get(by_key["us-resume"]["thumbnail_url"]).content))
    assert round(letter.height / letter.width, 2) == round(11 / 8.5, 2)  # a Letter page
    assert api.get(f"{API}/templates/unknown/thumbnail.png").status_code == 422


def test_the_title_line_is_the_headline_unless_the_cv_chooses_its_role(
    api: TestClient, session: Session
) -> None:
    import json

    from cvapp.domain.exports import service as exports

    user = make_user(session)
    build_profile(session, user)
    headers = auth(user)
    me = api.get(f"{API}/profiles/me", headers=headers).json()
    body = {"name": "Payments", "target_role": "Payments engineer"}
    cv = api.post(f"{API}/cvs", json=body, headers=headers).json()
    assert cv["title_line"] == "headline"

    def label() -> str:
        data = exports.export_cv(session, user_id=user.id, cv_id=cv["id"], fmt="jsonresume").data
        return str(json.loads(data)["basics"]["label"])

    assert me["headline"] and label() == me["headline"]
    chosen = api.patch(f"{API}/cvs/{cv['id']}", json={"title_line": "target_role"}, headers=headers)
    assert chosen.status_code == 200 and chosen.json()["title_line"] == "target_role"
    session.expire_all()
    assert label() == "Payments engineer"
    wrong = api.patch(f"{API}/cvs/{cv['id']}", json={"title_line": "motto"}, headers=headers)
    assert wrong.status_code == 422
    assert wrong.json()["error"]["details"][0]["field"] == "title_line"
