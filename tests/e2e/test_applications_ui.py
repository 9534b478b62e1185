"""The job tracker: add a job by pasting its advert (company, role and location are read from
it), move the card to "Applied" with the keyboard only, find the move on its timeline and
tailor a CV for it; a saved job page fills the form and the job exports as JSON Resume."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.accounts import api_client, sign_in, sign_up, status_column
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

    wishlist = status_column(page, "wishlist")
    expect(wishlist.get_by_test_id("application-card")).to_have_count(1)

    # The keyboard alone: focus "Move to…", open it, pick "Applied".
    mover = page.get_by_role(
        "button", name="Move to… Nordlicht Software GmbH – Senior Backend-Entwickler"
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
    applied = status_column(page, "applied")
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

    # A CV tailored from the advert's gap analysis becomes the application's CV.
    page.get_by_role("button", name="Tailor a CV for this job").click()
    expect(page.get_by_test_id("gap-summary")).to_contain_text("Fit with the advert")
    expect(entries).to_have_count(3)
    expect(entries.nth(0)).to_contain_text("Tailored a CV")
    expect(page.get_by_label("The CV you send")).not_to_have_value("")


SAVED_PAGE = b"""<!DOCTYPE html><html><head><meta charset="utf-8">
<script type="application/ld+json">{"@type": "JobPosting", "title": "Analista de datos",
"hiringOrganization": {"name": "Ejemplo Datos S.L."},
"jobLocation": {"address": {"addressLocality": "Madrid"}},
"description": "<p>Buscamos una analista.</p>"}</script></head>
<body><h1>Analista de datos</h1></body></html>"""


def test_a_saved_job_page_fills_the_form_and_exports_as_a_job(
    page: Page, base_url: str, account: str
) -> None:
    sign_in(page, base_url, account, CLIENT_ADDRESS)
    _goto_connected(page, f"{base_url}/app/applications")
    _on_page(page, base_url, "/app/applications")
    page.get_by_label("Job page (.html) or JSON Resume job (.json)").set_input_files(
        files=[{"name": "oferta.html", "mimeType": "text/html", "buffer": SAVED_PAGE}]
    )
    expect(page.get_by_label("Company")).to_have_value("Ejemplo Datos S.L.")
    expect(page.get_by_label("Role", exact=True)).to_have_value("Analista de datos")
    page.get_by_role("button", name="Add application").click()
    card = page.get_by_test_id("application-card").filter(has_text="Analista de datos")
    card.get_by_role("link", name="Analista de datos").click()
    page.wait_for_url(re.compile(rf"^{re.escape(base_url)}/app/applications/\w+$"))
    href = page.get_by_role("link", name="JSON Resume job").get_attribute("href")
    job = page.request.get(f"{base_url}{href}").json()
    assert (job["title"], job["company"]) == ("Analista de datos", "Ejemplo Datos S.L.")
    assert job["description"] == "Buscamos una analista."
