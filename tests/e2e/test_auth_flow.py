"""Signing up, in and out in the production build, the way a person does it in Chromium."""

from __future__ import annotations

import re
import sqlite3
from datetime import UTC, datetime
from itertools import count
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.e2e.accounts import PASSWORD, api_client, sign_up
from tests.e2e.conftest import wait_until

pytestmark = pytest.mark.e2e

_accounts = count(1)


def _new_address() -> str:
    return f"ada{next(_accounts)}@example.org"


@pytest.fixture(scope="module")
def account(base_url: str) -> str:
    """An account made once through the REST API (sign-ups are rate limited per address)."""
    email = _new_address()
    with api_client(base_url) as api:
        sign_up(api, email, "Ada Lovelace")
    return email


def _mail_link(database: Path, to: str, path: str) -> str:
    """The ``path`` link of the newest mail to ``to`` in the embedded mail sink (outbox)."""
    pattern = re.compile(rf"https?://\S+{re.escape(path)}\?token=\S+")
    found: list[str] = []

    def arrived() -> bool:
        with sqlite3.connect(database) as db:
            rows = db.execute(
                "SELECT body_text FROM outbox_emails WHERE to_address = ? ORDER BY created_at DESC",
                (to,),
            ).fetchall()
        found[:] = [m.group(0) for (body,) in rows if (m := pattern.search(body))]
        return bool(found)

    wait_until(arrived, timeout=20, what=f"a mail with a {path} link to {to}")
    return found[0]


def _on_page(page: Page, base_url: str, path: str) -> None:
    page.wait_for_url(re.compile(rf"^{re.escape(base_url)}{re.escape(path)}/?(\?.*)?$"))


def _register(page: Page, base_url: str, email: str) -> None:
    page.goto(f"{base_url}/register")
    page.get_by_label("Full name").fill("Ada Lovelace")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_label("I have read and accept").check()
    page.get_by_role("button", name="Create account").click()
    _on_page(page, base_url, "/app")
    expect(page.get_by_role("heading", name="Welcome, Ada Lovelace")).to_be_visible()


def _log_in(page: Page, email: str, password: str = PASSWORD) -> None:
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_label("Password").press("Enter")


def _log_out(page: Page, base_url: str) -> None:
    page.get_by_role("button", name="Account menu").click()
    page.get_by_role("menuitem", name="Log out").click()
    _on_page(page, base_url, "")
    expect(page.get_by_role("link", name="Log in")).to_be_visible()


def test_register_verify_log_out_log_in_reload_log_out(
    page: Page,
    base_url: str,
    server_data_dir: Path,
    console_errors: list[str],
    artifacts: Path,
) -> None:
    email = _new_address()
    _register(page, base_url, email)
    expect(page.get_by_text("Please confirm your email address")).to_be_visible()
    page.screenshot(path=artifacts / "auth-dashboard.png", full_page=True)

    page.goto(_mail_link(server_data_dir / "cvapp.db", email, "/verify-email"))
    expect(page.get_by_text("your email address is verified")).to_be_visible()

    _log_out(page, base_url)
    assert {c["name"] for c in page.context.cookies()} & {"cvapp_access", "cvapp_refresh"} == set()

    page.goto(f"{base_url}/login")
    _log_in(page, email, password="not my password")
    expect(page.get_by_role("alert")).to_contain_text("Incorrect email or password")
    page.screenshot(path=artifacts / "auth-login-error.png", full_page=True)
    _log_in(page, email)
    _on_page(page, base_url, "/app")
    expect(page.get_by_role("heading", name="Welcome, Ada Lovelace")).to_be_visible()
    expect(page.get_by_text("Please confirm your email address")).to_have_count(0)

    page.reload()
    expect(page.get_by_role("heading", name="Welcome, Ada Lovelace")).to_be_visible()

    _log_out(page, base_url)
    page.goto(f"{base_url}/app/settings")
    _on_page(page, base_url, "/login")
    assert "next=%2Fapp%2Fsettings" in page.url
    assert console_errors == []


