"""Two-factor sign-in: setup with a QR code, the login step, recovery codes, disabling."""

from __future__ import annotations

import base64
from datetime import timedelta
from typing import Any

import pyotp
import time_machine
from fastapi.testclient import TestClient
from sqlmodel import Session, select

from cvapp.models import AuditEvent, User
from cvapp.models.base import utcnow
from tests.api.auth_support import PASSWORD, _quiet_queue, bearer, login, register  # noqa: F401


def _enable(api: TestClient, tokens: dict[str, Any]) -> tuple[pyotp.TOTP, list[str]]:
    setup = api.post("/api/v1/account/2fa/setup", headers=bearer(tokens))
    assert setup.status_code == 200
    body = setup.json()
    assert body["otpauth_uri"].startswith("otpauth://totp/cvapp:ann%40example.org?secret=")
    assert body["qr_code"].startswith("data:image/svg+xml;base64,")
    assert b"<svg" in base64.b64decode(body["qr_code"].split(",", 1)[1])
    totp = pyotp.TOTP(body["secret"])
    confirm = api.post(
        "/api/v1/account/2fa/confirm", json={"code": totp.now()}, headers=bearer(tokens)
    )
    assert confirm.status_code == 200
    codes = confirm.json()["recovery_codes"]
    assert len(codes) == 10 and len(set(codes)) == 10
    return totp, codes


def _next_step() -> Any:
    """A clock moved to the next 30-second step (a TOTP code works once per step)."""
    return time_machine.travel(utcnow() + timedelta(seconds=30), tick=False)


def test_setup_needs_a_valid_code_before_2fa_is_on(api: TestClient) -> None:
    tokens = register(api)
    api.post("/api/v1/account/2fa/setup", headers=bearer(tokens))
    wrong = api.post("/api/v1/account/2fa/confirm", json={"code": "000000"}, headers=bearer(tokens))
    assert wrong.status_code == 422
    status = api.get("/api/v1/account/2fa", headers=bearer(tokens)).json()
    assert status == {"enabled": False, "recovery_codes_left": 0}
    assert login(api).json().get("mfa_required") is None


def test_login_asks_for_the_second_factor(api: TestClient, session: Session) -> None:
    totp, _ = _enable(api, register(api))
    with _next_step():
        step = login(api)
        assert step.status_code == 200
        challenge = step.json()
        assert challenge["mfa_required"] is True and "access_token" not in challenge
        assert set(challenge["methods"]) == {"totp", "recovery_code"}

        bad = api.post(
            "/api/v1/auth/login/totp",
            json={"mfa_token": challenge["mfa_token"], "code": "123456"},
        )
        assert bad.status_code == 401 and bad.json()["error"]["code"] == "INVALID_CREDENTIALS"

        done = api.post(
            "/api/v1/auth/login/totp",
            json={"mfa_token": challenge["mfa_token"], "code": totp.now()},
        )
        assert done.status_code == 200
        assert api.get("/api/v1/auth/me", headers=bearer(done.json())).json()["totp_enabled"]
        replay = api.post(
            "/api/v1/auth/login/totp",
            json={"mfa_token": challenge["mfa_token"], "code": totp.now()},
        )
        assert replay.status_code == 401  # the same code never works twice
    failures = session.exec(
        select(AuditEvent).where(AuditEvent.action == "auth.login_failed")
    ).all()
    assert [f.details["reason"] for f in failures] == ["second_factor", "second_factor"]


def test_one_step_login_with_totp_code(api: TestClient) -> None:
    totp, _ = _enable(api, register(api))
    with _next_step():
        response = api.post(
            "/api/v1/auth/login",
            json={"email": "ann@example.org", "password": PASSWORD, "totp_code": totp.now()},
        )
    assert response.status_code == 200 and "access_token" in response.json()


def test_a_recovery_code_works_once(api: TestClient, session: Session) -> None:
    _, codes = _enable(api, register(api))
    challenge = login(api).json()
    first = api.post(
        "/api/v1/auth/login/totp",
        json={"mfa_token": challenge["mfa_token"], "code": codes[0].upper()},
    )
    assert first.status_code == 200
    again = api.post(
        "/api/v1/auth/login/totp", json={"mfa_token": challenge["mfa_token"], "code": codes[0]}
    )
    assert again.status_code == 401
    status = api.get("/api/v1/account/2fa", headers=bearer(first.json())).json()
    assert status == {"enabled": True, "recovery_codes_left": 9}
    stored = session.exec(select(User)).one().totp_secret or ""
    assert not any(code.replace("-", "") in stored for code in codes)


def test_wrong_codes_count_towards_the_lockout(api: TestClient) -> None:
    _enable(api, register(api))
    challenge = login(api).json()
    for _ in range(5):
        api.post(
            "/api/v1/auth/login/totp", json={"mfa_token": challenge["mfa_token"], "code": "000000"}
        )
    assert login(api).status_code == 423


def test_disable_needs_password_and_code(api: TestClient) -> None:
    tokens = register(api)
    totp, codes = _enable(api, tokens)
    with _next_step():
        no_password = api.post(
            "/api/v1/account/2fa/disable",
            json={"password": "wrong password", "code": totp.now()},
            headers=bearer(tokens),
        )
        assert no_password.status_code == 422
        no_code = api.post(
            "/api/v1/account/2fa/disable",
            json={"password": PASSWORD, "code": "000000"},
            headers=bearer(tokens),
        )
        assert no_code.status_code == 422
        done = api.post(
            "/api/v1/account/2fa/disable",
            json={"password": PASSWORD, "code": totp.now()},
            headers=bearer(tokens),
        )
        assert done.status_code == 204
    assert "access_token" in login(api).json()


def test_recovery_codes_can_be_replaced(api: TestClient) -> None:
    tokens = register(api)
    totp, old = _enable(api, tokens)
    with _next_step():
        fresh = api.post(
            "/api/v1/account/2fa/recovery-codes", json={"code": totp.now()}, headers=bearer(tokens)
        )
    assert fresh.status_code == 200
    new = fresh.json()["recovery_codes"]
    assert len(new) == 10 and not set(new) & set(old)
    challenge = login(api).json()
    stale = api.post(
        "/api/v1/auth/login/totp", json={"mfa_token": challenge["mfa_token"], "code": old[0]}
    )
    assert stale.status_code == 401
