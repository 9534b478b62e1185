"""GET /api/v1/profiles/me answered from process memory: only for a token fully checked in
this process, never after a change, a sign-out or a revocation, never to another user."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
import time_machine
from fastapi.testclient import TestClient
from sqlmodel import Session

from cvapp import invalidation
from cvapp.api import fastpath
from cvapp.api.routes import profiles as profiles_route
from cvapp.domain.auth import memo as auth_memo
from cvapp.domain.auth.tokens import decode_access_token
from cvapp.domain.profiles import views
from tests.domain.account_support import PASSWORD, make_user

API = "/api/v1"
ME = f"{API}/profiles/me"


@pytest.fixture
def fast(api_app: object) -> Iterator[TestClient]:
    """The REST app behind the fast path, with empty memories before and after."""
    _forget_all()
    deadline = time.monotonic() + 10
    while invalidation.epoch() is None:
        assert time.monotonic() < deadline, "the invalidation listener did not connect"
        time.sleep(0.02)
    app = fastpath.HotReads(api_app)  # type: ignore[arg-type]
    with TestClient(app, raise_server_exceptions=False) as client:
        yield client
    _forget_all()


def _forget_all() -> None:
    fastpath.views.drop("")
    auth_memo.checked.drop("")


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """User ids the route built or fetched a view for (a memory answer adds none)."""
    calls: list[str] = []
    original = views.my_profile_json

    def counting(session: Session, *, user_id: str) -> bytes:
        calls.append(user_id)
        return original(session, user_id=user_id)

    monkeypatch.setattr(profiles_route.views, "my_profile_json", counting)
    return calls


def _signed_in(api: TestClient, session: Session, name: str = "Ann Example") -> tuple[str, dict]:
    user = make_user(session, full_name=name)
    session.commit()
    login = api.post(f"{API}/auth/login", json={"email": user.email, "password": PASSWORD})
    assert login.status_code == 200, login.text
    tokens = login.json()
    return user.id, {"Authorization": f"Bearer {tokens['access_token']}", **tokens}


def _bearer(tokens: dict) -> dict[str, str]:
    return {"Authorization": tokens["Authorization"]}


def _hot(api: TestClient, tokens: dict) -> None:
    """Read until this token's answer is kept in memory (the next read comes from there)."""
    for _ in range(3):
        assert api.get(ME, headers=_bearer(tokens)).status_code == 200
    user_id = auth_memo.user_of(decode_access_token(tokens["access_token"]))
    assert user_id is not None and fastpath.views.get(user_id) is not None


def test_a_checked_token_reads_from_memory(
    fast: TestClient, session: Session, reads: list[str]
) -> None:
    user_id, tokens = _signed_in(fast, session)
    fast.get(ME, headers=_bearer(tokens))  # creates the profile: that change is not kept
    reads.clear()
    first = fast.get(ME, headers=_bearer(tokens))
    second = fast.get(ME, headers=_bearer(tokens))
    assert first.status_code == second.status_code == 200
    assert reads == [user_id], "the second answer should not have reached the route"
    assert second.content == first.content and second.json()["full_name"] == "Ann Example"
    assert second.headers["content-type"] == "application/json"
    assert second.headers["x-content-type-options"] == "nosniff"
    assert "x-cvapp-memo" not in first.headers and "x-cvapp-memo" not in second.headers


def test_a_change_is_read_at_once(fast: TestClient, session: Session, reads: list[str]) -> None:
    _, tokens = _signed_in(fast, session)
    _hot(fast, tokens)
    changed = fast.patch(ME, json={"headline": "Staff engineer"}, headers=_bearer(tokens))
    assert changed.status_code == 200
    assert fast.get(ME, headers=_bearer(tokens)).json()["headline"] == "Staff engineer"
    added = fast.post(
        f"{API}/experiences",
        json={"company": "Brand New Co", "title": "CTO", "start_date": "2025-01"},
        headers=_bearer(tokens),
    )
    assert added.status_code == 201, added.text
    companies = [e["company"] for e in fast.get(ME, headers=_bearer(tokens)).json()["experiences"]]
    assert companies == ["Brand New Co"]
    _hot(fast, tokens)
    fast.patch(ME, json={"headline": "Principal engineer"}, headers=_bearer(tokens))
    assert fast.get(ME, headers=_bearer(tokens)).json()["headline"] == "Principal engineer"


def test_signing_out_ends_memory_answers(fast: TestClient, session: Session) -> None:
    _, tokens = _signed_in(fast, session)
    _hot(fast, tokens)
    assert fast.post(f"{API}/auth/logout", headers=_bearer(tokens)).status_code == 204
    assert fast.get(ME, headers=_bearer(tokens)).status_code == 401


def test_revoking_every_session_ends_memory_answers(fast: TestClient, session: Session) -> None:
    _, tokens = _signed_in(fast, session)
    _, other_tab = _signed_in_again(fast, session, tokens)
    _hot(fast, tokens)
    _hot(fast, other_tab)
    revoked = fast.post(f"{API}/account/sessions/revoke-all", headers=_bearer(tokens))
    assert revoked.status_code == 204, revoked.text
    assert fast.get(ME, headers=_bearer(other_tab)).status_code == 401


def _signed_in_again(api: TestClient, session: Session, tokens: dict) -> tuple[str, dict]:
    me = api.get(f"{API}/auth/me", headers=_bearer(tokens)).json()
    login = api.post(f"{API}/auth/login", json={"email": me["email"], "password": PASSWORD})
    fresh = login.json()
    return me["id"], {"Authorization": f"Bearer {fresh['access_token']}", **fresh}


def test_each_user_reads_only_their_own(fast: TestClient, session: Session) -> None:
    _, ann = _signed_in(fast, session, "Ann Example")
    _, bob = _signed_in(fast, session, "Bob Other")
    _hot(fast, ann)
    _hot(fast, bob)
    for _ in range(2):
        assert fast.get(ME, headers=_bearer(ann)).json()["full_name"] == "Ann Example"
        assert fast.get(ME, headers=_bearer(bob)).json()["full_name"] == "Bob Other"


def test_a_forged_or_expired_token_is_refused(fast: TestClient, session: Session) -> None:
    _, tokens = _signed_in(fast, session)
    token = tokens["access_token"]
    _hot(fast, tokens)
    head, payload, signature = token.split(".")
    forged = f"{head}.{payload}.{signature[::-1]}"
    assert fast.get(ME, headers={"Authorization": f"Bearer {forged}"}).status_code == 401
    with time_machine.travel(time.time() + 24 * 3600, tick=False):
        assert fast.get(ME, headers=_bearer(tokens)).status_code == 401


def test_a_deleted_account_is_refused_at_once(fast: TestClient, session: Session) -> None:
    _, tokens = _signed_in(fast, session)
    _hot(fast, tokens)
    deleted = fast.request(
        "DELETE", f"{API}/account", json={"password": PASSWORD}, headers=_bearer(tokens)
    )
    assert deleted.status_code == 202, deleted.text
    assert fast.get(ME, headers=_bearer(tokens)).status_code == 401


def test_cross_origin_reads_get_their_cors_headers(
    fast: TestClient, session: Session, reads: list[str]
) -> None:
    """A browser app on an allowed origin needs Access-Control-Allow-Origin on every answer,
    which only the normal path (its CORS middleware) gives."""
    _, tokens = _signed_in(fast, session)
    _hot(fast, tokens)
    reads.clear()
    origin = {"Origin": "https://app.example.org", **_bearer(tokens)}
    assert fast.get(ME, headers=origin).status_code == 200
    assert len(reads) == 1, "a cross-origin read must go the normal way"
