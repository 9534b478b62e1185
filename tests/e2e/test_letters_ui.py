"""Cover letters in the browser: from an application page draft a letter (it quotes the
profile), edit it, undo the edit with the keyboard, download the PDF; the letter pages pass
axe on a desktop and a phone."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from cvapp.domain.exports import pdftext
from tests.e2e.accounts import Write, api_client, sign_in, sign_up, write_all
from tests.e2e.conftest import _goto_connected
from tests.e2e.test_accessibility import AXE, VIEWPORTS, _violations

pytestmark = pytest.mark.e2e
CLIENT_ADDRESS = "127.0.0.22"
EMAIL = "letters-e2e@example.org"
BULLET = "Built React and TypeScript interfaces for 12 client web applications"
ADVERT = """Frontend-Entwickler (m/w/d) bei Fabrikam GmbH, Köln

Wir suchen Verstärkung für unser Kundenportal.

Requirements:
- Experience with React and TypeScript
- Node.js
"""


@pytest.fixture(scope="module")
def account(base_url: str) -> dict[str, str]:
    with api_client(base_url, CLIENT_ADDRESS) as api:
        auth = sign_up(api, EMAIL, "Margaret Hamilton")
        writes: list[Write] = [
            ("PATCH", "/profiles/me", {"headline": "Frontend developer"}),
            ("POST", "/experiences", {
                "company": "Northwind Studio", "title": "Frontend Developer",
                "start_date": "2021-04", "responsibilities": [BULLET],
            }),
            ("POST", "/skills", {"name": "React"}),
            ("POST", "/skills", {"name": "TypeScript"}),
        ]  # fmt: skip
        write_all(api, auth, writes)
        job = {"company": "Fabrikam GmbH", "role": "Frontend-Entwickler", "job_text": ADVERT,
               "contacts": [{"name": "Jana Novák"}]}  # fmt: skip
        application = api.post("/applications", json=job, headers=auth)
        assert application.status_code == 201, application.text
    return {"application": application.json()["id"]}


def test_draft_edit_undo_and_download(page: Page, base_url: str, account: dict[str, str]) -> None:
    sign_in(page, base_url, EMAIL, CLIENT_ADDRESS)
    _goto_connected(page, f"{base_url}/app/applications/{account['application']}")
    page.get_by_role("button", name="Draft a cover letter").click()
    page.wait_for_url(re.compile(rf"^{re.escape(base_url)}/app/letters/\w+$"), timeout=30_000)
    body = page.get_by_label("Letter (a blank line between paragraphs)")
    expect(body).to_have_value(re.compile(re.escape(BULLET)))
    expect(page.get_by_label("Greeting")).to_have_value("Dear Jana Novák,")
    drafted = body.input_value()

    body.fill("Sehr geehrte Frau Novák,\n\nich bewerbe mich — kurz und ehrlich.")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("status").filter(has_text="Saved.")).to_be_visible()
    expect(body).to_have_value(re.compile("kurz und ehrlich"))

    # Ctrl+Z outside a text field presses Undo: the drafted text comes back.
    page.get_by_role("heading", level=1).click()
    page.keyboard.press("Control+z")
    expect(body).to_have_value(drafted)
    expect(page.get_by_role("button", name="Redo")).to_be_enabled()

    href = page.get_by_role("link", name="PDF", exact=True).get_attribute("href")
    assert href and href.endswith("/export?format=pdf")
    download = page.request.get(f"{base_url}{href}")  # the browser's session cookies
    assert download.ok and "attachment" in download.headers["content-disposition"]
    data = download.body()
    assert data.startswith(b"%PDF")
    text = " ".join(pdftext.pdf_text(data).split())
    assert "Margaret Hamilton" in text and BULLET in text

    page.get_by_role("link", name="All cover letters").click()
    expect(page.get_by_test_id("letter-row")).to_have_count(1)
    expect(page.get_by_test_id("letter-row")).to_contain_text("Frontend-Entwickler at Fabrikam")


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_letter_pages_pass_axe(
    browser: Any, base_url: str, account: dict[str, str], viewport: str, artifacts: Path
) -> None:
    context = browser.new_context(viewport=VIEWPORTS[viewport], bypass_csp=True)
    page = context.new_page()
    problems: dict[str, list[dict[str, Any]]] = {}
    try:
        sign_in(page, base_url, EMAIL, CLIENT_ADDRESS)
        _goto_connected(page, f"{base_url}/app/letters")
        expect(page.get_by_role("heading", name="Cover letters", level=1)).to_be_visible()
        page.wait_for_load_state("networkidle")
        problems["/app/letters"] = _violations(page)
        page.get_by_label("Title of a new letter").fill("Initiativbewerbung – Köln")
        page.get_by_role("button", name="New letter").click()
        page.wait_for_url(re.compile(rf"^{re.escape(base_url)}/app/letters/\w+$"))
        expect(page.get_by_label("Job advert")).to_be_visible()
        # A new letter has nothing to undo yet.
        expect(page.get_by_role("button", name="Undo")).to_be_disabled()
        page.wait_for_load_state("networkidle")
        page.screenshot(path=str(artifacts / f"letter-editor-{viewport}.png"), full_page=True)
        problems["/app/letters/{id}"] = _violations(page)
        page.get_by_role("button", name="Delete").first.click()
        expect(page.get_by_role("alertdialog")).to_be_visible()
        problems["delete dialog"] = _violations(page)
        page.get_by_role("button", name="Delete", exact=True).last.click()
        page.wait_for_url(f"{base_url}/app/letters")
    finally:
        context.close()
    found = {where: v for where, v in problems.items() if v}
    assert AXE.is_file()
    assert not found, json.dumps(found, indent=1, ensure_ascii=False)
