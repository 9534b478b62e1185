"""/profiles: the caller's profile, its settings, public profiles and their anonymization."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session, select

from cvapp.domain.auth.tokens import create_access_token
from cvapp.models import Profile, User
from cvapp.models.base import utcnow

API = "/api/v1"
Headers = dict[str, str]


def _user(session: Session, email: str, name: str = "Zoë Müller") -> Headers:
    user = User(email=email, full_name=name, password_hash="x")
    session.add(user)
    session.commit()
    return {"Authorization": f"Bearer {create_access_token(user_id=user.id, plan='free')}"}


@pytest.fixture
def owner(session: Session) -> Headers:
    return _user(session, "zoe@example.com")


def _patch(api: TestClient, headers: Headers, body: dict[str, Any]) -> Any:
    return api.patch(f"{API}/profiles/me", json=body, headers=headers)


def test_me_is_created_on_first_use(api: TestClient, owner: Headers, session: Session) -> None:
    response = api.get(f"{API}/profiles/me", headers=owner)
    assert response.status_code == 200, response.text
    profile = response.json()
    assert profile["full_name"] == "Zoë Müller"
    assert profile["contact"] == {"email": "zoe@example.com", "phone": None}
    assert profile["visibility"] == "PRIVATE" and profile["slug"] is None
    assert 0 < profile["completeness"] < 100 and "Add a summary" in profile["missing"]
    assert profile["experiences"] == [] and profile["volunteering"] == []
    again = api.get(f"{API}/profiles/me", headers=owner).json()
    assert again["id"] == profile["id"]
    assert len(session.exec(select(Profile)).all()) == 1


def test_patch_changes_sent_fields_and_merges_contact_and_location(
    api: TestClient, owner: Headers
) -> None:
    first = _patch(
        api,
        owner,
        {
            "headline": "Data engineer",
            "summary": "Ten years of pipelines.",
            "contact": {"phone": "+33 1 23 45 67 89"},
            "location": {"city": "Lyon", "country_code": "fr"},
            "links": [{"network": "GitHub", "username": "zoe", "url": "https://github.com/zoe"}],
        },
    )
    assert first.status_code == 200, first.text
    profile = first.json()
    assert profile["contact"] == {"email": "zoe@example.com", "phone": "+33 1 23 45 67 89"}
    assert profile["location"]["country_code"] == "FR"
    second = _patch(api, owner, {"location": {"region": "Rhône"}, "headline": None}).json()
    assert second["location"]["city"] == "Lyon" and second["location"]["region"] == "Rhône"
    assert second["headline"] is None and second["summary"] == "Ten years of pipelines."
    assert second["links"][0]["network"] == "GitHub"
    cleared = _patch(api, owner, {"contact": None, "location": None}).json()
    assert cleared["contact"] == {"email": None, "phone": None}
    assert cleared["location"]["city"] is None


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"contact": {"email": "not-an-email"}}, "contact.email"),
        ({"contact": {"phone": "call me"}}, "contact.phone"),
        ({"location": {"country_code": "FRA"}}, "location.country_code"),
        ({"links": [{"network": "x", "url": "ftp://example.com"}]}, "links.0.url"),
        ({"website": "javascript:alert(1)"}, "website"),
        ({"summary": "x" * 10_001}, "summary"),
        ({"visibility": "FRIENDS"}, "visibility"),
        ({"visibility": None}, "visibility"),
        ({"slug": "ab"}, "slug"),
        ({"slug": "-zoe"}, "slug"),
        ({"slug": "zoe--m"}, "slug"),
        ({"slug": "zoé"}, "slug"),
        ({"slug": "admin"}, "slug"),
        ({"completeness": 100}, "completeness"),
        ({"user_id": "someone"}, "user_id"),
    ],
)
def test_patch_refuses_bad_input(
    api: TestClient, owner: Headers, body: dict[str, Any], field: str
) -> None:
    response = _patch(api, owner, body)
    assert response.status_code == 422, response.text
    assert [d["field"] for d in response.json()["error"]["details"]] == [field]


def test_slug_is_normalized_and_unique(api: TestClient, owner: Headers, session: Session) -> None:
    body = {"slug": "Zoe-Muller", "visibility": "PUBLIC"}
    assert _patch(api, owner, body).json()["slug"] == "zoe-muller"
    other = _user(session, "other@example.com", "Other")
    taken = _patch(api, other, {"slug": "zoe-muller"})
    assert taken.status_code == 409 and taken.json()["error"]["code"] == "CONFLICT"
    assert taken.json()["error"]["details"][0]["field"] == "slug"
    assert _patch(api, owner, {"slug": "zoe-muller"}).status_code == 200  # own slug again


def test_a_private_profiles_old_slug_is_not_revealed(
    api: TestClient, owner: Headers, session: Session
) -> None:
    """Issue #15 point 9: "taken" for a private profile's slug told anyone it exists."""
    assert _patch(api, owner, {"slug": "zoe-muller"}).status_code == 200  # still PRIVATE
    other = _user(session, "other@example.com", "Other")
    claimed = _patch(api, other, {"slug": "zoe-muller", "visibility": "PUBLIC"})
    assert claimed.status_code == 200 and claimed.json()["slug"] == "zoe-muller"
    mine = _patch(api, owner, {"visibility": "PUBLIC"}).json()
    assert mine["slug"] and mine["slug"] != "zoe-muller"  # a new address when published


