"""The owner's cached profile view: the same as a fresh build, and never older than the data."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from fastapi.testclient import TestClient
from sqlalchemy import event
from sqlmodel import Session

from cvapp.db import get_engine, session_scope
from cvapp.domain.auth.tokens import create_access_token
from cvapp.domain.profiles.lookup import get_or_create_profile
from cvapp.domain.profiles.service import update_profile
from cvapp.domain.profiles.views import build_view, my_profile
from cvapp.domain.sections import SECTIONS
from cvapp.models import User


def _owner() -> str:
    with session_scope() as db:
        user = User(email="cache@example.org", full_name="Cache Owner", password_hash="x")
        db.add(user)
        db.flush()
        skill = SECTIONS["skills"].create(db, user_id=user.id, data={"name": "Python"})
        for year in (2019, 2021):
            data = {"company": f"Co {year}", "title": "Dev", "start_date": f"{year}-01",
                    "responsibilities": ["Shipped"], "skill_ids": [skill.id]}  # fmt: skip
            SECTIONS["experiences"].create(db, user_id=user.id, data=data)
        return user.id


@contextmanager
def counted_queries() -> Iterator[list[str]]:
    statements: list[str] = []

    def record(*args: object) -> None:
        statements.append(str(args[2]))

    event.listen(get_engine(), "before_cursor_execute", record)
    try:
        yield statements
    finally:
        event.remove(get_engine(), "before_cursor_execute", record)


def _read(user_id: str) -> tuple[object, int]:
    with counted_queries() as statements, session_scope() as db:
        view = my_profile(db, user_id=user_id)
    return view, len(statements)


def test_a_second_read_comes_from_the_cache_and_equals_a_fresh_build() -> None:
    user_id = _owner()
    first, cold = _read(user_id)
    second, warm = _read(user_id)
    assert second == first and warm < cold / 3
    with session_scope() as db:
        fresh = build_view(db, profile=get_or_create_profile(db, user_id=user_id))
    assert second == fresh


def test_every_change_is_seen_at_once() -> None:
    user_id = _owner()
    _read(user_id)
    with session_scope() as db:
        SECTIONS["languages"].create(db, user_id=user_id, data={"language": "French"})
    view, _ = _read(user_id)
    assert [language.language for language in view.languages] == ["French"]  # type: ignore[attr-defined]

    with session_scope() as db:
        role = my_profile(db, user_id=user_id).experiences[0]
        SECTIONS["experiences"].update(
            db, user_id=user_id, item_id=role.id, changes={"title": "Lead"}
        )
    view, _ = _read(user_id)
    assert view.experiences[0].title == "Lead"  # type: ignore[attr-defined]

    with session_scope() as db:
        SECTIONS["experiences"].delete(db, user_id=user_id, item_id=role.id)
        update_profile(db, user_id=user_id, changes={"headline": "Staff engineer"})
    view, _ = _read(user_id)
    assert view.headline == "Staff engineer" and len(view.experiences) == 1  # type: ignore[attr-defined]


def test_a_read_inside_the_changing_transaction_sees_the_change(session: Session) -> None:
    user_id = _owner()
    _read(user_id)
    SECTIONS["languages"].create(session, user_id=user_id, data={"language": "German"})
    assert [lang.language for lang in my_profile(session, user_id=user_id).languages] == ["German"]
    session.rollback()  # the edit never happened: neither does its cached view
    view, _ = _read(user_id)
    assert view.languages == []  # type: ignore[attr-defined]


def test_the_api_sends_the_cached_json_of_the_same_view(api: TestClient) -> None:
    user_id = _owner()
    with session_scope() as db:
        user = db.get(User, user_id)
        assert user is not None
        headers = {"Authorization": f"Bearer {create_access_token(user_id=user.id, plan='free')}"}
        expected = my_profile(db, user_id=user_id).model_dump(mode="json")
    for _ in range(2):  # built, then from the cache
        response = api.get("/api/v1/profiles/me", headers=headers)
        assert response.status_code == 200
        assert response.headers["content-type"] == "application/json"
        assert response.json() == expected
