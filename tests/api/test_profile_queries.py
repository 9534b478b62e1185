"""No N+1: reading a profile or a section list costs the same queries for 5 or 40 items."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import event
from sqlmodel import Session

from cvapp.db import get_engine
from cvapp.domain.auth.tokens import create_access_token
from cvapp.domain.profiles.lookup import get_or_create_profile
from cvapp.models import Experience, Project, Skill, User

API = "/api/v1"
URLS = [
    "/profiles/me",
    "/profiles/{profile_id}",
    "/experiences?size=100",
    "/projects?size=100",
    "/skills?size=100",
    "/profiles?size=100",
]


@contextmanager
def count_statements() -> Iterator[list[str]]:
    statements: list[str] = []

    def record(conn, cursor, statement, parameters, context, executemany) -> None:  # type: ignore[no-untyped-def]
        statements.append(statement)

    engine = get_engine()
    event.listen(engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", record)


def _seed(session: Session, email: str, experiences: int) -> tuple[dict[str, str], str]:
    """A PUBLIC profile with ``experiences`` experiences, each with 3 skills and a project."""
    user = User(email=email, full_name=email, password_hash="x")
    session.add(user)
    session.flush()
    profile = get_or_create_profile(session, user_id=user.id)
    profile.visibility, profile.slug = "PUBLIC", email.split("@")[0]
    skills = [
        Skill(profile_id=profile.id, name=f"Skill {i}", name_normalized=f"skill {i}", sort_order=i)
        for i in range(experiences + 3)
    ]
    for i in range(experiences):
        project = Project(
            profile_id=profile.id,
            name=f"Project {i}",
            client_name="Acme",
            anonymize=i % 2 == 0,
            sort_order=i,
            skills=skills[i : i + 2],
        )
        session.add(
            Experience(
                profile_id=profile.id,
                company=f"Company {i}",
                title="Engineer",
                start_date=f"{2000 + i % 20}",
                responsibilities=["Did things at Acme"],
                sort_order=i,
                skills=skills[i : i + 3],
                projects=[project],
            )
        )
    session.commit()
    token = create_access_token(user_id=user.id, plan="free")
    return {"Authorization": f"Bearer {token}"}, profile.id


@pytest.mark.parametrize("url", URLS)
def test_query_count_does_not_grow_with_rows(api: TestClient, session: Session, url: str) -> None:
    counts = []
    for email, size in (("small@example.com", 5), ("large@example.com", 40)):
        headers, profile_id = _seed(session, email, size)
        path = API + url.format(profile_id=profile_id)
        api.get(path, headers=headers)  # warm up: first-use work does not count
        with count_statements() as statements:
            response = api.get(path, headers=headers)
        assert response.status_code == 200, response.text
        counts.append(len(statements))
    assert counts[0] == counts[1], counts
    assert counts[1] <= 20, counts


def test_full_profile_holds_every_link(api: TestClient, session: Session) -> None:
    headers, _ = _seed(session, "large@example.com", 40)
    profile = api.get(f"{API}/profiles/me", headers=headers).json()
    assert len(profile["experiences"]) == 40 and len(profile["projects"]) == 40
    last = profile["experiences"][-1]
    assert [s["name"] for s in last["skills"]] == ["Skill 39", "Skill 40", "Skill 41"]
    assert [p["name"] for p in last["projects"]] == ["Project 39"]
    skill = next(s for s in profile["skills"] if s["name"] == "Skill 39")
    assert len(skill["evidence"]["experiences"]) == 3 and len(skill["evidence"]["projects"]) == 2