def test_going_public_generates_a_free_slug(
    api: TestClient, owner: Headers, session: Session
) -> None:
    first = _patch(api, owner, {"visibility": "PUBLIC"}).json()
    assert first["visibility"] == "PUBLIC" and first["slug"] == "zoe-muller"
    namesake = _user(session, "zoe2@example.com")
    assert _patch(api, namesake, {"visibility": "UNLISTED"}).json()["slug"] == "zoe-muller-2"
    refused = _patch(api, owner, {"slug": None})
    assert refused.status_code == 422 and refused.json()["error"]["details"][0]["field"] == "slug"
    private = _patch(api, owner, {"visibility": "PRIVATE", "slug": None}).json()
    assert private["slug"] is None


def test_completeness_follows_every_change(api: TestClient, owner: Headers) -> None:
    start = api.get(f"{API}/profiles/me", headers=owner).json()["completeness"]
    summary = _patch(api, owner, {"summary": "Hello"}).json()["completeness"]
    assert summary > start
    experience = {"company": "Acme", "title": "Dev", "start_date": "2020"}
    api.post(f"{API}/experiences", json=experience, headers=owner)
    api.post(f"{API}/experiences", json=experience, headers=owner)
    me = api.get(f"{API}/profiles/me", headers=owner).json()
    assert me["completeness"] > summary
    assert "2 experiences have no bullets" in me["missing"]
    assert "Add at least one experience" not in me["missing"]


def test_own_profile_by_id_and_private_is_hidden(
    api: TestClient, owner: Headers, session: Session
) -> None:
    me = _patch(api, owner, {"summary": "Private me"}).json()
    own = api.get(f"{API}/profiles/{me['id']}", headers=owner)
    assert own.status_code == 200 and own.json()["contact"]["email"] == "zoe@example.com"
    stranger = _user(session, "stranger@example.com", "Stranger")
    for headers in (stranger, {}):
        hidden = api.get(f"{API}/profiles/{me['id']}", headers=headers)
        assert hidden.status_code == 404 and hidden.json()["error"]["code"] == "NOT_FOUND"
    _patch(api, owner, {"visibility": "UNLISTED"})
    assert api.get(f"{API}/profiles/{me['id']}", headers=stranger).status_code == 404
    assert api.get(f"{API}/profiles/does-not-exist").status_code == 404


