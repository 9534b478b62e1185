""" "Try the demo" (issue #17 point 3): one click into the seeded demo account, only where it
exists and the operator offers it."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from cvapp.domain.demo.service import DEMO_EMAIL, ensure_demo_account
from cvapp.settings import get_settings
from tests.api.auth_support import _quiet_queue, bearer  # noqa: F401  (fixtures)

DEMO = "/api/v1/auth/demo"


def test_no_demo_account_no_demo(api: TestClient) -> None:
    refused = api.post(DEMO)
    assert refused.status_code == 404 and refused.json()["error"]["code"] == "NOT_FOUND"


def test_the_demo_signs_in_to_the_demo_account(
    api: TestClient, session: Session, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ensure_demo_account(session, data_dir=tmp_path)
    session.commit()
    started = api.post(DEMO)
    assert started.status_code == 201, started.text
    tokens = started.json()
    assert tokens["user"]["email"] == DEMO_EMAIL
    me = api.get("/api/v1/profiles/me", headers=bearer(tokens)).json()
    assert me["experiences"], "the demo profile is full"
    monkeypatch.setattr(get_settings(), "demo_sign_in", False)  # the operator turns it off
    assert api.post(DEMO).status_code == 404
