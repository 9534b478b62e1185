"""GET /profiles?q=: full-text search of PUBLIC profiles, the same on PostgreSQL and SQLite."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.dialects import postgresql
from sqlmodel import Session, select

from cvapp.db import get_engine
from cvapp.domain.auth.tokens import create_access_token
from cvapp.domain.sections.search import text_match
from cvapp.models import Profile, User
from cvapp.models.profile import PROFILE_SEARCH_DOCUMENT

API = "/api/v1"
PEOPLE: dict[str, dict[str, Any]] = {
    "Ana Lima": {"headline": "Kotlin developer", "summary": "Android.", "visibility": "PUBLIC"},
    "Ben Okafor": {"headline": "Data engineer", "summary": "Kafka, Spark", "visibility": "PUBLIC"},
    "Cleo Park": {"headline": "Kotlin lead", "summary": "Secret.", "visibility": "PRIVATE"},
    "Dan Kotlinski": {"headline": "Designer", "summary": None, "visibility": "PUBLIC"},
}  # fmt: skip


@pytest.fixture
def people(api: TestClient, session: Session) -> None:
    for index, (name, fields) in enumerate(PEOPLE.items()):
        user = User(email=f"p{index}@example.com", full_name=name, password_hash="x")
        session.add(user)
        session.commit()
        token = create_access_token(user_id=user.id, plan="free")
        response = api.patch(
            f"{API}/profiles/me", json=fields, headers={"Authorization": f"Bearer {token}"}
        )
        assert response.status_code == 200, response.text


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("kotlin", ["Ana Lima", "Dan Kotlinski"]),  # headline, and a name starting with it
        ("KAFKA", ["Ben Okafor"]),  # summary, any case
        ("ben", ["Ben Okafor"]),  # name
        ("data eng", ["Ben Okafor"]),  # every word, as prefixes
        ("secret", []),  # private profiles are never found
        ("lin", []),  # not a word start
        ("kotlin designer", ["Dan Kotlinski"]),
        ("", ["Ana Lima", "Ben Okafor", "Dan Kotlinski"]),
    ],
)
def test_public_profile_search(
    api: TestClient, people: None, query: str, expected: list[str]
) -> None:
    response = api.get(f"{API}/profiles", params={"q": query})
    assert response.status_code == 200, response.text
    assert [p["full_name"] for p in response.json()["data"]] == expected
    assert response.json()["pagination"]["total"] == len(expected)


def test_query_is_bounded(api: TestClient) -> None:
    assert api.get(f"{API}/profiles", params={"q": "x" * 201}).status_code == 422


@pytest.mark.skipif(get_engine().dialect.name != "postgresql", reason="PostgreSQL plan")
def test_profile_search_uses_the_gin_index(session: Session) -> None:
    condition = text_match(
        "postgresql",
        document=PROFILE_SEARCH_DOCUMENT,
        columns=(Profile.public_search_text,),
        query="kotlin",
    )
    statement = select(Profile.id).where(condition)  # the same expression as the index
    compiled = statement.compile(dialect=postgresql.dialect())
    connection = session.connection()
    connection.exec_driver_sql("SET LOCAL enable_seqscan = off")
    rows = connection.exec_driver_sql(f"EXPLAIN {compiled}", compiled.params)
    plan = "\n".join(row[0] for row in rows)
    assert "ix_profiles_search" in plan, plan
