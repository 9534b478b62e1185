"""Sign-up with confirmation by mail (``CVAPP_SIGNUP_CONFIRMATION``, on in production), in
a production server of its own: the form answers alike for a new and a registered address,
the mailed link with the chosen password creates the account and signs it in."""

from __future__ import annotations

import sqlite3
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.e2e.accounts import PASSWORD
from tests.e2e.conftest import _open_page, production_server, wait_until
from tests.e2e.test_auth_flow import _mail_link, _on_page

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def confirming() -> Iterator[tuple[str, Path]]:
    """A second production server with sign-up confirmation on: (its URL, its database)."""
    with tempfile.TemporaryDirectory(prefix="cvapp-e2e-confirm-") as tmp:
        extra = {"CVAPP_SIGNUP_CONFIRMATION": "true"}
        with production_server(Path(tmp), web="web-confirm", extra=extra) as url:
            yield url, Path(tmp) / "cvapp.db"


def _sign_up(page: Page, base_url: str, email: str, password: str = PASSWORD) -> None:
    page.goto(f"{base_url}/register")
    page.get_by_label("Full name").fill("Grace Hopper")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_label("I have read and accept").check()
    page.get_by_role("button", name="Create account").click()


def _subjects(database: Path, to: str) -> list[str]:
    with sqlite3.connect(database) as db:
        rows = db.execute("SELECT subject FROM outbox_emails WHERE to_address = ?", (to,))
        return [subject for (subject,) in rows.fetchall()]


def test_sign_up_by_mailed_link_says_nothing_about_registered_addresses(
    page: Page,
    browser: Browser,
    confirming: tuple[str, Path],
    console_errors: list[str],
    artifacts: Path,
) -> None:
    base_url, database = confirming
    _sign_up(page, base_url, "grace@example.org")
    notice = page.get_by_role("status").filter(has_text="Check your inbox")
    expect(notice).to_contain_text("grace@example.org")
    first_answer = notice.inner_text()
    page.screenshot(path=artifacts / "signup-check-inbox.png", full_page=True)

    link = _mail_link(database, "grace@example.org", "/confirm-signup")
    page.goto(link)
    expect(page.get_by_role("heading", name="Finish creating your account")).to_be_visible()
    page.get_by_label("Password").fill("not the one I chose")
    page.get_by_role("button", name="Create my account").click()
    expect(page.get_by_text("This is not the password you chose")).to_be_visible()
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Create my account").click()
    _on_page(page, base_url, "/app")
    expect(page.get_by_role("heading", name="Welcome, Grace Hopper")).to_be_visible()
    # The link reached the address: no "please confirm" banner.
    expect(page.get_by_text("Please confirm your email address")).to_have_count(0)

    # Signing up again with the now registered address: the very same answer, and a note
    # to the owner instead of a link.
    stranger = _open_page(browser, console_errors, viewport={"width": 1280, "height": 800})
    _sign_up(stranger, base_url, "Grace@Example.org", password="a different passphrase")
    again = stranger.get_by_role("status").filter(has_text="Check your inbox")
    expect(again).to_be_visible()
    assert again.inner_text() == first_answer.replace("grace@example.org", "Grace@Example.org")
    wait_until(
        lambda: "You already have a cvapp account" in _subjects(database, "grace@example.org"),
        timeout=20,
        what="the note to the owner",
    )
    stranger.context.close()
    assert console_errors == []
