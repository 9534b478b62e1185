"""The master profile's version history in the editor: edit a bullet, accept an AI rewrite,
open History, compare with now, restore, undo the restore (Ctrl+Z), reload: it is all kept;
a deleted experience comes back with its id from the undo bar."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.e2e.accounts import api_client, sign_in, sign_up
from tests.e2e.conftest import _goto_connected, _open_page
from tests.e2e.test_accessibility import _violations

pytestmark = pytest.mark.e2e

BULLET = "Was responsible for utilizing Python in order to build a lot of data pipelines"
IMPROVED = "Used Python to build many data pipelines"  # the offline rules, past tense
EDITED = "Mentored five engineers and ran the hiring loop"
# Sign-ups are limited per client address: this module signs up from its own.
CLIENT_ADDRESS = "127.0.0.18"


@pytest.fixture(scope="module")
def account(base_url: str) -> str:
    email = "profile-history@example.org"
    with api_client(base_url, CLIENT_ADDRESS) as api:
        auth = sign_up(api, email, "Mary Somerville")
        item = {
            "company": "Acme",
            "title": "Data engineer",
            "start_date": "2019-03",
            "end_date": "2023-06",
            "responsibilities": [BULLET, "Mentored five engineers"],
        }
        created = api.post("/experiences", json=item, headers=auth)
        assert created.status_code == 201, created.text
    return email


def _experience_card(page: Page):  # type: ignore[no-untyped-def]
    return page.get_by_test_id("experiences-item")


def test_edit_accept_compare_restore_undo_reload(
    browser: Browser, base_url: str, account: str, console_errors: list[str], artifacts: Path
) -> None:
    page = _open_page(
        browser, console_errors, viewport={"width": 1280, "height": 800}, bypass_csp=True
    )
    sign_in(page, base_url, account, CLIENT_ADDRESS)
    _goto_connected(page, f"{base_url}/app/profile?section=experiences")

    # A hand edit of the second bullet.
    page.get_by_role("button", name="Edit Data engineer").click()
    dialog = page.get_by_role("dialog")
    dialog.get_by_role("textbox", name="Bullet 2").fill(EDITED)
    dialog.get_by_role("button", name="Save", exact=True).click()
    expect(dialog).to_have_count(0)
    expect(_experience_card(page)).to_contain_text(EDITED)

    # An accepted AI rewrite of the first.
    page.goto(f"{base_url}/app/ai")
    page.get_by_role("button", name=f"Improve: {BULLET}").click()
    dialog = page.get_by_role("dialog")
    dialog.get_by_role("button", name="Accept").click()
    expect(dialog.get_by_role("status").filter(has_text="Saved.")).to_be_visible()
    page.keyboard.press("Escape")

    # History: each is one version, said in words.
    page.goto(f"{base_url}/app/profile?section=history")
    versions = page.get_by_test_id("profile-version")
    expect(versions).to_have_count(4)
    expect(versions.nth(0)).to_contain_text(
        "AI suggestion accepted: Experience › Data engineer, Acme: bullets edited"
    )
    expect(versions.nth(0)).to_contain_text("Now")
    expect(versions.nth(0)).to_contain_text("AI suggestion")
    expect(versions.nth(1)).to_contain_text("Experience › Data engineer, Acme: bullets edited")
    expect(versions.nth(2)).to_contain_text("Experience added: Data engineer, Acme")
    expect(versions.nth(3)).to_contain_text("History starts here")

    versions.nth(2).get_by_role("button", name="Compare with now").click()
    comparison = page.get_by_test_id("version-comparison")
    expect(comparison).to_contain_text("What changed since version 2")
    expect(comparison).to_contain_text("Experience › Data engineer, Acme: bullets edited")
    assert not _violations(page)
    page.screenshot(path=artifacts / "profile-history-compare.png", full_page=True)

    # Restore the version before both edits: the experience shows the old bullets again.
    versions.nth(2).get_by_role("button", name="Restore this version").click()
    expect(page.get_by_role("status").filter(has_text="Restored version 2")).to_be_visible()
    expect(versions).to_have_count(5)
    expect(versions.nth(0)).to_contain_text("Restored version 2")
    sections = page.get_by_role("navigation", name="Profile sections")
    sections.get_by_role("button", name="Experience").click()
    expect(_experience_card(page)).to_contain_text(BULLET)
    expect(_experience_card(page)).not_to_contain_text(IMPROVED)

    # Undo the restore from the keyboard (outside any field).
    page.get_by_role("heading", level=1).click()
    page.keyboard.press("Control+z")
    expect(page.get_by_role("status").filter(has_text="Undone: back to version 4")).to_be_visible()
    expect(_experience_card(page)).to_contain_text(IMPROVED)
    expect(_experience_card(page)).to_contain_text(EDITED)

    # Reload: the history is kept.
    page.reload()
    page.goto(f"{base_url}/app/profile?section=history")
    expect(versions).to_have_count(6)
    expect(versions.nth(0)).to_contain_text("Restored version 4")
    expect(versions.nth(1)).to_contain_text("Restored version 2")

    # A deleted experience comes back (same item, same bullets) from the undo bar.
    page.goto(f"{base_url}/app/profile?section=experiences")
    page.get_by_role("button", name="Delete Data engineer").click()
    page.get_by_role("alertdialog").get_by_role("button", name="Delete").click()
    expect(_experience_card(page)).to_have_count(0)
    page.get_by_role("status").get_by_role("button", name="Undo").click()
    expect(_experience_card(page)).to_have_count(1)
    expect(_experience_card(page)).to_contain_text(IMPROVED)
    assert re.search("Data engineer", _experience_card(page).inner_text())
    assert console_errors == []
    page.context.close()
