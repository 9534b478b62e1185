"""A new privacy-policy version: login and /auth/me say ``consent_required`` until accepted."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from cvapp.settings import get_settings
from tests.api.auth_support import PASSWORD, _quiet_queue, bearer, login, register  # noqa: F401

API = "/api/v1"


def test_a_new_policy_version_is_asked_for_at_the_next_login(
    api: TestClient, session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    registered = register(api)
    assert registered["user"]["consent_required"] is False
    old_version = get_settings().privacy_policy_version

    monkeypatch.setattr(get_settings(), "privacy_policy_version", "2027-01-15")
    signed_in = login(api)
    assert signed_in.status_code == 200
    tokens = signed_in.json()
    assert tokens["user"]["consent_required"] is True
    assert api.get(f"{API}/auth/me", headers=bearer(tokens)).json()["consent_required"] is True
    state = api.get(f"{API}/account/consent", headers=bearer(tokens)).json()
    assert state["accepted_version"] == old_version and state["current_version"] == "2027-01-15"

    stale = api.post(
        f"{API}/account/consent", json={"version": old_version}, headers=bearer(tokens)
    )
    assert stale.status_code == 422
    accepted = api.post(
        f"{API}/account/consent", json={"version": "2027-01-15"}, headers=bearer(tokens)
    )
    assert accepted.status_code == 200, accepted.text
    body = accepted.json()
    assert body["consent_required"] is False
    assert [r["version"] for r in body["history"]] == [old_version, "2027-01-15"]
    assert api.get(f"{API}/auth/me", headers=bearer(tokens)).json()["consent_required"] is False
    assert login(api).json()["user"]["consent_required"] is False
    assert PASSWORD
