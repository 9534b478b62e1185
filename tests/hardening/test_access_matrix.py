"""Access-control matrix: every route of the app's route table, asked by the wrong caller.

The routes come from the app itself, so a new endpoint is in the matrix the day it is added;
one that should be public must be listed in ``PUBLIC`` (else it has to answer 401 without a
caller). Each row walks every route aimed at the owner B's rows (path parameters filled with
B's ids, the smallest body the document accepts) and expects the contract's answer:

=====================================  ===================================================
no credentials / an expired token       401 ``UNAUTHENTICATED``
a signed-out (blacklisted) token        401 ``TOKEN_REVOKED``
user A's token on B's rows              404 ``NOT_FOUND``, exactly as for an id that does
                                        not exist (no existence oracle)
B's read-only API key on a write        403 ``FORBIDDEN``
a Free user on an Expert feature        402 ``PLAN_LIMIT`` (API keys: account routes 403)
=====================================  ===================================================

After every row, B's rows in every table are exactly as before.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlmodel import Session
from ulid import ULID

from cvapp.api.app import API_PREFIX
from cvapp.domain.profiles import service as profiles
from cvapp.models import User
from tests.hardening.bodies import minimal_body
from tests.hardening.support import (
    Account,
    expired_token,
    make_account,
    make_user,
    owned_rows,
    wait_for_jobs,
)

V1 = API_PREFIX
# Answer without a caller, on purpose. Anything else must refuse an anonymous request.
PUBLIC = {
    ("GET", "/p/{slug}"),
    ("GET", "/p/{slug}/cv.pdf"),
    ("GET", "/s/{token}"),
    ("GET", "/s/{token}/cv.pdf"),
    ("GET", f"{V1}/health"),
    ("GET", f"{V1}/ready"),
    ("GET", f"{V1}/legal/privacy"),
    ("POST", f"{V1}/auth/register"),
    ("POST", f"{V1}/auth/register/confirm"),
    ("POST", f"{V1}/auth/login"),
    ("POST", f"{V1}/auth/demo"),
    ("POST", f"{V1}/auth/login/totp"),
    ("POST", f"{V1}/auth/refresh"),
    ("POST", f"{V1}/auth/password-reset/request"),
    ("POST", f"{V1}/auth/password-reset/confirm"),
    ("POST", f"{V1}/auth/verify-email"),
    ("POST", f"{V1}/auth/unlock"),
    ("POST", f"{V1}/auth/email-change/confirm"),
    ("GET", f"{V1}/account/export/{{token}}"),  # the signed token is the credential
    ("POST", f"{V1}/billing/stripe/webhook"),  # the provider's signature is the credential
    ("GET", f"{V1}/auth/session/handoff"),  # the UI's cookie hand-offs (redirects)
    ("GET", f"{V1}/auth/session/refresh"),
    ("GET", f"{V1}/auth/session/logout"),
    ("GET", f"{V1}/profiles"),  # PUBLIC profiles only
    ("GET", f"{V1}/profiles/{{profile_id}}"),
    ("GET", f"{V1}/profiles/{{profile_id}}/photo"),
    ("GET", f"{V1}/templates"),
    ("GET", f"{V1}/templates/{{key}}/thumbnail.png"),
    ("GET", f"{V1}/designs/options"),
    ("GET", f"{V1}/designs/fonts.css"),  # the bundled fonts, for the design card's sample
    ("GET", f"{V1}/designs/fonts/{{file}}"),
}
# Public, yet B's: with B's profile PRIVATE they must not answer for it.
PRIVATE_WHEN_PRIVATE = {
    ("GET", "/p/{slug}"),
    ("GET", "/p/{slug}/cv.pdf"),
    ("GET", f"{V1}/profiles/{{profile_id}}"),
    ("GET", f"{V1}/profiles/{{profile_id}}/photo"),
}
NOT_FOR_API_KEYS = (f"{V1}/auth/", f"{V1}/account", f"{V1}/api-keys")  # but /auth/me
API_KEY_ALLOWED = f"{V1}/auth/me"
WRITES = {"POST", "PUT", "PATCH", "DELETE"}


@dataclass(frozen=True)
class Route:
    method: str
    path: str

    @property
    def public(self) -> bool:
        return (self.method, self.path) in PUBLIC

    @property
    def aimed(self) -> bool:
        """Whether its path names a row (someone's CV, item, job…); under ``/profiles/me/``
        a path names one of the caller's own (a revision of their profile), never another's."""
        return (
            "{" in self.path
            and not self.path.endswith("{key}/thumbnail.png")
            and not self.path.startswith(f"{V1}/profiles/me/")
        )


@dataclass
class Answer:
    route: Route
    status: int
    code: str | None

    def __str__(self) -> str:
        return f"{self.route.method} {self.route.path} -> {self.status} {self.code}"


def _routes(app: FastAPI) -> list[Route]:
    from tests.hardening.support import api_routes

    served = [
        Route(method, path)
        for method, path, route in api_routes(app)
        if route.include_in_schema and path.startswith((f"{V1}/", "/p/", "/s/"))
    ]
    assert len(served) > 100
    return served


class Walker:
    """Sends a route the request a caller would, filled with the target account's ids."""

    def __init__(self, api: TestClient, app: FastAPI) -> None:
        self.api = api
        self.document = api.get(f"{V1}/openapi.json").json()
        self.routes = _routes(app)

    def url(self, route: Route, target: Account | None) -> str:
        url = route.path
        for name in _params(route.path):
            value = target.path_value(route.path, name) if target else None
            unknown = "1" if name == "number" else str(ULID())  # a revision's number
            url = url.replace("{" + name + "}", value or unknown)
        return url

    def ask(self, route: Route, target: Account | None, headers: dict[str, str]) -> Answer:
        body = minimal_body(self.document, route.method, route.path)
        response = self.api.request(
            route.method,
            self.url(route, target),
            json=body if route.method in WRITES else None,
            headers=headers,
            follow_redirects=False,
        )
        wait_for_jobs()
        code = None
        if response.headers.get("content-type", "").startswith("application/json"):
            payload: Any = response.json()
            code = payload.get("error", {}).get("code") if isinstance(payload, dict) else None
        return Answer(route, response.status_code, code)


def _params(path: str) -> list[str]:
    return [part[1:-1].split(":")[0] for part in path.split("/") if part.startswith("{")]


def _fail_on(wrong: list[Answer]) -> None:
    if wrong:
        pytest.fail(f"{len(wrong)} routes answered wrongly:\n" + "\n".join(map(str, wrong)))


@pytest.fixture
def walker(api: TestClient, api_app: FastAPI) -> Walker:
    return Walker(api, api_app)


def _untouched(session: Session, account: Account) -> Iterator[Account]:
    wait_for_jobs()
    before = owned_rows(session, account.user)
    yield account
    wait_for_jobs()
    after = owned_rows(session, account.user)
    changed = {
        table: [(b, a) for b, a in zip(before[table], after[table], strict=False) if b != a]
        or (before[table], after[table])
        for table in before
        if before[table] != after[table]
    }
    assert not changed, f"the owner's rows changed: {changed}"


@pytest.fixture
def owner(session: Session) -> Iterator[Account]:
    """B: an Expert with one row of everything, whose rows must come out untouched."""
    yield from _untouched(session, make_account(session))


@pytest.fixture
def private_owner(session: Session) -> Iterator[Account]:
    """B, with the profile PRIVATE: its public pages must not answer either."""
    account = make_account(session)
    profiles.update_profile(session, user_id=account.user.id, changes={"visibility": "PRIVATE"})
    session.commit()
    yield from _untouched(session, account)


def _bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


@pytest.mark.parametrize("credentials", ["none", "expired", "garbage"])
def test_without_valid_credentials_every_private_route_answers_401(
    walker: Walker, owner: Account, credentials: str
) -> None:
    headers = {
        "none": {},
        "expired": _bearer(expired_token(owner.user)),
        "garbage": _bearer("not-a-token"),
    }[credentials]
    answers = [walker.ask(r, owner, headers) for r in walker.routes if not r.public]
    _fail_on([a for a in answers if (a.status, a.code) != (401, "UNAUTHENTICATED")])


def test_a_signed_out_token_is_refused_everywhere(
    walker: Walker, owner: Account, session: Session
) -> None:
    leaver = make_account(session, needs=())
    logout = walker.api.post(f"{V1}/auth/logout", headers=leaver.headers)
    assert logout.status_code == 204
    answers = [walker.ask(r, owner, leaver.headers) for r in walker.routes if not r.public]
    _fail_on([a for a in answers if (a.status, a.code) != (401, "TOKEN_REVOKED")])


def _checked_as_theirs(route: Route) -> bool:
    return route.aimed and (not route.public or (route.method, route.path) in PRIVATE_WHEN_PRIVATE)


def test_another_users_rows_are_not_found(
    walker: Walker, private_owner: Account, session: Session
) -> None:
    intruder = make_account(session, plan="expert", needs=())
    wrong = []
    for route in filter(_checked_as_theirs, walker.routes):
        theirs = walker.ask(route, private_owner, intruder.headers)
        nobodys = walker.ask(route, None, intruder.headers)
        same = (theirs.status, theirs.code) == (nobodys.status, nobodys.code)
        # 422 only where the smallest body is refused anyway, for any id
        expected = (404,) if route.method in ("GET", "DELETE") else (404, 422)
        if not same or theirs.status not in expected:
            wrong.append(theirs)
    _fail_on(wrong)


def test_a_read_only_key_cannot_write(walker: Walker, owner: Account) -> None:
    writes = [r for r in walker.routes if not r.public and r.method in WRITES]
    answers = [walker.ask(r, owner, _bearer(owner.api_key)) for r in writes]
    _fail_on([a for a in answers if (a.status, a.code) != (403, "FORBIDDEN")])


def _downgraded_key(session: Session) -> tuple[User, str]:
    from cvapp.domain.apikeys import service as api_keys

    user = make_user(session, plan="expert")
    key = api_keys.create_key(session, user=user, data={"name": "old", "scopes": ["write"]})
    user.plan = "free"
    session.add(user)
    session.commit()
    return user, key.key


def test_a_free_user_gets_no_expert_feature(
    walker: Walker, owner: Account, session: Session
) -> None:
    free, key = _downgraded_key(session)
    wrong = []
    for route in (r for r in walker.routes if not r.public):
        answer = walker.ask(route, owner, _bearer(key))
        account_route = route.path.startswith(NOT_FOR_API_KEYS) and route.path != API_KEY_ALLOWED
        expected = (403, "FORBIDDEN") if account_route else (402, "PLAN_LIMIT")
        if (answer.status, answer.code) != expected:
            wrong.append(answer)
    _fail_on(wrong)

    signed_in = make_account(session, plan="free", needs=("cv_id",))
    created = walker.api.post(f"{V1}/api-keys", json={"name": "x"}, headers=signed_in.headers)
    assert (created.status_code, created.json()["error"]["code"]) == (402, "PLAN_LIMIT")
    paid = walker.api.patch(
        f"{V1}/cvs/{signed_in.ids['cv_id']}",
        json={"template": "two-column"},
        headers=signed_in.headers,
    )
    assert (paid.status_code, paid.json()["error"]["code"]) == (402, "PLAN_LIMIT")
