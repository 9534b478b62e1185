"""The job tracker: add a job by pasting its advert (company, role and location are read from
it), move the card to "Applied" with the keyboard only, and find the move on its timeline."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.accounts import api_client, sign_in, sign_up
from tests.e2e.conftest import _goto_connected
from tests.e2e.test_auth_flow import _on_page

pytestmark = pytest.mark.e2e
CLIENT_ADDRESS = "127.0.0.21"
EMAIL = "grace@example.org"
ADVERT = """Senior Backend-Entwickler (m/w/d) – München

Die Nordlicht Software GmbH sucht ab sofort Verstärkung für ihr Plattform-Team.
Standort: München

Das bringst du mit:
- Mehrjährige Erfahrung mit Python und PostgreSQL
"""


@pytest.fixture(scope="module")
def account(base_url: str) -> str:
    with api_client(base_url, CLIENT_ADDRESS) as api:
        sign_up(api, EMAIL, "Grace Hopper")
    return EMAIL


def test_paste_an_advert_move_by_keyboard_and_read_the_timeline(
    page: Page, base_url: str, account: str
) -> None:
    sign_in(page, base_url, account, CLIENT_ADDRESS)
    _goto_connected(page, f"{base_url}/app/applications")
    _on_page(page, base_url, "/app/applications")

    page.get_by_label("Paste the job advert (optional)").fill(ADVERT)
    page.get_by_role("button", name="Read the advert").click()
    expect(page.get_by_label("Company")).to_have_value("Nordlicht Software GmbH")
    expect(page.get_by_label("Role", exact=True)).to_have_value("Senior Backend-Entwickler")
    expect(page.get_by_label("Location")).to_have_value("München")
    page.get_by_role("button", name="Add application").click()
    expect(
        page.get_by_role("status").filter(has_text="Added Senior Backend-Entwickler")
    ).to_be_visible()

    wishlist = page.locator('[data-testid="board-column"][data-status="wishlist"]')
    expect(wishlist.get_by_test_id("application-card")).to_have_count(1)

    # The keyboard alone: focus "Move to…", open it, pick "Applied".
    mover = page.get_by_role(
        "button", name="Move Nordlicht Software GmbH – Senior Backend-Entwickler to…"
    )
    mover.focus()
    page.keyboard.press("Enter")
    applied_item = page.get_by_role("menuitem", name="Applied")
    expect(applied_item).to_be_visible()
    while not applied_item.evaluate(
        "el => el === document.activeElement || el.hasAttribute('data-highlighted')"
    ):
        page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    applied = page.locator('[data-testid="board-column"][data-status="applied"]')
    expect(applied.get_by_test_id("application-card")).to_have_count(1)
    expect(wishlist.get_by_test_id("application-card")).to_have_count(0)

    applied.get_by_role("link", name="Senior Backend-Entwickler").click()
    page.wait_for_url(re.compile(rf"^{re.escape(base_url)}/app/applications/\w+$"))
    entries = page.get_by_test_id("timeline-entry")
    expect(entries).to_have_count(2)
    expect(entries.nth(0)).to_contain_text("Wishlist → Applied")
    expect(entries.nth(1)).to_contain_text("Added as Wishlist")
    expect(page.get_by_test_id("application-status")).to_have_text("Applied")
    expect(page.get_by_label("The advert")).to_have_value(re.compile("Nordlicht Software GmbH"))
