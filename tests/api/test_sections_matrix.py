"""Every section keeps the REST contract: CRUD, pagination, sort, owner checks, validation."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from cvapp.domain.auth.tokens import create_access_token
from cvapp.models import User

API = "/api/v1"


@dataclass(frozen=True)
class Case:
    key: str
    name_field: str  # required, sortable text field
    required: dict[str, Any]  # other required fields
    optional: tuple[str, str]  # an optional field and a value for it

    def body(self, name: str, **extra: Any) -> dict[str, Any]:
        return {self.name_field: name, **self.required, **extra}


CASES = [
    Case("experiences", "company", {"title": "Dev", "start_date": "2020"}, ("location", "Paris")),
    Case("projects", "name", {}, ("role", "Lead")),
    Case("skills", "name", {}, ("category", "Languages")),
    Case("education", "institution", {}, ("area", "Physics")),
    Case("certifications", "name", {}, ("issuer", "AWS")),
    Case("achievements", "title", {}, ("awarder", "ACM")),
    Case("languages", "language", {}, ("fluency", "Native")),
    Case("publications", "name", {}, ("publisher", "IEEE")),
    Case("volunteering", "organization", {}, ("position", "Mentor")),
]  # fmt: skip
IDS = [case.key for case in CASES]


def _user(session: Session, email: str) -> dict[str, str]:
    user = User(email=email, full_name=email.split("@")[0].title(), password_hash="x")
    session.add(user)
    session.commit()
    token = create_access_token(user_id=user.id, plan="free")
    return {"Authorization": f"Bearer {token}"}


@pytest.fixture
def owner(session: Session) -> dict[str, str]:
    return _user(session, "owner@example.com")


@pytest.fixture
def stranger(session: Session) -> dict[str, str]:
    return _user(session, "stranger@example.com")


def _create(api: TestClient, headers: dict[str, str], case: Case, name: str, **extra: Any) -> Any:
    response = api.post(f"{API}/{case.key}", json=case.body(name, **extra), headers=headers)
    assert response.status_code == 201, response.text
    return response


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_create_answers_201_with_location(
    api: TestClient, owner: dict[str, str], case: Case
) -> None:
    response = _create(api, owner, case, "Alpha")
    item = response.json()
    assert item[case.name_field] == "Alpha" and item["id"] and item["order"] == 0
    location = response.headers["location"]
    assert location.endswith(f"{API}/{case.key}/{item['id']}")
    fetched = api.get(location, headers=owner)
    assert fetched.status_code == 200 and fetched.json() == item


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_list_paginates_and_sorts(api: TestClient, owner: dict[str, str], case: Case) -> None:
    for name in ("Bravo", "alpha", "Charlie"):
        _create(api, owner, case, name)
    first = api.get(f"{API}/{case.key}?page=1&size=2", headers=owner).json()
    assert first["pagination"] == {"page": 1, "size": 2, "total": 3, "pages": 2}
    assert [i[case.name_field] for i in first["data"]] == ["Bravo", "alpha"]  # the user's order
    second = api.get(f"{API}/{case.key}?page=2&size=2", headers=owner).json()
    assert [i[case.name_field] for i in second["data"]] == ["Charlie"]
    by_name = api.get(f"{API}/{case.key}?sort={case.name_field}:desc", headers=owner).json()
    assert [i[case.name_field] for i in by_name["data"]] == ["Charlie", "Bravo", "alpha"]
    assert api.get(f"{API}/{case.key}?size=101", headers=owner).status_code == 422
    bad_sort = api.get(f"{API}/{case.key}?sort=profile_id:asc", headers=owner)
    assert bad_sort.status_code == 422
    assert bad_sort.json()["error"]["details"][0]["field"] == "sort"


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_put_replaces_and_resets_missing_fields(
    api: TestClient, owner: dict[str, str], case: Case
) -> None:
    field, value = case.optional
    item = _create(api, owner, case, "Alpha", **{field: value}).json()
    assert item[field] == value
    response = api.put(f"{API}/{case.key}/{item['id']}", json=case.body("Beta"), headers=owner)
    assert response.status_code == 200, response.text
    assert response.json()[case.name_field] == "Beta"
    assert response.json()[field] is None
    assert response.json()["order"] == item["order"]


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_patch_changes_only_sent_fields(api: TestClient, owner: dict[str, str], case: Case) -> None:
    field, value = case.optional
    item = _create(api, owner, case, "Alpha", **{field: value}).json()
    response = api.patch(
        f"{API}/{case.key}/{item['id']}", json={case.name_field: "Gamma"}, headers=owner
    )
    assert response.status_code == 200, response.text
    assert response.json()[case.name_field] == "Gamma" and response.json()[field] == value
    cleared = api.patch(f"{API}/{case.key}/{item['id']}", json={field: None}, headers=owner)
    assert cleared.status_code == 200 and cleared.json()[field] is None
    required = api.patch(
        f"{API}/{case.key}/{item['id']}", json={case.name_field: None}, headers=owner
    )
    assert required.status_code == 422
    assert required.json()["error"]["details"][0]["field"] == case.name_field


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_delete_answers_204_then_404(api: TestClient, owner: dict[str, str], case: Case) -> None:
    item = _create(api, owner, case, "Alpha").json()
    response = api.delete(f"{API}/{case.key}/{item['id']}", headers=owner)
    assert response.status_code == 204 and response.content == b""
    gone = api.get(f"{API}/{case.key}/{item['id']}", headers=owner)
    assert gone.status_code == 404 and gone.json()["error"]["code"] == "NOT_FOUND"


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_another_users_item_is_not_found(
    api: TestClient, owner: dict[str, str], stranger: dict[str, str], case: Case
) -> None:
    item = _create(api, owner, case, "Alpha").json()
    url = f"{API}/{case.key}/{item['id']}"
    attempts = [
        api.get(url, headers=stranger),
        api.put(url, json=case.body("Mine"), headers=stranger),
        api.patch(url, json={case.name_field: "Mine"}, headers=stranger),
        api.delete(url, headers=stranger),
    ]
    for response in attempts:
        assert response.status_code == 404
        assert response.json()["error"]["code"] == "NOT_FOUND"
    assert api.get(f"{API}/{case.key}", headers=stranger).json()["data"] == []
    assert api.get(url, headers=owner).json()[case.name_field] == "Alpha"


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_bad_input_is_422_naming_the_field(
    api: TestClient, owner: dict[str, str], case: Case
) -> None:
    def field_of(body: dict[str, Any]) -> list[str]:
        response = api.post(f"{API}/{case.key}", json=body, headers=owner)
        assert response.status_code == 422, response.text
        assert response.json()["error"]["code"] == "VALIDATION_ERROR"
        return [detail["field"] for detail in response.json()["error"]["details"]]

    assert field_of(case.required) == [case.name_field]
    assert field_of(case.body("   ")) == [case.name_field]
    assert field_of(case.body("x" * 10_001)) == [case.name_field]
    assert field_of(case.body("Alpha", user_id="someone")) == ["user_id"]
    assert field_of(case.body("Alpha", profile_id="someone")) == ["profile_id"]
    assert field_of(case.body("Alpha", order=-1)) == ["order"]
    malformed = api.post(
        f"{API}/{case.key}",
        content=b"[1, 2",
        headers={**owner, "content-type": "application/json"},
    )
    assert malformed.status_code == 422


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_reorder(
    api: TestClient, owner: dict[str, str], stranger: dict[str, str], case: Case
) -> None:
    ids = [_create(api, owner, case, name).json()["id"] for name in ("A", "B", "C")]
    response = api.post(f"{API}/{case.key}/reorder", json={"ids": [ids[2], ids[0]]}, headers=owner)
    assert response.status_code == 200, response.text
    assert [i["id"] for i in response.json()["data"]] == [ids[2], ids[0], ids[1]]
    listed = api.get(f"{API}/{case.key}", headers=owner).json()["data"]
    assert [(i["id"], i["order"]) for i in listed] == [(ids[2], 0), (ids[0], 1), (ids[1], 2)]
    foreign = api.post(f"{API}/{case.key}/reorder", json={"ids": [ids[0]]}, headers=stranger)
    assert foreign.status_code == 422 and foreign.json()["error"]["details"][0]["field"] == "ids"
    twice = api.post(f"{API}/{case.key}/reorder", json={"ids": [ids[0], ids[0]]}, headers=owner)
    assert twice.status_code == 422


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_requires_authentication(api: TestClient, case: Case) -> None:
    response = api.get(f"{API}/{case.key}")
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "UNAUTHENTICATED"
