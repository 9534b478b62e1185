"""Signing in: the token pair, no account enumeration, lockout and its expiry, rate limits."""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
import time_machine
from fastapi.testclient import TestClient
from sqlmodel import Session, select

from cvapp.models import AuditEvent, OutboxEmail, User
from cvapp.models.base import utcnow
from cvapp.settings import get_settings
from tests.api.auth_support import (  # noqa: F401  (fixtures)
    PASSWORD,
    _quiet_queue,
    bearer,
    login,
    register,
    wait_for_jobs,
)


def test_login_answers_the_contract_shape_with_cookies(api: TestClient) -> None:
    register(api)
    response = login(api, email="ANN@example.org")
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"user", "access_token", "refresh_token", "token_type", "expires_in"}
    assert body["user"]["email"] == "ann@example.org"
    assert {"cvapp_access", "cvapp_refresh", "cvapp_csrf"} <= set(response.cookies.keys())
    me = api.get("/api/v1/auth/me", headers=bearer(body)).json()
    assert set(me) >= {"id", "email", "full_name", "plan", "email_verified", "created_at"}


def test_unknown_email_and_wrong_password_answer_alike(api: TestClient) -> None:
    register(api)
    wrong_password = login(api, password="not the password")
    unknown = login(api, email="nobody@example.org")
    assert wrong_password.status_code == unknown.status_code == 401
    assert wrong_password.json() == unknown.json()
    assert unknown.json()["error"]["code"] == "INVALID_CREDENTIALS"


def test_five_failures_lock_that_client_for_fifteen_minutes(
    api: TestClient, session: Session
) -> None:
    register(api)
    start = utcnow()
    with time_machine.travel(start, tick=False) as clock:
        for _ in range(5):
            assert login(api, password="wrong password!").status_code == 401
        locked = login(api)  # even the right password is refused while locked
        assert locked.status_code == 423
        error = locked.json()["error"]
        assert error["code"] == "ACCOUNT_LOCKED" and "15 minutes" in error["message"]

        clock.shift(timedelta(minutes=14))
        still = login(api)
        assert still.status_code == 423 and "1 minute" in still.json()["error"]["message"]

        owner = TestClient(api.app, client=("198.51.100.7", 5000), raise_server_exceptions=False)
        assert login(owner).status_code == 200  # the attacker's lock is not the owner's

        clock.shift(timedelta(minutes=1, seconds=1))
        assert login(api).status_code == 200
    actions = session.exec(select(AuditEvent.action)).all()
    assert actions.count("auth.login_failed") == 5 and actions.count("auth.locked") == 0


def _client(api: TestClient, number: int) -> TestClient:
    return TestClient(api.app, client=(f"192.0.2.{number}", 5000), raise_server_exceptions=False)


def test_a_distributed_guess_locks_the_account_but_not_its_known_devices(
    api: TestClient, session: Session
) -> None:
    """Issue #15 point 6: 20 failures from anywhere lock the account for unknown clients;
    the owner's own device (it signed in before) still gets in with the right password."""
    register(api)  # signs in from the test client: a known device from now on
    with time_machine.travel(utcnow(), tick=False) as clock:
        for number in range(1, 5):
            clock.shift(timedelta(seconds=61))  # under the per-address rate limit (10/minute)
            attacker = _client(api, number)
            statuses = [login(attacker, password="wrong password!").status_code for _ in range(5)]
            assert statuses == [401] * 5
        stranger = _client(api, 99)
        locked = login(stranger)  # right password, unknown client: the account is locked
        assert locked.status_code == 423 and locked.json()["error"]["code"] == "ACCOUNT_LOCKED"
        assert login(api).status_code == 200  # the known device passes
    wait_for_jobs()
    notice = session.exec(
        select(OutboxEmail).where(OutboxEmail.subject == "Your account was locked")
    ).all()
    assert [m.to_address for m in notice] == ["ann@example.org"]
    actions = session.exec(select(AuditEvent.action)).all()
    assert actions.count("auth.login_failed") == 20 and actions.count("auth.locked") == 1


