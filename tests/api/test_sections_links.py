"""Links between experiences, projects and skills; dates, filters and uniqueness rules."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from cvapp.domain.auth.tokens import create_access_token
from cvapp.models import User

API = "/api/v1"
Headers = dict[str, str]


def _user(session: Session, email: str) -> Headers:
    user = User(email=email, full_name="Test User", password_hash="x")
    session.add(user)
    session.commit()
    return {"Authorization": f"Bearer {create_access_token(user_id=user.id, plan='free')}"}


@pytest.fixture
def owner(session: Session) -> Headers:
    return _user(session, "owner@example.com")


def _post(api: TestClient, headers: Headers, key: str, body: dict[str, Any]) -> dict[str, Any]:
    response = api.post(f"{API}/{key}", json=body, headers=headers)
    assert response.status_code == 201, response.text
    return response.json()  # type: ignore[no-any-return]


def _experience(**extra: Any) -> dict[str, Any]:
    return {"company": "Acme", "title": "Engineer", "start_date": "2020-01", **extra}


def _error_fields(response: Any) -> list[str]:
    return [detail["field"] for detail in response.json()["error"]["details"]]


def test_experience_links_skills_and_projects_both_ways(api: TestClient, owner: Headers) -> None:
    python = _post(api, owner, "skills", {"name": "Python", "category": "Languages"})
    sql = _post(api, owner, "skills", {"name": "SQL"})
    project = _post(api, owner, "projects", {"name": "Billing", "skill_ids": [sql["id"]]})
    experience = _post(
        api,
        owner,
        "experiences",
        _experience(
            responsibilities=["Led the team", "Shipped billing", "Cut costs 30%"],
            skill_ids=[sql["id"], python["id"], sql["id"]],
            project_ids=[project["id"]],
        ),
    )
    assert experience["responsibilities"] == ["Led the team", "Shipped billing", "Cut costs 30%"]
    assert experience["skill_ids"] == [python["id"], sql["id"]]  # the skills' order
    assert [s["name"] for s in experience["skills"]] == ["Python", "SQL"]
    assert experience["project_ids"] == [project["id"]]
    assert experience["current"] is True

    project_now = api.get(f"{API}/projects/{project['id']}", headers=owner).json()
    assert project_now["experience_ids"] == [experience["id"]]
    assert project_now["experiences"][0]["company"] == "Acme"

    evidence = api.get(f"{API}/skills/{sql['id']}", headers=owner).json()["evidence"]
    assert [e["id"] for e in evidence["experiences"]] == [experience["id"]]
    assert [p["id"] for p in evidence["projects"]] == [project["id"]]

    api.delete(f"{API}/skills/{sql['id']}", headers=owner)
    after = api.get(f"{API}/experiences/{experience['id']}", headers=owner).json()
    assert after["skill_ids"] == [python["id"]]


def test_patch_links_replaces_only_that_list(api: TestClient, owner: Headers) -> None:
    python = _post(api, owner, "skills", {"name": "Python"})
    go = _post(api, owner, "skills", {"name": "Go"})
    project = _post(api, owner, "projects", {"name": "Search"})
    experience = _post(
        api,
        owner,
        "experiences",
        _experience(skill_ids=[python["id"]], project_ids=[project["id"]]),
    )
    patched = api.patch(
        f"{API}/experiences/{experience['id']}", json={"skill_ids": [go["id"]]}, headers=owner
    ).json()
    assert patched["skill_ids"] == [go["id"]] and patched["project_ids"] == [project["id"]]
    put = api.put(f"{API}/experiences/{experience['id']}", json=_experience(), headers=owner)
    assert put.json()["skill_ids"] == [] and put.json()["project_ids"] == []


def test_linking_another_users_items_is_refused(
    api: TestClient, owner: Headers, session: Session
) -> None:
    stranger = _user(session, "stranger@example.com")
    theirs = _post(api, stranger, "skills", {"name": "Secret"})
    their_project = _post(api, stranger, "projects", {"name": "Theirs"})
    response = api.post(
        f"{API}/experiences", json=_experience(skill_ids=[theirs["id"]]), headers=owner
    )
    assert response.status_code == 422 and _error_fields(response) == ["skill_ids"]
    response = api.post(
        f"{API}/experiences", json=_experience(project_ids=[their_project["id"]]), headers=owner
    )
    assert response.status_code == 422 and _error_fields(response) == ["project_ids"]
    response = api.get(f"{API}/experiences?skill_id={theirs['id']}", headers=owner)
    assert response.json()["data"] == []


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"start_date": "2020-13"}, "start_date"),
        ({"start_date": "2021-02-30"}, "start_date"),
        ({"start_date": "20201"}, "start_date"),
        ({"start_date": "March 2020"}, "start_date"),
        ({"start_date": None}, "start_date"),
        ({"end_date": "2019-12"}, "end_date"),
        ({"end_date": "2020-01-01", "start_date": "2020-01-02"}, "end_date"),
        ({"url": "javascript:alert(1)"}, "url"),
        ({"responsibilities": ["ok", ""]}, "responsibilities.1"),
        ({"responsibilities": ["x" * 2_001]}, "responsibilities.0"),
        ({"responsibilities": ["bullet"] * 201}, "responsibilities"),
        ({"skill_ids": ["x"] * 201}, "skill_ids"),
        ({"description": "x" * 10_001}, "description"),
        ({"title": "x" * 201}, "title"),
    ],
)
def test_bad_experience_fields(
    api: TestClient, owner: Headers, changes: dict[str, Any], field: str
) -> None:
    created = api.post(f"{API}/experiences", json=_experience(**changes), headers=owner)
    assert created.status_code == 422, created.text
    assert _error_fields(created) == [field]
    experience = _post(api, owner, "experiences", _experience())
    patched = api.patch(f"{API}/experiences/{experience['id']}", json=changes, headers=owner)
    assert patched.status_code == 422 and _error_fields(patched) == [field]


def test_dates_compare_at_shared_precision(api: TestClient, owner: Headers) -> None:
    same_year = _post(api, owner, "experiences", _experience(start_date="2020-06", end_date="2020"))
    assert same_year["end_date"] == "2020"
    day = _post(api, owner, "experiences", _experience(start_date="2020", end_date="2020-01-01"))
    assert day["current"] is False
    response = api.post(
        f"{API}/certifications",
        json={"name": "CKA", "date": "2022-05", "expires_date": "2021"},
        headers=owner,
    )
    assert response.status_code == 422 and _error_fields(response) == ["expires_date"]


def test_filters_current_skill_and_category(api: TestClient, owner: Headers) -> None:
    python = _post(api, owner, "skills", {"name": "Python", "category": "Languages"})
    _post(api, owner, "skills", {"name": "Docker", "category": "Tools"})
    now = _post(api, owner, "experiences", _experience(company="Now", skill_ids=[python["id"]]))
    _post(api, owner, "experiences", _experience(company="Before", end_date="2021"))
    _post(api, owner, "projects", {"name": "Live", "skill_ids": [python["id"]]})
    _post(api, owner, "projects", {"name": "Done", "start_date": "2019", "end_date": "2019"})

    def names(url: str, field: str) -> list[str]:
        response = api.get(f"{API}/{url}", headers=owner)
        assert response.status_code == 200, response.text
        return [item[field] for item in response.json()["data"]]

    assert names("experiences?current=true", "company") == ["Now"]
    assert names("experiences?current=false", "company") == ["Before"]
    assert names(f"experiences?skill_id={python['id']}", "id") == [now["id"]]
    assert names("projects?current=false", "name") == ["Done"]
    assert names(f"projects?skill_id={python['id']}", "name") == ["Live"]
    assert names("skills?category=languages", "name") == ["Python"]
    assert names("experiences?sort=end_date:desc", "company") == ["Now", "Before"]
    assert names("experiences?sort=end_date:asc", "company") == ["Before", "Now"]
    assert api.get(f"{API}/experiences?current=maybe", headers=owner).status_code == 422


def test_skill_and_language_names_are_unique_per_profile(
    api: TestClient, owner: Headers, session: Session
) -> None:
    python = _post(api, owner, "skills", {"name": "Python"})
    duplicate = api.post(f"{API}/skills", json={"name": "  python "}, headers=owner)
    assert duplicate.status_code == 409 and duplicate.json()["error"]["code"] == "CONFLICT"
    assert _error_fields(duplicate) == ["name"]
    renamed = api.put(f"{API}/skills/{python['id']}", json={"name": "PYTHON"}, headers=owner)
    assert renamed.status_code == 200 and renamed.json()["name"] == "PYTHON"
    _post(api, owner, "languages", {"language": "French"})
    again = api.post(f"{API}/languages", json={"language": "french"}, headers=owner)
    assert again.status_code == 409
    stranger = _user(session, "stranger@example.com")
    assert api.post(f"{API}/skills", json={"name": "Python"}, headers=stranger).status_code == 201


def test_skill_level_and_years_are_bounded(api: TestClient, owner: Headers) -> None:
    for body, field in (
        ({"name": "Go", "level": 6}, "level"),
        ({"name": "Go", "level": 0}, "level"),
        ({"name": "Go", "years": -1}, "years"),
        ({"name": "Go", "last_used": "2024-00"}, "last_used"),
    ):
        response = api.post(f"{API}/skills", json=body, headers=owner)
        assert response.status_code == 422 and _error_fields(response) == [field]
    skill = _post(
        api, owner, "skills", {"name": "Go", "level": 4, "years": 3.5, "last_used": "2024"}
    )
    assert (skill["level"], skill["years"], skill["last_used"]) == (4, 3.5, "2024")


def test_project_anonymization_fields_round_trip(api: TestClient, owner: Headers) -> None:
    body = {
        "name": "Core banking",
        "client_name": "Acme Bank",
        "client_alias": "a Tier-1 European bank",
        "anonymize": True,
        "sensitive_terms": ["Project Phoenix", "ACMEPAY"],
    }
    project = _post(api, owner, "projects", body)
    assert {k: project[k] for k in body} == body  # the owner sees the real names
    too_short = api.post(
        f"{API}/projects", json={"name": "X", "sensitive_terms": ["a"]}, headers=owner
    )
    assert too_short.status_code == 422 and _error_fields(too_short) == ["sensitive_terms.0"]


def test_a_patched_level_drops_the_old_words_and_a_patch_keeps_what_it_does_not_send(
    api: TestClient, owner: Headers
) -> None:
    skill = _post(api, owner, "skills", {"name": "日本語", "level": 3, "level_label": "JLPT N2"})
    url = f"{API}/skills/{skill['id']}"
    kept = api.patch(url, json={"category": "Sprachen"}, headers=owner)
    assert kept.status_code == 200, kept.text
    assert (kept.json()["level"], kept.json()["level_label"]) == (3, "JLPT N2")
    relevelled = api.patch(url, json={"level": 5}, headers=owner)
    assert relevelled.status_code == 200, relevelled.text
    assert relevelled.json()["level_label"] is None  # the words described the old level
    assert relevelled.json()["category"] == "Sprachen"
    worded = api.patch(url, json={"level": 4, "level_label": "JLPT N1"}, headers=owner)
    assert worded.json()["level_label"] == "JLPT N1"
    refused = api.patch(url, json={"name": None}, headers=owner)
    assert refused.status_code == 422
    assert _error_fields(refused) == ["name"]
