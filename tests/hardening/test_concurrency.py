"""Concurrency: two editors of one CV never lose a change (optimistic versioning), and a
hundred simultaneous registrations of one address make exactly one account.

On PostgreSQL the crowds are as large as the worker threadpool allows and more (the losers
are refused at once, they never queue). SQLite, the single-user embedded default, runs one
writer at a time and makes the others wait for it, so there the crowds stay smaller than the
threadpool (40): waiting writers holding every thread would starve the one writing.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient
from limits import parse
from sqlalchemy import func
from sqlmodel import Session, col, select

from cvapp import ratelimit
from cvapp.db import get_engine
from cvapp.models import ConsentRecord, Profile, User
from tests.hardening.support import API, PASSWORD, Account, make_account
from tests.hardening.support import wait_for_jobs as _wait

POSTGRES = get_engine().dialect.name == "postgresql"
REGISTRATIONS = 100 if POSTGRES else 20
EDITORS = 50 if POSTGRES else 8


@pytest.fixture
def account(session: Session) -> Account:
    return make_account(session, needs=("cv_id",))


def _url(account: Account) -> str:
    return f"{API}/cvs/{account.ids['cv_id']}"


def test_the_second_of_two_editors_is_told_instead_of_overwriting(
    api: TestClient, account: Account
) -> None:
    first = api.get(_url(account), headers=account.headers).json()
    second = api.get(_url(account), headers=account.headers).json()
    assert first["version"] == second["version"]

    saved = api.patch(
        _url(account),
        json={"target_role": "Data engineer", "version": first["version"]},
        headers=account.headers,
    )
    assert saved.status_code == 200 and saved.json()["version"] == first["version"] + 1
    assert saved.headers["ETag"] == f'"{first["version"] + 1}"'

    stale = api.patch(
        _url(account),
        json={"target_role": "Platform engineer", "version": second["version"]},
        headers=account.headers,
    )
    assert stale.status_code == 409
    error = stale.json()["error"]
    assert error["code"] == "CONFLICT" and "changed elsewhere" in error["message"]
    assert error["details"][0]["field"] == "version"
    assert api.get(_url(account), headers=account.headers).json()["target_role"] == "Data engineer"

    reloaded = api.get(_url(account), headers=account.headers).json()
    retried = api.patch(
        _url(account),
        json={"target_role": "Platform engineer", "version": reloaded["version"]},
        headers=account.headers,
    )
    assert retried.status_code == 200 and retried.json()["target_role"] == "Platform engineer"


def test_if_match_works_like_the_version_field(api: TestClient, account: Account) -> None:
    etag = api.get(_url(account), headers=account.headers).headers["ETag"]
    body = {"name": "Renamed"}
    ok = api.patch(_url(account), json=body, headers={**account.headers, "If-Match": etag})
    assert ok.status_code == 200
    late = api.put(
        _url(account), json={"name": "Again"}, headers={**account.headers, "If-Match": etag}
    )
    assert (late.status_code, late.json()["error"]["code"]) == (412, "PRECONDITION_FAILED")
    assert api.get(_url(account), headers=account.headers).json()["name"] == "Renamed"


def test_a_change_without_a_version_still_works(api: TestClient, account: Account) -> None:
    before = api.get(_url(account), headers=account.headers).json()["version"]
    changed = api.patch(_url(account), json={"one_page": True}, headers=account.headers)
    assert changed.status_code == 200 and changed.json()["version"] == before + 1


def _together(count: int, work: Callable[[int], Any]) -> list[Any]:
    """Run ``work(0..count-1)`` in ``count`` threads released at the same moment."""
    start = threading.Barrier(count)

    def run(index: int) -> Any:
        start.wait(timeout=30)
        return work(index)

    with ThreadPoolExecutor(max_workers=count) as pool:
        return list(pool.map(run, range(count)))


def test_simultaneous_changes_from_one_version_let_exactly_one_through(
    api: TestClient, account: Account
) -> None:
    for _ in range(5):
        version = api.get(_url(account), headers=account.headers).json()["version"]

        def change(index: int, version: int = version) -> int:
            body = {"target_role": f"Role {index}", "version": version}
            return api.patch(_url(account), json=body, headers=account.headers).status_code

        assert Counter(_together(EDITORS, change)) == {200: 1, 409: EDITORS - 1}
    assert api.get(_url(account), headers=account.headers).json()["version"] == version + 1


@pytest.fixture
def open_registration(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every request comes from the test client's one address: lift its registration limit."""
    monkeypatch.setitem(ratelimit.RULES, "register_ip", parse(f"{REGISTRATIONS * 2}/hour"))


@pytest.mark.timeout(180)
def test_simultaneous_registrations_of_one_address_make_one_account(
    api: TestClient, session: Session, open_registration: None
) -> None:
    from tests.api.auth_support import PRIVACY_VERSION

    def register(index: int) -> httpx.Response:
        email = "Same.Person@Example.org" if index % 2 else "same.person@example.org"
        body = {
            "email": email,
            "password": PASSWORD,
            "full_name": f"Person {index}",
            "accept_privacy_version": PRIVACY_VERSION,
        }
        return api.post(f"{API}/auth/register", json=body)

    answers = _together(REGISTRATIONS, register)
    _wait()
    statuses = Counter(response.status_code for response in answers)
    assert statuses == {201: 1, 409: REGISTRATIONS - 1}, statuses
    assert {r.json()["error"]["code"] for r in answers if r.status_code == 409} == {"CONFLICT"}
    users = session.exec(select(User).where(func.lower(User.email) == "same.person@example.org"))
    (user,) = users.all()
    assert session.exec(select(func.count()).where(col(Profile.user_id) == user.id)).one() == 1
    consents = select(func.count()).where(col(ConsentRecord.user_id) == user.id)
    assert session.exec(consents).one() == 1


PARALLEL = 10


@pytest.mark.parametrize("resource", ["cvs", "share_links"])
def test_plan_limits_hold_under_parallel_requests(
    api: TestClient, session: Session, resource: str
) -> None:
    """Issue #15 point 8: ten simultaneous creations on the Free plan make no more than the
    plan allows (they used to make 7 to 10 CVs where 2 are allowed)."""
    from cvapp.domain.plans.entitlements import for_plan
    from cvapp.models import CvVersion, ShareLink

    account = make_account(session, plan="free", needs=())
    if resource == "cvs":
        allowed, model = for_plan("free").cv_versions, CvVersion

        def create(index: int) -> int:
            body = {"name": f"Parallel {index}"}
            return api.post(f"{API}/cvs", json=body, headers=account.headers).status_code

    else:
        allowed, model = for_plan("free").share_links, ShareLink
        cv = api.post(f"{API}/cvs", json={"name": "Shared"}, headers=account.headers).json()

        def create(index: int) -> int:
            url = f"{API}/cvs/{cv['id']}/share-links"
            return api.post(url, json={"label": f"L{index}"}, headers=account.headers).status_code

    assert allowed is not None
    statuses = Counter(_together(PARALLEL, create))
    assert statuses == {201: allowed, 402: PARALLEL - allowed}, statuses
    session.expire_all()
    made = select(func.count()).select_from(model).where(col(model.user_id) == account.user.id)
    assert session.exec(made).one() == allowed
