"""The import page in the production build: upload a LinkedIn export, resolve a match as a
merge, apply, and find the items in the profile editor; refusals and the phone layout."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.e2e.accounts import api_client, log_in, sign_in, sign_up
from tests.e2e.conftest import _goto_connected
from tests.e2e.test_auth_flow import _on_page

pytestmark = pytest.mark.e2e

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "linkedin"
EXPORT = FIXTURES / "complete.zip"  # Lena Marquardt's invented "Complete" export
# Sign-ups are limited per client address: this module signs up from its own loopback address.
CLIENT_ADDRESS = "127.0.0.4"
EMAIL = "lena@example.org"
# The position the account already holds: the export's, but in another city.
QUELLWERK = {
    "company": "Quellwerk Software AG",
    "title": "Senior Backend Engineer",
    "location": "Munich, Germany",
    "start_date": "2021-03",
    "description": "Lead engineer of the routing platform.",
    "responsibilities": [
        "Designed the event-sourced shipment ledger (PostgreSQL, Kafka)",
        "Cut p95 API latency from 900 ms to 120 ms by removing N+1 queries",
        "Mentored four engineers",
    ],
}
PREVIEW_TIMEOUT_MS = 30_000


@pytest.fixture(scope="module")
def account(base_url: str) -> str:
    """An account (its address) holding one experience the export matches."""
    with api_client(base_url, CLIENT_ADDRESS) as api:
        headers = sign_up(api, EMAIL, "Lena Marquardt")
        created = api.post("/experiences", json=QUELLWERK, headers=headers)
        assert created.status_code == 201, created.text
    return EMAIL


def _sign_in_to_imports(page: Page, base_url: str, email: str) -> None:
    """Signed in (through the API, from this module's address), on the import page."""
    sign_in(page, base_url, email, CLIENT_ADDRESS)
    _goto_connected(page, f"{base_url}/app/import")
    _on_page(page, base_url, "/app/import")
    expect(page.get_by_role("heading", name="Import your profile")).to_be_visible()


def _upload(page: Page, *paths: Path, keyboard: bool = False) -> None:
    """Choose files the way a person does: click the drop zone (or focus it and press
    Enter), then pick them in the dialog."""
    zone = page.get_by_test_id("import-dropzone")
    with page.expect_file_chooser() as chooser:
        if keyboard:
            zone.focus()
            page.keyboard.press("Enter")
        else:
            zone.click()
    chooser.value.set_files(list(paths))


def _file_card(page: Page, name: str) -> Locator:
    return page.get_by_test_id("import-file").filter(
        has=page.get_by_role("heading", name=name, exact=True)
    )


def _row(card: Locator, kind: str, text: str) -> Locator:
    return card.get_by_test_id(f"import-{kind}").get_by_test_id("import-row").filter(has_text=text)


def _screenshot(page: Page, path: Path) -> None:
    """The whole page from its top (a scrolled page would show the sticky bar mid-way)."""
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=path, full_page=True)


