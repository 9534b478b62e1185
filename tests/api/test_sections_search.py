"""Project search (?q=): word-prefix matching, the same on PostgreSQL and SQLite."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.dialects import postgresql
from sqlmodel import Session, select

from cvapp.db import get_engine
from cvapp.domain.auth.tokens import create_access_token
from cvapp.domain.sections.search import search_terms, text_match
from cvapp.models import Project, User
from cvapp.models.career import PROJECT_SEARCH_DOCUMENT

API = "/api/v1"
PROJECTS = {
    "Billing platform": "Payments and invoicing for 2M customers.",
    "Data pipeline": "Kafka streams into the warehouse.\nNightly batch jobs.",
    "Mobile app": "Flutter app for field technicians.",
}


def _headers(session: Session, email: str) -> dict[str, str]:
    user = User(email=email, full_name="Searcher", password_hash="x")
    session.add(user)
    session.commit()
    return {"Authorization": f"Bearer {create_access_token(user_id=user.id, plan='free')}"}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("billing", ["Billing platform"]),
        ("KAFKA", ["Data pipeline"]),
        ("pay", ["Billing platform"]),  # word prefix
        ("nightly batch", ["Data pipeline"]),  # every word, across lines
        ("app", ["Mobile app"]),
        ("data warehouse", ["Data pipeline"]),
        ("ill", []),  # not a word start
        ("billing kafka", []),
        ("  ", ["Billing platform", "Data pipeline", "Mobile app"]),
        ("c++ :* | !", ["Billing platform"]),  # operators are not syntax: "c" = customers
    ],
)
def test_project_search(api: TestClient, session: Session, query: str, expected: list[str]) -> None:
    owner = _headers(session, "owner@example.com")
    stranger = _headers(session, "stranger@example.com")
    for name, description in PROJECTS.items():
        api.post(f"{API}/projects", json={"name": name, "description": description}, headers=owner)
    api.post(f"{API}/projects", json={"name": "Billing for them"}, headers=stranger)
    response = api.get(f"{API}/projects", params={"q": query, "sort": "name:asc"}, headers=owner)
    assert response.status_code == 200, response.text
    assert [p["name"] for p in response.json()["data"]] == expected
    assert response.json()["pagination"]["total"] == len(expected)


def test_search_terms_drop_operators() -> None:
    assert search_terms("C++ & Kafka:* | !x") == ["c", "kafka", "x"]
    assert search_terms("Zoë_Müller") == ["zoë", "müller"]


@pytest.mark.skipif(get_engine().dialect.name != "postgresql", reason="PostgreSQL plan")
def test_project_search_uses_the_gin_index(session: Session) -> None:
    condition = text_match(
        "postgresql",
        document=PROJECT_SEARCH_DOCUMENT,
        columns=(Project.name, Project.description),
        query="billing pay",
    )
    statement = select(Project.id).where(condition)
    compiled = statement.compile(dialect=postgresql.dialect())
    connection = session.connection()
    connection.exec_driver_sql("SET LOCAL enable_seqscan = off")
    rows = connection.exec_driver_sql(f"EXPLAIN {compiled}", compiled.params)
    plan = "\n".join(row[0] for row in rows)
    assert "ix_projects_search" in plan, plan