def test_public_profile_is_anonymized_and_private_fields_dropped(
    api: TestClient, owner: Headers, session: Session
) -> None:
    _patch(
        api,
        owner,
        {
            "summary": "Eight years at ACME BANK building payments.",
            "contact": {"phone": "+44 20 7946 0000"},
            "location": {"address": "1 Main St", "postal_code": "E1", "city": "London"},
            "visibility": "PUBLIC",
        },
    )
    experience = api.post(
        f"{API}/experiences",
        json={
            "company": "Acme Bank",
            "title": "Engineer",
            "start_date": "2018",
            "responsibilities": [
                "Built Phoenix for acme bank",
                "Ran https://phoenix.acme-bank.com",
            ],
        },
        headers=owner,
    ).json()
    api.post(
        f"{API}/projects",
        json={
            "name": "Phoenix",
            "client_name": "Acme Bank",
            "client_alias": "a Tier-1 European bank",
            "anonymize": True,
            "sensitive_terms": ["Phoenix"],
            "experience_ids": [experience["id"]],
        },
        headers=owner,
    )
    profile_id = api.get(f"{API}/profiles/me", headers=owner).json()["id"]
    stranger = _user(session, "stranger@example.com", "Stranger")
    for headers in (stranger, {}):
        response = api.get(f"{API}/profiles/{profile_id}", headers=headers)
        assert response.status_code == 200, response.text
        public = response.json()
        text = response.text.lower()
        assert "acme" not in text and "phoenix" not in text
        assert public["summary"] == "Eight years at a Tier-1 European bank building payments."
        assert public["experiences"][0]["company"] == "A Tier-1 European bank"
        assert public["experiences"][0]["responsibilities"] == [
            "Built [confidential] for a Tier-1 European bank",
            "Ran https://confidential",
        ]
        project = public["projects"][0]
        assert project["client_name"] is None and project["sensitive_terms"] == []
        assert project["client_alias"] == "a Tier-1 European bank"
        assert public["contact"] is None and public["completeness"] is None
        assert public["missing"] == []
        assert public["location"]["city"] == "London"
        assert public["location"]["address"] is None and public["location"]["postal_code"] is None
    own = api.get(f"{API}/profiles/{profile_id}", headers=owner).json()
    assert own["experiences"][0]["company"] == "Acme Bank"  # the owner sees the real thing


def test_public_list_shows_only_public_active_profiles(api: TestClient, session: Session) -> None:
    people = {
        "ana": ("Ana Lima", "PUBLIC", "Kotlin developer"),
        "bob": ("Bob Stone", "UNLISTED", "Kotlin developer"),
        "cy": ("Cy Twombly", "PRIVATE", "Kotlin developer"),
        "dee": ("Dee Ray", "PUBLIC", "Rust developer at Acme"),
    }
    for key, (name, visibility, headline) in people.items():
        headers = _user(session, f"{key}@example.com", name)
        _patch(api, headers, {"visibility": visibility, "headline": headline})
    listed = api.get(f"{API}/profiles").json()
    assert [p["full_name"] for p in listed["data"]] == ["Ana Lima", "Dee Ray"]
    assert listed["pagination"]["total"] == 2
    assert "contact" not in listed["data"][0] and listed["data"][0]["slug"] == "ana-lima"
    newest = api.get(f"{API}/profiles?sort=full_name:desc&size=1").json()
    assert [p["full_name"] for p in newest["data"]] == ["Dee Ray"]
    assert newest["pagination"] == {"page": 1, "size": 1, "total": 2, "pages": 2}
    assert api.get(f"{API}/profiles?sort=email:asc").status_code == 422

    dee = session.exec(select(User).where(User.email == "dee@example.com")).one()
    dee.deleted_at = utcnow()
    session.add(dee)
    session.commit()
    assert [p["full_name"] for p in api.get(f"{API}/profiles").json()["data"]] == ["Ana Lima"]
    dee_profile = session.exec(select(Profile).where(Profile.user_id == dee.id)).one()
    assert api.get(f"{API}/profiles/{dee_profile.id}").status_code == 404


def test_public_card_is_anonymized(api: TestClient, session: Session) -> None:
    headers = _user(session, "ana@example.com", "Ana Lima")
    _patch(api, headers, {"visibility": "PUBLIC", "headline": "Architect at Globex"})
    api.post(
        f"{API}/projects",
        json={"name": "Merger", "client_name": "Globex", "anonymize": True},
        headers=headers,
    )
    card = api.get(f"{API}/profiles").json()["data"][0]
    assert card["headline"] == "Architect at a confidential client"