def _no_sideways_scroll(page: Page) -> bool:
    return bool(page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"))


def test_import_a_linkedin_export_merge_a_match_and_see_it_in_the_editor(
    page: Page, base_url: str, account: str, console_errors: list[str], artifacts: Path
) -> None:
    _sign_in_to_imports(page, base_url, account)
    expect(page.get_by_test_id("import-empty")).to_be_visible()
    expect(page.get_by_test_id("linkedin-help")).to_contain_text("Get a copy of your data")
    _screenshot(page, artifacts / "import-empty.png")

    _upload(page, EXPORT, keyboard=True)
    card = _file_card(page, EXPORT.name)
    expect(card.get_by_role("heading", name="Matching items")).to_be_visible(
        timeout=PREVIEW_TIMEOUT_MS
    )
    expect(card.get_by_role("heading", name="New items")).to_be_visible()

    # Select all, per column: every new item skipped, then every one created again.
    new_rows = card.get_by_test_id("import-creates").get_by_test_id("import-row")
    card.get_by_role("button", name="Skip all new items").click()
    expect(new_rows.first.get_by_role("radio", name="Skip")).to_be_checked()
    expect(new_rows.last.get_by_role("radio", name="Skip")).to_be_checked()
    card.get_by_role("button", name="Create all new items").click()
    expect(new_rows.last.get_by_role("radio", name="Create")).to_be_checked()

    # The position already in the profile: merge it, taking the export's location.
    quellwerk = _row(card, "updates", "Senior Backend Engineer · Quellwerk Software AG")
    expect(quellwerk).to_contain_text("Matches Senior Backend Engineer · Quellwerk Software AG")
    merge = quellwerk.get_by_role("radio", name="Merge")
    merge.focus()
    page.keyboard.press("Space")  # controlled by the server: wait for its answer
    expect(merge).to_be_checked()
    quellwerk.get_by_text("Compare:").click()
    take_location = quellwerk.get_by_role(
        "checkbox", name=re.compile("Use the file's location: “Berlin, Germany”")
    )
    take_location.click()
    expect(take_location).to_be_checked()
    _screenshot(page, artifacts / "import-preview.png")

    card.get_by_role("button", name=f"Apply the import of {EXPORT.name}").click()
    summary = card.get_by_role("status").filter(has_text="Imported:")
    expect(summary).to_be_visible(timeout=PREVIEW_TIMEOUT_MS)
    expect(summary).to_contain_text("2 merged")  # the basics and the Quellwerk position
    applied = card.get_by_test_id("import-summary")
    expect(applied.get_by_role("listitem").filter(has_text="Quellwerk")).to_contain_text("merged")
    _screenshot(page, artifacts / "import-summary.png")

    applied.get_by_role("link", name=re.compile(r"^Backend Engineer · Nordlicht")).click()
    _on_page(page, base_url, "/app/profile")
    assert "section=experiences" in page.url
    experiences = page.get_by_test_id("experiences-item")
    expect(experiences).to_have_count(3)
    merged = experiences.filter(
        has=page.get_by_role("heading", name="Senior Backend Engineer", exact=True)
    )
    expect(merged).to_contain_text("Berlin, Germany")
    expect(
        experiences.filter(has=page.get_by_role("heading", name="Backend Engineer", exact=True))
    ).to_contain_text("Nordlicht Logistics GmbH")
    assert console_errors == []


def test_refusals_and_the_phone_layout(
    mobile_page: Page,
    base_url: str,
    account: str,
    console_errors: list[str],
    artifacts: Path,
    tmp_path: Path,
) -> None:
    page = mobile_page
    _sign_in_to_imports(page, base_url, account)
    photo, fake_zip = tmp_path / "photo.png", tmp_path / "broken.zip"
    photo.write_bytes(b"\x89PNG\r\n\x1a\n not a CV")
    fake_zip.write_bytes(b"this is no zip archive")

    _upload(page, photo)  # refused by the browser: no CV file, .zip or .json
    expect(_file_card(page, "photo.png").get_by_role("alert")).to_contain_text(
        "photo.png is not a CV (.pdf, .docx, .txt, .md), a .zip or a .json file"
    )
    _upload(page, fake_zip, EXPORT)  # the broken one is refused by the server, the other read
    expect(_file_card(page, "broken.zip").get_by_role("alert")).to_contain_text(
        re.compile("zip", re.IGNORECASE)
    )
    card = _file_card(page, EXPORT.name)
    expect(card.get_by_role("button", name=f"Apply the import of {EXPORT.name}")).to_be_visible(
        timeout=PREVIEW_TIMEOUT_MS
    )
    assert _no_sideways_scroll(page)
    _screenshot(page, artifacts / "import-phone.png")

    card.get_by_role("button", name=f"Remove {EXPORT.name} from the list").click()
    expect(card).to_have_count(0)
    assert console_errors == []


PASTED = """Kim Lee
Interaction designer

Experience
Senior Designer · Studio Nord\tJan 2021 – Present
- Redesigned the booking flow of a ferry company

Education
École des Beaux-Arts, fine arts"""


def test_paste_a_cv_and_check_what_was_read_with_low_confidence(
    page: Page, base_url: str, account: str, console_errors: list[str]
) -> None:
    """Issue #18: pasted text is read like a file; the item read with low confidence (a
    school without dates) is marked "Check"; applying adds the items."""
    _sign_in_to_imports(page, base_url, account)
    paste = page.get_by_test_id("import-paste")
    paste.get_by_role("button", name="Read this text").click()
    expect(paste.get_by_role("alert")).to_contain_text("Paste the text of your CV first")

    paste.get_by_label(re.compile("^The text of your CV")).fill(PASTED)
    paste.get_by_role("button", name="Read this text").click()
    expect(paste.get_by_label(re.compile("^The text of your CV"))).to_have_value("")
    card = _file_card(page, "Pasted text")
    rows = card.get_by_test_id("import-creates").get_by_test_id("import-row")
    school = rows.filter(has_text="École des Beaux-Arts")
    expect(school).to_be_visible(timeout=PREVIEW_TIMEOUT_MS)
    expect(school.get_by_test_id("import-review")).to_have_text("Check: read with low confidence")
    designer = rows.filter(has_text="Studio Nord")
    expect(designer.get_by_test_id("import-review")).to_have_count(0)

    card.get_by_role("button", name="Apply the import of Pasted text").click()
    expect(card.get_by_role("status").filter(has_text="Imported:")).to_be_visible(
        timeout=PREVIEW_TIMEOUT_MS
    )
    with api_client(base_url, CLIENT_ADDRESS) as api:
        headers = log_in(api, account)
        schools = api.get("/education", headers=headers).json()["data"]
    assert any(s["institution"] == "École des Beaux-Arts, fine arts" for s in schools)
    assert console_errors == []


def test_a_near_duplicate_merges_by_default_and_the_import_can_be_undone(
    page: Page, base_url: str, console_errors: list[str], tmp_path: Path
) -> None:
    """Issue #19: the position the profile holds, written a little differently in the file
    (legal form, a shortened bullet), is matched and "Merge" is preselected; the preview says
    which CV changes; applying and then undoing leaves the profile as it was."""
    email = "grete@example.org"
    with api_client(base_url, CLIENT_ADDRESS) as api:
        headers = sign_up(api, email, "Grete Hermann")
        job = api.post(
            "/experiences",
            headers=headers,
            json={
                "company": "Nordlicht Logistics GmbH",
                "title": "Backend Engineer",
                "start_date": "2017-09",
                "responsibilities": ["Built the carrier integration platform in Python"],
            },
        ).json()
        api.post("/cvs", headers=headers, json={"name": "Logistics roles"})
    resume = tmp_path / "grete.json"
    resume.write_text(
        json.dumps(
            {
                "basics": {"name": "Grete Hermann"},
                "work": [
                    {
                        "name": "Nordlicht Logistics",
                        "position": "Backend Engineer",
                        "startDate": "2017-09",
                        "highlights": [
                            "Built the carrier integration platform in Python and Go",
                            "Ran the on-call rotation",
                        ],
                    }
                ],
            }
        )
    )
    sign_in(page, base_url, email, CLIENT_ADDRESS)
    _goto_connected(page, f"{base_url}/app/import")
    _upload(page, resume)
    card = _file_card(page, resume.name)
    row = _row(card, "updates", "Nordlicht")
    expect(row.get_by_role("radio", name="Merge")).to_be_checked(timeout=PREVIEW_TIMEOUT_MS)
    expect(card.get_by_test_id("import-affects")).to_contain_text("“Logistics roles”")

    card.get_by_role("button", name=f"Apply the import of {resume.name}").click()
    expect(card.get_by_role("status").filter(has_text="Imported:")).to_contain_text(
        "1 merged", timeout=PREVIEW_TIMEOUT_MS
    )
    with api_client(base_url, CLIENT_ADDRESS) as api:
        merged = api.get(f"/experiences/{job['id']}", headers=log_in(api, email)).json()
    assert merged["responsibilities"] == [
        "Built the carrier integration platform in Python",
        "Ran the on-call rotation",
    ]  # the longer wording of the first bullet is the same bullet: not added twice

    card.get_by_role("button", name=f"Undo the import of {resume.name}").click()
    expect(card.get_by_role("status")).to_contain_text("Import undone: 0 removed, 1 restored.")
    with api_client(base_url, CLIENT_ADDRESS) as api:
        back = api.get(f"/experiences/{job['id']}", headers=log_in(api, email)).json()
    assert back["responsibilities"] == ["Built the carrier integration platform in Python"]
    assert console_errors == []