def test_login_comes_back_to_the_protected_page(page: Page, base_url: str, account: str) -> None:
    page.goto(f"{base_url}/app/settings/activity")
    _on_page(page, base_url, "/login")
    expect(page.get_by_text("Log in to continue.")).to_be_visible()
    _log_in(page, account)

    _on_page(page, base_url, "/app/settings/activity")
    expect(page.get_by_role("cell", name="Account created")).to_be_visible()


def test_the_session_survives_a_browser_restart(
    browser: Browser, page: Page, base_url: str, account: str
) -> None:
    """A new browser keeps the persistent cookies; the expired access cookie is renewed."""
    page.goto(f"{base_url}/login")
    _log_in(page, account)
    _on_page(page, base_url, "/app")
    kept = [c for c in page.context.cookies() if c["name"] != "cvapp_access"]

    restarted = browser.new_context(viewport={"width": 1280, "height": 800})
    try:
        restarted.add_cookies(kept)  # type: ignore[arg-type]
        later = restarted.new_page()
        later.goto(f"{base_url}/app/settings")
        _on_page(later, base_url, "/app/settings")
        expect(later.get_by_role("heading", name="Settings")).to_be_visible()
        expect(later.get_by_text("Ada Lovelace").first).to_be_visible()
        assert "cvapp_access" in {c["name"] for c in restarted.cookies()}
    finally:
        restarted.close()


def test_auth_pages_fit_a_375px_screen(
    mobile_page: Page, base_url: str, account: str, console_errors: list[str], artifacts: Path
) -> None:
    for path in ("/login", "/register", "/forgot-password"):
        mobile_page.goto(f"{base_url}{path}")
        expect(mobile_page.locator("h1").first).to_be_visible()
        width = mobile_page.evaluate("document.documentElement.scrollWidth")
        assert width <= 375, f"{path} scrolls sideways: {width} px wide"
        mobile_page.screenshot(path=artifacts / f"auth{path.replace('/', '-')}-375.png")

    mobile_page.goto(f"{base_url}/login")
    _log_in(mobile_page, account)
    _on_page(mobile_page, base_url, "/app")
    expect(mobile_page.get_by_role("heading", name="Welcome, Ada Lovelace")).to_be_visible()
    assert mobile_page.evaluate("document.documentElement.scrollWidth") <= 375
    mobile_page.screenshot(path=artifacts / "auth-dashboard-375.png", full_page=True)
    assert console_errors == []


def test_the_lock_mail_link_unlocks_the_account_for_this_browser(
    page: Page, base_url: str, server_data_dir: Path, console_errors: list[str]
) -> None:
    """A distributed guess locked the account (19 failures are written straight into the
    database, the 20th comes through the API from another address); the owner, in a browser
    the account never used, is refused, opens the lock mail's link and logs in."""
    email = "margaret@example.org"
    with api_client(base_url, "127.0.0.14") as api:
        sign_up(api, email, "Margaret Hamilton")
    database = server_data_dir / "cvapp.db"
    with sqlite3.connect(database) as db:
        now = datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")
        db.execute(
            "UPDATE users SET failed_login_count = 19, failed_login_window_start = ?"
            " WHERE email = ?",
            (now, email),
        )
    with api_client(base_url, "127.0.0.15") as attacker:
        body = {"email": email, "password": "a wrong guess!!"}
        assert attacker.post("/auth/login", json=body).status_code == 401

    page.goto(f"{base_url}/login")
    _log_in(page, email)
    expect(page.get_by_role("alert")).to_contain_text("locked")

    page.goto(_mail_link(database, email, "/unlock-account"))
    expect(page.get_by_text("Your account is unlocked on this device")).to_be_visible()
    page.get_by_role("main").get_by_role("link", name="Log in").click()
    _on_page(page, base_url, "/login")
    _log_in(page, email)
    _on_page(page, base_url, "/app")
    expect(page.get_by_role("heading", name="Welcome, Margaret Hamilton")).to_be_visible()
    assert console_errors == []