def test_the_lock_mail_link_lets_the_owner_in_on_a_new_device(
    api: TestClient, session: Session
) -> None:
    """Issue #15 point 6: the owner on a device the account never used opens the lock mail's
    link there and signs in, even while the guessing goes on and locks the account again."""
    register(api)
    new_device = _client(api, 42)
    with time_machine.travel(utcnow(), tick=False) as clock:

        def guess(first: int) -> None:
            for number in range(first, first + 4):
                clock.shift(timedelta(seconds=61))
                attacker = _client(api, number)
                for _ in range(5):
                    login(attacker, password="wrong password!")

        guess(1)
        assert login(new_device).status_code == 423
        wait_for_jobs()
        # Without SMTP the outbox is the mail sink: the link is read from there.
        mail = session.exec(
            select(OutboxEmail).where(OutboxEmail.subject == "Your account was locked")
        ).one()
        token = parse_qs(urlsplit(mail.body_text.split("/unlock-account", 1)[1].split()[0]).query)
        [plain] = token["token"]

        assert new_device.post("/api/v1/auth/unlock", json={"token": "forged"}).status_code == 422
        assert new_device.post("/api/v1/auth/unlock", json={"token": plain}).status_code == 204
        assert new_device.post("/api/v1/auth/unlock", json={"token": plain}).status_code == 422
        assert login(new_device).status_code == 200
        guess(10)  # locked again: the unlocked device still gets in, a stranger does not
        assert login(_client(api, 99)).status_code == 423
        assert login(new_device).status_code == 200
    actions = session.exec(select(AuditEvent.action)).all()
    assert actions.count("auth.unlocked") == 1 and actions.count("auth.locked") == 2


def test_failures_spread_over_more_than_fifteen_minutes_do_not_lock(api: TestClient) -> None:
    register(api)
    with time_machine.travel(utcnow(), tick=False) as clock:
        for _ in range(4):
            assert login(api, password="wrong password!").status_code == 401
        clock.shift(timedelta(minutes=16))
        for _ in range(4):
            assert login(api, password="wrong password!").status_code == 401
        assert login(api).status_code == 200


def test_a_success_resets_the_failure_count(api: TestClient, session: Session) -> None:
    register(api)
    for _ in range(4):
        login(api, password="wrong password!")
    assert login(api).status_code == 200
    user = session.exec(select(User)).one()
    assert user.failed_login_count == 0 and user.locked_until is None


def test_unknown_addresses_lock_too_so_a_lock_reveals_nothing(api: TestClient) -> None:
    register(api)
    known = [login(api, password="wrong password!") for _ in range(6)]
    elsewhere = TestClient(api.app, client=("10.0.0.9", 5000), raise_server_exceptions=False)
    unknown = [login(elsewhere, email="ghost@example.org", password="x" * 12) for _ in range(6)]
    assert [r.status_code for r in known] == [r.status_code for r in unknown]
    assert [r.status_code for r in unknown] == [401] * 5 + [423]
    assert known[-1].json() == unknown[-1].json()


def test_login_is_limited_to_ten_per_minute_per_ip(api: TestClient) -> None:
    for n in range(10):
        assert login(api, email=f"x{n}@example.org").status_code == 401
    limited = login(api, email="x10@example.org")
    assert limited.status_code == 429
    assert limited.json()["error"]["code"] == "RATE_LIMITED"
    assert 0 < int(limited.headers["retry-after"]) <= 60


def test_an_operator_sets_another_limit_for_one_rule(
    api: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An office behind one address: CVAPP_RATE_LIMITS raises the sign-ins per address."""
    monkeypatch.setenv("CVAPP_RATE_LIMITS", "login_ip=13/minute, register_ip=50/hour")
    get_settings.cache_clear()
    try:
        answers = [login(api, email=f"büro{n}@example.org").status_code for n in range(14)]
        assert answers == [401] * 13 + [429]
    finally:
        monkeypatch.undo()
        get_settings.cache_clear()


def test_login_is_limited_to_ten_per_minute_per_email(api: TestClient) -> None:
    register(api)
    clients = [
        TestClient(api.app, client=(f"10.0.0.{n}", 5000), raise_server_exceptions=False)
        for n in range(11)
    ]
    answers = [login(client).status_code for client in clients]
    assert answers == [200] * 10 + [429]


def test_audit_log_records_sign_ins_and_failures(api: TestClient) -> None:
    register(api)
    login(api, password="wrong password!")
    tokens = login(api).json()
    page = api.get("/api/v1/account/audit-events?size=2", headers=bearer(tokens)).json()
    assert page["pagination"] == {"page": 1, "size": 2, "total": 4, "pages": 2}
    assert [e["action"] for e in page["data"]] == ["auth.login", "auth.login_failed"]
    assert page["data"][0]["ip"] == "testclient"
    rest = api.get("/api/v1/account/audit-events?page=2&size=2", headers=bearer(tokens)).json()
    assert [e["action"] for e in rest["data"]] == ["auth.login", "auth.registered"]
