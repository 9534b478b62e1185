"""A CV's version history in the editor: hide an item and change the template, open History,
compare the first version with now, restore it (the preview follows), undo the restore,
name a version, reload: everything is still there; then undo and redo across saves with
Ctrl+Z and Ctrl+Shift+Z; delete the CV and bring it back from "Recently deleted"."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.e2e.conftest import _open_page
from tests.e2e.test_accessibility import _violations
from tests.e2e.test_auth_flow import _on_page
from tests.e2e.test_cv_builder import _new_account, _sign_in_to, _version_after

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def account(base_url: str) -> str:
    return _new_account(base_url, "hypatia@example.org", "Hypatia of Alexandria")


def _versions(page: Page):  # type: ignore[no-untyped-def]
    return page.get_by_test_id("cv-version")


def test_compare_restore_undo_and_name_a_version(
    browser: Browser, base_url: str, account: str, console_errors: list[str], artifacts: Path
) -> None:
    # axe-core goes in as an inline script: the page's CSP is bypassed for it
    page = _open_page(
        browser, console_errors, viewport={"width": 1280, "height": 800}, bypass_csp=True
    )
    _sign_in_to(page, base_url, account, "/app/cvs")
    page.get_by_label("Target role").fill("Data engineer")
    page.get_by_role("button", name="Create CV").click()
    page.wait_for_url(re.compile(rf"^{re.escape(base_url)}/app/cvs/[\w-]+$"))
    first = _version_after(page, "")

    older = page.get_by_role("switch", name="Show Data engineer — Globex")
    older.click()
    expect(older).not_to_be_checked()
    hidden = _version_after(page, first)
    page.get_by_role("tab", name="Design").click()
    page.get_by_role("button", name="Modern template").click()
    modern = _version_after(page, hidden)

    # History: newest first, each with what it changed.
    page.get_by_role("tab", name="History").click()
    versions = _versions(page)
    expect(versions).to_have_count(3)
    expect(versions.nth(0)).to_contain_text("Template: classic → modern")
    expect(versions.nth(0)).to_contain_text("Now")
    expect(versions.nth(1)).to_contain_text("Data engineer — Globex: shown → hidden")
    expect(versions.nth(2)).to_contain_text("CV created")

    # Compare the first version with now.
    versions.nth(2).get_by_role("button", name="Compare with now").click()
    comparison = page.get_by_test_id("version-comparison")
    expect(comparison).to_contain_text("What changed since version 1")
    expect(comparison).to_contain_text("Template: classic → modern")
    expect(comparison).to_contain_text("Data engineer — Globex: shown → hidden")
    assert not _violations(page)
    page.screenshot(path=artifacts / "cv-history-compare.png", full_page=True)

    # Restore it: the preview follows, and the restore is a version of its own.
    versions.nth(2).get_by_role("button", name="Restore this version").click()
    expect(page.get_by_role("status").filter(has_text="Restored version 1")).to_be_visible()
    restored = _version_after(page, modern)
    expect(versions).to_have_count(4)
    expect(versions.nth(0)).to_contain_text("Restored version 1")
    expect(versions.nth(0)).to_contain_text("Now")
    page.get_by_role("tab", name="Content").click()
    expect(page.get_by_role("switch", name="Show Data engineer — Globex")).to_be_checked()

    # Undo the restore.
    page.get_by_role("tab", name="History").click()
    page.get_by_role("button", name="Undo").click()
    expect(page.get_by_role("status").filter(has_text="Undone: back to version 3")).to_be_visible()
    _version_after(page, restored)
    expect(versions).to_have_count(5)
    page.get_by_role("tab", name="Design").click()
    expect(page.get_by_role("button", name="Modern template")).to_have_attribute(
        "aria-pressed", "true"
    )

    # Name a version, reload: the history is kept.
    page.get_by_role("tab", name="History").click()
    versions.nth(1).get_by_role("button", name="Compare with now").click()
    page.get_by_label("Name this version").fill("Sent to Acme")
    page.get_by_role("button", name="Save name").click()
    expect(versions.nth(1)).to_contain_text("Sent to Acme")
    page.reload()
    page.get_by_role("tab", name="History").click()
    expect(versions).to_have_count(5)
    expect(versions.nth(1)).to_contain_text("Sent to Acme")
    expect(versions.nth(0)).to_contain_text("Restored version 3")

    # Undo and redo across saves, from the keyboard (outside any field).
    page.get_by_role("heading", level=1).click()
    page.keyboard.press("Control+z")
    expect(page.get_by_role("status").filter(has_text="Undone: back to version 4")).to_be_visible()
    expect(versions).to_have_count(6)
    page.get_by_role("tab", name="Design").click()
    expect(page.get_by_role("button", name="Classic template")).to_have_attribute(
        "aria-pressed", "true"
    )
    page.get_by_role("heading", level=1).click()
    page.keyboard.press("Control+Shift+z")
    expect(page.get_by_role("status").filter(has_text="Redone: version 5 again")).to_be_visible()
    expect(page.get_by_role("button", name="Modern template")).to_have_attribute(
        "aria-pressed", "true"
    )
    expect(page.get_by_role("button", name="Redo")).to_be_disabled()

    # Deleted, then (after the undo bar is gone) restored from "Recently deleted".
    page.get_by_role("link", name="All CVs").click()
    _on_page(page, base_url, "/app/cvs")
    page.get_by_role("button", name="Delete Data engineer").click()
    page.get_by_role("alertdialog").get_by_role("button", name="Delete").click()
    expect(page.get_by_test_id("cv-card")).to_have_count(0)
    page.reload()
    deleted = page.get_by_test_id("deleted-cv")
    expect(deleted).to_have_count(1)
    expect(deleted).to_contain_text("restorable until")
    deleted.get_by_role("button", name="Restore Data engineer").click()
    expect(page.get_by_role("status").filter(has_text="Restored “Data engineer”")).to_be_visible()
    expect(page.get_by_test_id("cv-card")).to_have_count(1)
    expect(page.get_by_test_id("deleted-cv")).to_have_count(0)
    assert console_errors == []
    page.context.close()
