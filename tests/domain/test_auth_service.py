"""The auth services as the UI calls them: inside ``session_scope()``, no HTTP involved."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pyotp
import pytest
import time_machine
from sqlmodel import select

from cvapp.db import session_scope
from cvapp.domain.auth import service as auth
from cvapp.domain.auth.schemas import AuthTokens, MfaChallenge
from cvapp.errors import InvalidCredentials, TokenRevoked
from cvapp.models import User
from cvapp.models.base import utcnow
from cvapp.settings import get_settings
from tests.api.auth_support import PASSWORD, _quiet_queue  # noqa: F401

IP = "192.0.2.10"


def _register(**overrides: Any) -> AuthTokens:
    with session_scope() as session:
        return auth.register(
            session,
            email="ann@example.org",
            password=PASSWORD,
            full_name="Ann Example",
            accept_privacy_version=get_settings().privacy_policy_version,
            ip=IP,
            **overrides,
        )


def test_register_login_and_authenticate() -> None:
    registered = _register(user_agent="Reflex UI")
    with session_scope() as session:
        result = auth.login(session, email="ann@example.org", password=PASSWORD, ip=IP)
        assert isinstance(result, AuthTokens)
        user, claims = auth.authenticate(session, access_token=result.access_token)
        assert user.id == registered.user.id
        assert claims["plan"] == "free" and claims["sid"] == result.session_id
        sessions = auth.list_sessions(
            session, user_id=user.id, current_session_id=result.session_id
        )
        assert [s.current for s in sessions] == [True, False]
        assert sessions[1].user_agent == "Reflex UI"


def test_a_failed_login_is_counted_although_the_callers_transaction_rolls_back() -> None:
    _register()
    for _ in range(2):
        with pytest.raises(InvalidCredentials), session_scope() as session:
            auth.login(session, email="ann@example.org", password="wrong password", ip=IP)
    with session_scope() as session:
        user = session.exec(select(User)).one()
        assert user.failed_login_count == 2
        events, total = auth.list_audit_events(session, user_id=user.id)
        assert [e.action for e in events][:2] == ["auth.login_failed", "auth.login_failed"]


def test_reuse_detection_outlives_the_rolled_back_request() -> None:
    first = _register()
    with session_scope() as session:
        second = auth.refresh(session, refresh_token=first.refresh_token, ip=IP)
    later = utcnow() + timedelta(seconds=11)  # past the grace for a racing second tab
    with time_machine.travel(later), pytest.raises(TokenRevoked), session_scope() as session:
        auth.refresh(session, refresh_token=first.refresh_token, ip=IP)
    with time_machine.travel(later), pytest.raises(TokenRevoked), session_scope() as session:
        auth.refresh(session, refresh_token=second.refresh_token, ip=IP)


def test_two_factor_login_through_the_services() -> None:
    registered = _register()
    with session_scope() as session:
        user = session.get(User, registered.user.id)
        assert user is not None
        setup = auth.begin_totp_setup(session, user=user)
        codes = auth.confirm_totp_setup(
            session, user=user, code=pyotp.TOTP(setup.secret).now(), ip=IP
        )
    with session_scope() as session:
        challenge = auth.login(session, email="ann@example.org", password=PASSWORD, ip=IP)
        assert isinstance(challenge, MfaChallenge)
    with session_scope() as session:
        tokens = auth.complete_mfa_login(
            session, mfa_token=challenge.mfa_token, code=codes[3], ip=IP
        )
        assert tokens.user.id == registered.user.id
