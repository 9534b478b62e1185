"""Account data in the production build: an API key shown once, deleting the account, and
the prompt to accept a new privacy policy."""

from __future__ import annotations

import os
import re
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from itertools import count
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import Page, expect

from tests.e2e import accounts
from tests.e2e.conftest import ROOT
from tests.e2e.test_auth_flow import PASSWORD, _log_in, _on_page

pytestmark = pytest.mark.e2e

# Sign-ups are limited per client address: this module signs up from its own loopback address.
CLIENT_ADDRESS = "127.0.0.3"
_accounts = count(1)


@pytest.fixture(scope="module")
def sign_up(base_url: str) -> Callable[[], str]:
    """Make an account through the REST API; returns its address."""

    def make() -> str:
        email = f"lin{next(_accounts)}@example.org"
        with accounts.api_client(base_url, CLIENT_ADDRESS) as api:
            accounts.sign_up(api, email, "Lin Data")
        return email

    return make


def _admin(server_data_dir: Path, *args: str) -> str:
    """``python -m cvapp.admin`` against the server's database, as an operator would."""
    env = {
        **os.environ,
        "CVAPP_ENV": "test",
        "CVAPP_DATA_DIR": str(server_data_dir),
        "CVAPP_DATABASE_URL": f"sqlite:///{server_data_dir / 'cvapp.db'}",
        "CVAPP_STORAGE_URL": f"file://{server_data_dir / 'files'}",
        "CVAPP_BROKER": "memory",
    }
    env.pop("CVAPP_REDIS_URL", None)
    result = subprocess.run(
        [sys.executable, "-m", "cvapp.admin", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.fixture
def sign_in_to(
    base_url: str, goto_connected: Callable[[Page, str], object]
) -> Callable[[Page, str, str], None]:
    """Log in on the login page (once the app is live) and land on ``path``."""

    def sign_in(page: Page, email: str, path: str) -> None:
        goto_connected(page, f"{base_url}/login?next={path}")
        _log_in(page, email)
        _on_page(page, base_url, path)

    return sign_in


def test_create_an_api_key_and_see_it_once(
    page: Page,
    base_url: str,
    server_data_dir: Path,
    sign_up: Callable[[], str],
    sign_in_to: Callable[[Page, str, str], None],
) -> None:
    email = sign_up()
    sign_in_to(page, email, "/app/settings/api-keys")
    # On the Free plan the page says what the plans allow instead of offering keys.
    notice = page.get_by_role("status").filter(has_text="API keys are not included in your plan")
    expect(notice).to_contain_text("Your Free plan includes no API access; Expert includes")
    expect(page.get_by_role("button", name="Create key")).to_have_count(0)

    assert "free -> expert" in _admin(server_data_dir, "set-plan", email, "expert")
    page.reload()
    page.get_by_label("Key name").fill("CI export")
    page.get_by_role("button", name="Create key").click()

    dialog = page.get_by_role("alertdialog")
    expect(dialog.get_by_text("Copy your new API key")).to_be_visible()
    key = dialog.locator("#new-api-key").inner_text().strip()
    assert re.fullmatch(r"cvk_[A-Za-z0-9_-]{40,}", key), key
    me = httpx.get(
        f"{base_url}/api/v1/auth/me", headers={"Authorization": f"Bearer {key}"}, timeout=10
    )
    assert me.status_code == 200 and me.json()["email"] == email

    dialog.get_by_role("button", name="I have copied it").click()
    expect(page.get_by_role("alertdialog")).to_have_count(0)
    expect(page.get_by_text("CI export", exact=True)).to_be_visible()
    expect(page.get_by_text(f"{key[:12]}…")).to_be_visible()
    assert key not in page.content()
    page.reload()
    expect(page.get_by_text(f"{key[:12]}…")).to_be_visible()
    assert key not in page.content()


def test_delete_the_account_and_be_unable_to_log_in(
    page: Page,
    base_url: str,
    sign_up: Callable[[], str],
    sign_in_to: Callable[[Page, str, str], None],
) -> None:
    email = sign_up()
    sign_in_to(page, email, "/app/settings/privacy")
    expect(page.get_by_role("heading", name="Delete your account")).to_be_visible()
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_label("I understand that my account and data will be deleted").check()
    page.get_by_role("button", name="Delete my account").click()

    _on_page(page, base_url, "/login")
    _log_in(page, email)
    expect(page.get_by_role("alert")).to_contain_text("This account was deleted")
    _on_page(page, base_url, "/login")


def test_a_new_privacy_policy_is_asked_for(
    page: Page,
    server_data_dir: Path,
    sign_up: Callable[[], str],
    sign_in_to: Callable[[Page, str, str], None],
) -> None:
    email = sign_up()
    with sqlite3.connect(server_data_dir / "cvapp.db") as db:  # accepted an older version
        db.execute(
            "UPDATE consent_records SET version = '2020-01-01' "
            "WHERE user_id = (SELECT id FROM users WHERE email = ?)",
            (email,),
        )
    sign_in_to(page, email, "/app/settings/privacy")
    prompt = page.get_by_role("alertdialog")
    expect(prompt.get_by_text("Our privacy policy has changed")).to_be_visible()
    prompt.get_by_role("button", name="I accept").click()
    expect(page.get_by_role("alertdialog")).to_have_count(0)
    page.reload()
    expect(page.get_by_role("heading", name="Your consents")).to_be_visible()
    expect(page.get_by_role("alertdialog")).to_have_count(0)
