"""A job seeker's whole application, in one browser session: add a job by pasting its advert,
tailor a CV for it, draft a cover letter, drag the card to "Applied" and move it on to
"Interview" with the keyboard, make a share link and open it in a fresh browser (another
person, not signed in): the application's timeline shows the view."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.accounts import Write, api_client, sign_in, sign_up, status_column, write_all
from tests.e2e.conftest import _goto_connected
from tests.e2e.test_auth_flow import _on_page
from tests.e2e.test_drag_and_drop import _drag

pytestmark = pytest.mark.e2e
CLIENT_ADDRESS = "127.0.0.26"
EMAIL = "journey-apps@example.org"
BULLET = "Cut the nightly PostgreSQL batch from 4 hours to 35 minutes for 3 million customers"
ADVERT = """Data Engineer (w/m/d) – Hamburg

Die Hafenblick Logistik AG sucht eine Data Engineer für ihr Analytics-Team.
Standort: Hamburg

Das bringst du mit:
- Erfahrung mit Python und PostgreSQL
- Airflow oder ähnliche Orchestrierung
"""
CARD = "Hafenblick Logistik AG – Data Engineer"


@pytest.fixture(scope="module")
def account(base_url: str) -> str:
    with api_client(base_url, CLIENT_ADDRESS) as api:
        auth = sign_up(api, EMAIL, "Ada Lovelace-Byron")
        writes: list[Write] = [
            ("PATCH", "/profiles/me", {"headline": "Data engineer"}),
            ("POST", "/experiences", {
                "company": "Elbe Versand GmbH", "title": "Data Engineer",
                "start_date": "2020-02", "responsibilities": [BULLET],
            }),
            ("POST", "/skills", {"name": "Python"}),
            ("POST", "/skills", {"name": "PostgreSQL"}),
        ]  # fmt: skip
        write_all(api, auth, writes)
    return EMAIL


def test_paste_tailor_draft_drag_move_share_and_see_the_view(
    page: Page, browser: Any, base_url: str, account: str
) -> None:
    sign_in(page, base_url, account, CLIENT_ADDRESS)
    _goto_connected(page, f"{base_url}/app/applications")
    _on_page(page, base_url, "/app/applications")

    # 1. Paste the advert: company, role and place are read from it.
    page.get_by_label("Paste the job advert (optional)").fill(ADVERT)
    page.get_by_role("button", name="Read the advert").click()
    expect(page.get_by_label("Company")).to_have_value("Hafenblick Logistik AG")
    expect(page.get_by_label("Role", exact=True)).to_have_value("Data Engineer")
    page.get_by_role("button", name="Add application").click()
    expect(status_column(page, "wishlist").get_by_test_id("application-card")).to_have_count(1)

    # 2. Tailor a CV for it.
    status_column(page, "wishlist").get_by_role("link", name="Data Engineer").click()
    page.wait_for_url(re.compile(rf"^{re.escape(base_url)}/app/applications/\w+$"))
    application_url = page.url
    page.get_by_role("button", name="Tailor a CV for this job").click()
    expect(page.get_by_test_id("gap-summary")).to_contain_text(
        "Fit with the advert", timeout=30_000
    )
    expect(page.get_by_label("The CV you send")).not_to_have_value("")

    # 3. Draft a cover letter: it quotes the profile, not invented facts.
    page.get_by_role("button", name="Draft a cover letter").click()
    page.wait_for_url(re.compile(rf"^{re.escape(base_url)}/app/letters/\w+$"), timeout=30_000)
    letter = page.get_by_label("Letter (a blank line between paragraphs)")
    expect(letter).to_have_value(re.compile(re.escape(BULLET)))

    # 4. Drag the card to "Applied", then move it on to "Interview" with the keyboard.
    _goto_connected(page, f"{base_url}/app/applications")
    handle = page.get_by_role("button", name=f"Drag to move {CARD}")
    _drag(
        page,
        handle,
        status_column(page, "applied"),
        until="Data Engineer is over Applied",
        sideways=True,
    )
    expect(status_column(page, "applied").get_by_test_id("application-card")).to_have_count(1)
    mover = page.get_by_role("button", name=f"Move to… {CARD}")
    mover.focus()
    page.keyboard.press("Enter")
    interview = page.get_by_role("menuitem", name="Interview")
    expect(interview).to_be_visible()
    while not interview.evaluate(
        "el => el === document.activeElement || el.hasAttribute('data-highlighted')"
    ):
        page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    expect(status_column(page, "interview").get_by_test_id("application-card")).to_have_count(1)
    expect(status_column(page, "applied").get_by_test_id("application-card")).to_have_count(0)

    # 5. A share link for this job, opened by someone else in a fresh browser.
    _goto_connected(page, application_url)
    page.get_by_role("button", name="Share link for this job").click()
    share_url = page.get_by_test_id("share-url").inner_text().strip()
    assert "/s/" in share_url or share_url.startswith("http"), share_url
    stranger = browser.new_context()
    try:
        visitor = stranger.new_page()
        visitor.goto(share_url)
        expect(visitor.get_by_text("Ada Lovelace-Byron").first).to_be_visible()
        expect(visitor.get_by_text(BULLET).first).to_be_visible()
    finally:
        stranger.close()

    # 6. The timeline tells the whole story, newest first.
    page.reload()
    entries = page.get_by_test_id("timeline-entry")
    expect(entries.first).to_contain_text("CV viewed", timeout=15_000)
    story = " | ".join(entries.all_inner_texts())
    for step in ("Applied → Interview", "Wishlist → Applied", "Tailored a CV", "Added as Wishlist"):
        assert step in story, story
