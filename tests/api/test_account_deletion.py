"""DELETE /account: password-confirmed soft delete, login refused, then a purge that leaves
nothing of the user in the database, the file storage or Redis."""

from __future__ import annotations

from datetime import timedelta

import time_machine
from fastapi.testclient import TestClient
from sqlmodel import Session, select

from cvapp.db import session_scope
from cvapp.domain.account.deletion import restore_account
from cvapp.domain.account.tasks import start_periodic
from cvapp.domain.public.share_links import token_for
from cvapp.models import AuditEvent, User
from cvapp.models.base import utcnow
from tests.api.auth_support import _quiet_queue, wait_for_jobs  # noqa: F401
from tests.domain.account_support import PASSWORD, World, _empty_storage, populate  # noqa: F401
from tests.domain.traces import in_cache, in_database, in_storage

API = "/api/v1"


def _sign_in(api: TestClient, world: World) -> dict[str, str]:
    response = api.post(f"{API}/auth/login", json={"email": world.user.email, "password": PASSWORD})
    assert response.status_code == 200, response.text
    return dict(response.json())


def _run_purge() -> None:
    """What the scheduler does every hour: queue the purge actor; then wait for it."""
    with session_scope() as session:
        start_periodic(session, name="purge")
    wait_for_jobs()


def _bearer(tokens: dict[str, str]) -> dict[str, str]:
    return {"Authorization": f"Bearer {tokens['access_token']}"}


def _use_everything(api: TestClient, world: World, slug: str) -> dict[str, str]:
    """Sessions, a signed-out token, a cached public page, a viewed share page, an export,
    and an API key: every kind of trace an account leaves."""
    tokens = _sign_in(api, world)
    spent = _sign_in(api, world)
    assert api.post(f"{API}/auth/logout", headers=_bearer(spent)).status_code == 204
    assert api.get(f"/p/{slug}").status_code == 200
    assert api.get(f"/s/{token_for(world.share_link_id)}").status_code == 200
    export = api.post(f"{API}/account/export", headers=_bearer(tokens))
    assert export.status_code == 202, export.text
    key = api.post(f"{API}/api-keys", json={"name": "bot"}, headers=_bearer(tokens)).json()
    assert api.get(
        f"{API}/profiles/me", headers={"Authorization": f"Bearer {key['key']}"}
    ).is_success
    wait_for_jobs()
    return {**tokens, "api_key": key["key"]}


def test_deletion_then_purge_leaves_no_trace(api: TestClient, session: Session) -> None:
    world = populate(session, slug="zora-quill")
    bystander = populate(session, slug="bystander")
    secrets = _use_everything(api, world, "zora-quill")
    _use_everything(api, bystander, "bystander")
    needles = (world.user.id, world.profile_id, world.user.email, world.marker)
    assert in_database(*needles) and in_storage(*needles) and in_cache(*needles)

    wrong = api.request(
        "DELETE", f"{API}/account", json={"password": "nope"}, headers=_bearer(secrets)
    )
    assert wrong.status_code == 422
    assert wrong.json()["error"]["details"][0]["field"] == "password"
    deleted = api.request(
        "DELETE", f"{API}/account", json={"password": PASSWORD}, headers=_bearer(secrets)
    )
    assert deleted.status_code == 202, deleted.text
    assert deleted.json()["status"] == "deleted"
    wait_for_jobs()

    # At once: no sign-in (with a clear message), no session, no key, nothing public.
    login = api.post(f"{API}/auth/login", json={"email": world.user.email, "password": PASSWORD})
    assert login.status_code == 403
    assert login.json()["error"]["code"] == "ACCOUNT_DELETED"
    assert "deleted" in login.json()["error"]["message"]
    wrong_password = api.post(
        f"{API}/auth/login", json={"email": world.user.email, "password": "wrong password"}
    )
    assert wrong_password.json()["error"]["code"] == "INVALID_CREDENTIALS"
    assert api.get(f"{API}/auth/me", headers=_bearer(secrets)).status_code == 401
    refresh = api.post(f"{API}/auth/refresh", json={"refresh_token": secrets["refresh_token"]})
    assert refresh.status_code == 401
    by_key = api.get(
        f"{API}/profiles/me", headers={"Authorization": f"Bearer {secrets['api_key']}"}
    )
    assert by_key.status_code == 401
    assert api.get("/p/zora-quill").status_code == 404
    assert api.get(f"/s/{token_for(world.share_link_id)}").status_code == 404
    assert api.get("/p/bystander").status_code == 200

    # Not yet due: the scheduled purge leaves it (it can still be restored).
    _run_purge()
    session.expire_all()
    assert session.get(User, world.user.id) is not None

    with time_machine.travel(utcnow() + timedelta(days=31)):
        _run_purge()

    assert in_database(*needles) == []
    assert in_storage(*needles) == []
    assert in_cache(*needles) == []
    others = (bystander.user.id, bystander.marker)
    assert in_database(*others) and in_storage(*others) and in_cache(*others)
    assert api.get("/p/bystander").status_code == 200
    assert session.exec(select(AuditEvent).where(AuditEvent.action == "account.purged")).first()


def test_an_admin_restores_within_the_30_days(api: TestClient, session: Session) -> None:
    world = populate(session, slug="zora-quill")
    tokens = _sign_in(api, world)
    body = {"password": PASSWORD}
    response = api.request("DELETE", f"{API}/account", json=body, headers=_bearer(tokens))
    assert response.status_code == 202
    assert api.get("/p/zora-quill").status_code == 404

    session.expire_all()
    restore_account(session, user_id=world.user.id)
    session.commit()

    assert api.get("/p/zora-quill").status_code == 200
    again = _sign_in(api, world)
    assert api.get(f"{API}/auth/me", headers=_bearer(again)).status_code == 200
    keys = api.get(f"{API}/api-keys", headers=_bearer(again)).json()["data"]
    assert keys and not any(key["active"] for key in keys)  # keys stay revoked


def test_deletion_needs_the_second_factor_when_on(api: TestClient, session: Session) -> None:
    import pyotp

    world = populate(session, plan="free", slug="zora-quill")
    tokens = _sign_in(api, world)
    setup = api.post(f"{API}/account/2fa/setup", headers=_bearer(tokens)).json()
    totp = pyotp.TOTP(setup["secret"])
    confirmed = api.post(
        f"{API}/account/2fa/confirm", json={"code": totp.now()}, headers=_bearer(tokens)
    )
    assert confirmed.status_code == 200, confirmed.text
    body = {"password": PASSWORD}
    missing = api.request("DELETE", f"{API}/account", json=body, headers=_bearer(tokens))
    assert missing.status_code == 422
    assert missing.json()["error"]["details"][0]["field"] == "totp_code"
    recovery = confirmed.json()["recovery_codes"][0]
    body["totp_code"] = recovery
    done = api.request("DELETE", f"{API}/account", json=body, headers=_bearer(tokens))
    assert done.status_code == 202, done.text
