"""/api-keys: Expert keys authenticate the REST API within their scopes, never the UI."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from cvapp import ratelimit
from cvapp.db import session_scope
from cvapp.state.session import Caller, signed_in_user
from tests.domain.account_support import _empty_storage, bearer, make_user  # noqa: F401

API = "/api/v1"


def _key(api: TestClient, headers: dict[str, str], *scopes: str) -> dict[str, Any]:
    body = {"name": f"script {'+'.join(scopes)}", "scopes": list(scopes)}
    response = api.post(f"{API}/api-keys", json=body, headers=headers)
    assert response.status_code == 201, response.text
    return dict(response.json())


def _with(key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}


def test_create_list_and_revoke(api: TestClient, session: Session) -> None:
    user = make_user(session, plan="expert")
    created = _key(api, bearer(user), "read")
    assert created["key"].startswith("cvk_") and created["scopes"] == ["read"]

    listed = api.get(f"{API}/api-keys", headers=bearer(user)).json()
    assert listed["pagination"]["total"] == 1
    (shown,) = listed["data"]
    assert shown["prefix"] == created["key"][:12] and "key" not in shown
    assert shown["last_used_at"] is None and shown["active"] is True

    assert api.get(f"{API}/auth/me", headers=_with(created["key"])).json()["id"] == user.id
    used = api.get(f"{API}/api-keys", headers=bearer(user)).json()["data"][0]
    assert used["last_used_at"] is not None

    assert api.delete(f"{API}/api-keys/{created['id']}", headers=bearer(user)).status_code == 204
    refused = api.get(f"{API}/profiles/me", headers=_with(created["key"]))
    assert refused.status_code == 401 and refused.json()["error"]["code"] == "UNAUTHENTICATED"
    assert api.get(f"{API}/api-keys", headers=bearer(user)).json()["data"][0]["active"] is False


def test_a_read_key_cannot_write_a_write_key_can(api: TestClient, session: Session) -> None:
    user = make_user(session, plan="expert")
    read, write = _key(api, bearer(user), "read")["key"], _key(api, bearer(user), "write")["key"]
    change = {"headline": "Staff engineer"}

    assert api.get(f"{API}/profiles/me", headers=_with(read)).status_code == 200
    refused = api.patch(f"{API}/profiles/me", json=change, headers=_with(read))
    assert refused.status_code == 403 and refused.json()["error"]["code"] == "FORBIDDEN"
    created = api.post(f"{API}/skills", json={"name": "Go"}, headers=_with(read))
    assert created.status_code == 403

    assert api.patch(f"{API}/profiles/me", json=change, headers=_with(write)).status_code == 200
    assert api.post(f"{API}/skills", json={"name": "Go"}, headers=_with(write)).status_code == 201
    profile = api.get(f"{API}/profiles/me", headers=_with(read)).json()
    assert profile["headline"] == "Staff engineer"


@pytest.mark.parametrize("plan", ["free", "pro"])
def test_api_access_is_expert_only(api: TestClient, session: Session, plan: str) -> None:
    user = make_user(session, plan=plan)
    response = api.post(f"{API}/api-keys", json={"name": "x"}, headers=bearer(user))
    assert response.status_code == 402
    error = response.json()["error"]
    assert error["code"] == "PLAN_LIMIT" and error["details"][0]["limit"] == "api_access"
    assert error["details"][0]["next_plan"] == "expert"


def test_after_a_downgrade_keys_are_kept_but_refused(api: TestClient, session: Session) -> None:
    user = make_user(session, plan="expert")
    key = _key(api, bearer(user), "read")["key"]
    user.plan = "pro"
    session.add(user)
    session.commit()
    response = api.get(f"{API}/profiles/me", headers=_with(key))
    assert response.status_code == 402 and response.json()["error"]["code"] == "PLAN_LIMIT"
    assert api.get(f"{API}/api-keys", headers=bearer(user)).json()["pagination"]["total"] == 1


def test_keys_cannot_manage_the_account(api: TestClient, session: Session) -> None:
    user = make_user(session, plan="expert")
    key = _key(api, bearer(user), "write")["key"]
    for method, path, body in [
        ("POST", "/api-keys", {"name": "more"}),
        ("GET", "/api-keys", None),
        ("DELETE", "/account", {"password": "x"}),
        ("POST", "/account/export", None),
        ("POST", "/account/password", {"current_password": "a", "new_password": "b"}),
        ("GET", "/account/sessions", None),
        ("POST", "/auth/logout", None),
    ]:
        response = api.request(method, f"{API}{path}", json=body, headers=_with(key))
        assert response.status_code == 403, (path, response.text)


def test_a_key_in_the_cookie_is_not_a_session(api: TestClient, session: Session) -> None:
    user = make_user(session, plan="expert")
    key = _key(api, bearer(user), "read")["key"]
    api.cookies.set("cvapp_access", key)
    assert api.get(f"{API}/profiles/me").status_code == 401
    # The Reflex UI reads only the access cookie, and a key there signs nobody in.
    with session_scope() as db:
        caller = Caller(access_token=key, has_session_cookie=True, ip=None, user_agent=None)
        assert signed_in_user(db, caller) is None


def test_each_key_is_rate_limited(
    api: TestClient, session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(ratelimit.RULES, "api_key", ratelimit.parse("5/minute"))
    user = make_user(session, plan="expert")
    first, second = _key(api, bearer(user), "read")["key"], _key(api, bearer(user), "read")["key"]
    for _ in range(5):
        assert api.get(f"{API}/auth/me", headers=_with(first)).status_code == 200
    limited = api.get(f"{API}/auth/me", headers=_with(first))
    assert limited.status_code == 429 and int(limited.headers["Retry-After"]) >= 1
    assert api.get(f"{API}/auth/me", headers=_with(second)).status_code == 200
    assert api.get(f"{API}/auth/me", headers=bearer(user)).status_code == 200


def test_the_endpoints_are_documented(api: TestClient) -> None:
    paths = api.get(f"{API}/openapi.json").json()["paths"]
    assert {"/api/v1/api-keys", "/api/v1/api-keys/{key_id}"} <= set(paths)
