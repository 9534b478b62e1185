"""The signed-in app's navigation (issue #17 point 1): every section reached through the
sidebar on a desktop and the menu on a phone, the current one marked, the logo to the
dashboard — no URL typed after the first page."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.accounts import api_client, sign_in, sign_up
from tests.e2e.conftest import _goto_connected
from tests.e2e.test_auth_flow import _on_page

pytestmark = pytest.mark.e2e

CLIENT_ADDRESS = "127.0.0.17"
SECTIONS = (
    ("Profile", "/app/profile"),
    ("CVs", "/app/cvs"),
    ("Applications", "/app/applications"),
    ("Import", "/app/import"),
    ("AI assistant", "/app/ai"),
    ("Public profile", "/app/public-profile"),
    ("Account", "/app/settings"),
    ("Dashboard", "/app"),
)


@pytest.fixture(scope="module")
def account(base_url: str) -> str:
    with api_client(base_url, CLIENT_ADDRESS) as api:
        sign_up(api, "katherine@example.org", "Katherine Johnson")
    return "katherine@example.org"


def test_the_sidebar_reaches_every_section(
    page: Page, base_url: str, account: str, console_errors: list[str]
) -> None:
    sign_in(page, base_url, account, CLIENT_ADDRESS)
    _goto_connected(page, f"{base_url}/app/cvs")
    nav = page.get_by_role("navigation", name="App")
    expect(nav.get_by_role("link", name="CVs")).to_have_attribute("aria-current", "page")
    for label, path in SECTIONS:
        nav.get_by_role("link", name=label, exact=True).click()
        _on_page(page, base_url, path)
        expect(nav.get_by_role("link", name=label, exact=True)).to_have_attribute(
            "aria-current", "page"
        )
        expect(nav.locator("[aria-current=page]")).to_have_count(1)
    _goto_connected(page, f"{base_url}/app/settings/security")
    expect(nav.get_by_role("link", name="Account")).to_have_attribute("aria-current", "page")
    page.get_by_role("banner").get_by_role("link", name="cvapp dashboard").click()
    _on_page(page, base_url, "/app")
    assert console_errors == []


def test_the_phone_menu_holds_the_same_entries(
    mobile_page: Page, base_url: str, account: str, console_errors: list[str]
) -> None:
    page = mobile_page
    sign_in(page, base_url, account, CLIENT_ADDRESS)
    _goto_connected(page, f"{base_url}/app")
    expect(page.get_by_role("navigation", name="App")).to_be_hidden()
    for label, path in SECTIONS[:3]:
        page.get_by_role("button", name="Open navigation menu").click()
        page.get_by_role("menuitem", name=re.compile(rf"^{label}$")).click()
        _on_page(page, base_url, path)
    assert console_errors == []


def test_the_dashboard_shows_the_cvs_with_their_first_page(
    page: Page, base_url: str, console_errors: list[str], artifacts: Path
) -> None:
    """Issue #17 point 2: an empty state that teaches, then each CV as a card with its first
    page, when it was edited and its share links' views; completeness with the next steps."""
    email = "dorothy@example.org"
    with api_client(base_url, CLIENT_ADDRESS) as api:
        headers = sign_up(api, email, "Dorothy Vaughan")
    sign_in(page, base_url, email, CLIENT_ADDRESS)
    _goto_connected(page, f"{base_url}/app")
    expect(page.get_by_test_id("dashboard-no-cv")).to_be_visible()
    expect(page.get_by_test_id("dashboard-profile")).to_contain_text("Next:")

    with api_client(base_url, CLIENT_ADDRESS) as api:
        body = {"headline": "Programmer", "summary": "FORTRAN for the IBM 7090."}
        assert api.patch("/profiles/me", json=body, headers=headers).status_code == 200
        cv = api.post("/cvs", json={"name": "NASA roles"}, headers=headers).json()
        link = api.post(f"/cvs/{cv['id']}/share-links", json={}, headers=headers).json()
        assert api.get(link["url"]).status_code == 200  # one view
    page.reload()
    card = page.get_by_test_id("dashboard-cv")
    expect(card).to_have_count(1)
    expect(card).to_contain_text("NASA roles")
    expect(card).to_contain_text("1 view on 1 link")
    thumbnail = card.get_by_role("img", name="First page of NASA roles")
    thumbnail.scroll_into_view_if_needed()
    page.wait_for_function(
        "(img) => img.complete && img.naturalWidth > 0", arg=thumbnail.element_handle()
    )
    page.screenshot(path=artifacts / "dashboard.png", full_page=True)
    card.get_by_role("link", name=re.compile("NASA roles")).click()
    _on_page(page, base_url, f"/app/cvs/{cv['id']}")
    assert console_errors == []


def test_the_plan_page_says_how_to_change_plans(
    page: Page, base_url: str, account: str, console_errors: list[str]
) -> None:
    """No payment provider here: the Plan page says who changes plans and how (no dead end)."""
    sign_in(page, base_url, account, CLIENT_ADDRESS)
    _goto_connected(page, f"{base_url}/app/settings/plan")
    how = page.get_by_test_id("plan-how-to-change")
    expect(how).to_contain_text("change plans")
    expect(how).to_contain_text(f"python -m cvapp.admin set-plan {account} pro")
    assert console_errors == []
