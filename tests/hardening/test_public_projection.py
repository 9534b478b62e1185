"""One public projection: search and the anonymous API show no more than ``/p/{slug}``.

Issue #15, points 1 and 2: public search matched raw fields (a hidden client in the summary
was found, prefix by prefix), and ``GET /api/v1/profiles/{id}`` answered hidden experiences,
bullets and sections that the page leaves out.
"""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session, select

from cvapp.domain.public.projection import fill_missing_search_text
from cvapp.models import Profile
from tests.domain.cv_support import (  # noqa: F401  (forget_exports: autouse)
    anonymized_project,
    auth,
    build_profile,
    forget_exports,
    make_user,
)

API = "/api/v1"
SUMMARY = "Alice builds ledgers; lately for Globex Secret Corp and Acme Bank."
HIDDEN_BULLET = "Mentored five engineers and ran the hiring loop (role 0)"


def _search(api: TestClient, query: str) -> list[str]:
    response = api.get(f"{API}/profiles", params={"q": query})
    assert response.status_code == 200, response.text
    return [card["full_name"] for card in response.json()["data"]]


def _publish(api: TestClient, session: Session) -> tuple[dict[str, str], dict[str, list[str]]]:
    user = make_user(session, name="Alice Martin")
    ids = build_profile(session, user)
    anonymized_project(session, user, client="Globex Secret Corp", terms=("Project Falcon",))
    anonymized_project(session, user, client="Acme Bank", terms=())
    headers = auth(user)
    body = {"visibility": "PUBLIC", "slug": "alice-martin", "summary": SUMMARY}
    response = api.patch(f"{API}/profiles/me", json=body, headers=headers)
    assert response.status_code == 200, response.text
    return headers, ids


def _profile_id(session: Session) -> str:
    session.expire_all()
    return session.exec(select(Profile)).one().id


@pytest.mark.parametrize(
    "query",
    ["globex", "Globex", "Alice glo", "glo", "gl", "acme", "alice acm", "falcon", "secret corp"],
)
def test_search_never_matches_a_hidden_word(api: TestClient, session: Session, query: str) -> None:
    _publish(api, session)
    assert "Alice Martin" in _search(api, "alice")  # the profile is searchable
    assert "Alice Martin" in _search(api, "ledgers")  # by its shown summary too
    assert _search(api, query) == []


def test_search_follows_what_the_chosen_cv_shows(api: TestClient, session: Session) -> None:
    headers, _ = _publish(api, session)
    body = {"name": "Short", "sections": [{"key": "summary", "visible": False}]}
    cv = api.post(f"{API}/cvs", json=body, headers=headers)
    assert cv.status_code == 201, cv.text
    assert _search(api, "ledgers") == ["Alice Martin"]
    chosen = api.patch(
        f"{API}/profiles/me", json={"public_cv_id": cv.json()["id"]}, headers=headers
    )
    assert chosen.status_code == 200, chosen.text
    assert "ledgers" not in api.get("/p/alice-martin").text
    assert _search(api, "ledgers") == []  # the page hides the summary: so does search
    assert _search(api, "python") == ["Alice Martin"]  # skills it shows are found

    private = api.patch(f"{API}/profiles/me", json={"visibility": "PRIVATE"}, headers=headers)
    assert private.status_code == 200
    assert _search(api, "alice") == []


def test_upgraded_profiles_are_indexed_by_the_migrate_step(
    api: TestClient, session: Session
) -> None:
    _publish(api, session)
    profile = session.get(Profile, _profile_id(session))
    assert profile is not None
    profile.public_search_text = None  # as the migration leaves an existing profile
    session.commit()
    assert _search(api, "alice") == []
    assert fill_missing_search_text(session) == 1
    session.commit()
    assert _search(api, "alice") == ["Alice Martin"]
    assert _search(api, "globex") == []


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for item in value.values() for s in _strings(item)]
    if isinstance(value, list):
        return [s for item in value for s in _strings(item)]
    return []


def test_anonymous_profile_api_shows_only_the_page(api: TestClient, session: Session) -> None:
    headers, ids = _publish(api, session)
    first, second, third = ids["experiences"]
    body = {
        "name": "Acme tailored",
        "summary_override": "Payments specialist.",
        "items": {
            "experiences": [
                {
                    "id": first,
                    "overrides": {"title": "Lead engineer"},
                    "hidden": ["responsibilities.2"],
                },
                {"id": second},
                {"id": third, "visible": False},
            ]
        },
        "sections": [{"key": "languages", "visible": False}, {"key": "skills", "visible": False}],
    }
    cv = api.post(f"{API}/cvs", json=body, headers=headers)
    assert cv.status_code == 201, cv.text
    chosen = api.patch(
        f"{API}/profiles/me", json={"public_cv_id": cv.json()["id"]}, headers=headers
    )
    assert chosen.status_code == 200, chosen.text
    profile_id = _profile_id(session)

    answer = api.get(f"{API}/profiles/{profile_id}")
    assert answer.status_code == 200, answer.text
    data = answer.json()
    page = api.get("/p/alice-martin").text
    assert [e["id"] for e in data["experiences"]] == [first, second]
    assert data["experiences"][0]["title"] == "Lead engineer"
    assert HIDDEN_BULLET not in data["experiences"][0]["responsibilities"]
    assert data["skills"] == [] and data["languages"] == []
    assert data["summary"] == "Payments specialist."
    assert data["public_cv_id"] is None and data["contact"] is None
    assert data["references"] == []
    text = "\n".join(_strings(data)).lower()
    for hidden in ("company 2", "french", "globex", "acme", "falcon", "ledgers"):
        assert hidden not in text, hidden
    for shown in ("Lead engineer", "Company 1", "Payments specialist."):
        assert shown in page and shown in "\n".join(_strings(data))

    # The owner still gets the whole master from the same route.
    own = api.get(f"{API}/profiles/{profile_id}", headers=headers).json()
    assert len(own["experiences"]) == 3 and own["summary"] == SUMMARY


def test_hidden_summary_is_in_no_meta_tag(api: TestClient, session: Session) -> None:
    headers, _ = _publish(api, session)
    body = {"name": "No summary", "sections": [{"key": "summary", "visible": False}]}
    cv = api.post(f"{API}/cvs", json=body, headers=headers).json()
    api.patch(f"{API}/profiles/me", json={"public_cv_id": cv["id"]}, headers=headers)
    html = api.get("/p/alice-martin").text
    assert "ledgers" not in html  # not in og:description nor in the JSON-LD description
