"""The CV builder in the production build: make a CV version, change its template, watch the
preview follow, download the PDF; and the same editor on a 375 px phone."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.e2e.accounts import api_client, log_in, sign_in, sign_up
from tests.e2e.conftest import _goto_connected
from tests.e2e.test_auth_flow import _on_page

pytestmark = pytest.mark.e2e

# Sign-ups are limited per client address (5 an hour): this module signs up from its own.
CLIENT_ADDRESS = "127.0.0.5"
FIRST_PAGE = "[data-testid=cv-preview-page]"
# True once the first page image shows a version other than ``arg`` and has been drawn.
NEW_PAGE_DRAWN = f"""(old) => {{
    const img = document.querySelector("{FIRST_PAGE}");
    return !!img && img.dataset.version !== old
        && img.currentSrc.includes("v=" + img.dataset.version)
        && img.complete && img.naturalWidth > 0;
}}"""


def _new_account(base_url: str, email: str, full_name: str) -> str:
    """An account (its address) with a small profile: two jobs with bullets, skills, a degree."""
    with api_client(base_url, CLIENT_ADDRESS) as api:
        auth = sign_up(api, email, full_name)
        writes = [
            ("PATCH", "/profiles/me", {"headline": "Data engineer", "summary": "Pipelines."}),
            ("POST", "/experiences", {
                "company": "Acme", "title": "Senior data engineer", "start_date": "2020-03",
                "responsibilities": ["Built the streaming platform", "Cut warehouse costs by 40%"],
            }),
            ("POST", "/experiences", {
                "company": "Globex", "title": "Data engineer", "start_date": "2016-01",
                "end_date": "2020-02", "responsibilities": ["Moved batch jobs to Airflow"],
            }),
            ("POST", "/skills", {"name": "Python"}),
            ("POST", "/skills", {"name": "SQL"}),
            ("POST", "/education", {"institution": "University of Edinburgh", "area": "Physics"}),
        ]  # fmt: skip
        for method, path, data in writes:
            response = api.request(method, path, json=data, headers=auth)
            assert response.status_code in (200, 201), response.text
    return email


@pytest.fixture(scope="module")
def account(base_url: str) -> str:
    return _new_account(base_url, "mary@example.org", "Mary Somerville")


@pytest.fixture(scope="module")
def public_account(base_url: str) -> str:
    """Another account: the free plan's two CV versions are the builder tests' to use."""
    return _new_account(base_url, "caroline@example.org", "Caroline Herschel")


def _sign_in_to(page: Page, base_url: str, email: str, path: str) -> None:
    """Signed in (through the API, from this module's address), on ``path``."""
    sign_in(page, base_url, email, CLIENT_ADDRESS)
    _goto_connected(page, f"{base_url}{path}")
    _on_page(page, base_url, path)


def _first_page(page: Page) -> Locator:
    return page.locator(FIRST_PAGE)


def _version_after(page: Page, old: str) -> str:
    """Wait for the preview to show a new version, drawn; return that version."""
    page.wait_for_function(NEW_PAGE_DRAWN, arg=old)
    expect(page.get_by_role("status").filter(has_text="Updating")).to_have_count(0)
    return str(_first_page(page).get_attribute("data-version"))


def test_build_a_cv_change_its_template_and_download_the_pdf(
    page: Page, base_url: str, account: str, console_errors: list[str], artifacts: Path
) -> None:
    _sign_in_to(page, base_url, account, "/app/cvs")
    expect(page.get_by_test_id("cvs-empty")).to_be_visible()

    page.get_by_label("Target role").fill("Data engineer")
    page.get_by_role("button", name="Create CV").click()
    page.wait_for_url(re.compile(rf"^{re.escape(base_url)}/app/cvs/[\w-]+$"))
    expect(page.get_by_role("heading", name="Data engineer", level=1)).to_be_visible()
    first = _version_after(page, "")

    # Build the version: leave the older job out (the switch follows the saved state).
    older = page.get_by_role("switch", name="Show Data engineer — Globex")
    older.click()
    expect(older).not_to_be_checked()
    expect(page.get_by_test_id("cv-section").filter(has_text="Experience")).to_contain_text(
        "1 of 2 shown"
    )
    built = _version_after(page, first)

    page.get_by_role("tab", name="Design").click()
    modern = page.get_by_role("button", name="Modern template")
    modern.click()
    expect(modern).to_have_attribute("aria-pressed", "true")
    restyled = _version_after(page, built)
    assert restyled != built

    # Under the name: the headline by default, or this CV's target role.
    headline = page.get_by_role("radio", name=re.compile("^Your headline"))
    expect(headline).to_be_checked()
    page.get_by_role("radio", name=re.compile("^This CV's target role")).click()
    # (Both say "Data engineer" here: the preview stays the same, the choice is saved.)
    expect(page.get_by_role("radio", name=re.compile("^This CV's target role"))).to_be_checked()
    expect(page.get_by_role("status").filter(has_text="Updating")).to_have_count(0)
    page.screenshot(path=artifacts / "cv-builder-editor.png", full_page=True)

    with page.expect_download() as started:
        page.get_by_role("button", name="Download PDF").click()
    download = started.value
    assert download.suggested_filename.endswith(".pdf"), download.suggested_filename
    assert Path(download.path()).read_bytes().startswith(b"%PDF")
    expect(page.get_by_role("button", name="Download PDF")).to_be_enabled()
    assert console_errors == []


def test_the_editor_on_a_phone(
    mobile_page: Page, base_url: str, account: str, console_errors: list[str], artifacts: Path
) -> None:
    page = mobile_page
    _sign_in_to(page, base_url, account, "/app/cvs")
    page.get_by_label("Target role").fill("Analytics engineer")
    page.get_by_role("button", name="Create CV").click()
    page.wait_for_url(re.compile(rf"^{re.escape(base_url)}/app/cvs/[\w-]+$"))
    expect(page.get_by_role("switch", name="Show the Experience section")).to_be_visible()
    page.screenshot(path=artifacts / "cv-builder-phone-edit.png", full_page=True)

    page.get_by_role("radio", name="Preview").click()
    expect(page.get_by_role("button", name="Download PDF")).to_be_visible()
    _version_after(page, "")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, f"the page scrolls sideways ({width} px)"
    page.screenshot(path=artifacts / "cv-builder-phone-preview.png", full_page=True)
    assert console_errors == []


def test_choose_the_cv_version_the_public_page_shows(
    page: Page, base_url: str, public_account: str, console_errors: list[str], artifacts: Path
) -> None:
    account = public_account
    tailored = "Streaming specialist, as shown to the public."
    with api_client(base_url, CLIENT_ADDRESS) as api:
        auth = log_in(api, account)
        jobs = api.get("/experiences", headers=auth).json()["data"]
        globex = next(job["id"] for job in jobs if job["company"] == "Globex")
        body = {
            "name": "Streaming roles",
            "summary_override": tailored,
            "items": {"experiences": [{"id": globex, "visible": False}]},
        }
        created = api.post("/cvs", json=body, headers=auth)
        assert created.status_code == 201, created.text

    _sign_in_to(page, base_url, account, "/app/public-profile")
    page.get_by_role("radio", name=re.compile(r"^Public")).click()
    shown = page.get_by_label("Show on the public page")
    expect(shown).to_have_text("Master profile (everything)")
    shown.click()
    page.get_by_role("option", name="Streaming roles").click()
    expect(shown).to_have_text("Streaming roles")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Saved: your page is online at this address.")).to_be_visible()
    slug = page.locator("#public-profile-slug").input_value()
    assert slug, "a public page gets an address"
    page.screenshot(path=artifacts / "public-profile-settings.png", full_page=True)

    page.reload()
    expect(page.get_by_label("Show on the public page")).to_have_text("Streaming roles")

    page.goto(f"{base_url}/p/{slug}")
    expect(page.get_by_text(tailored)).to_be_visible()
    expect(page.get_by_text("Acme", exact=True)).to_be_visible()
    assert "Globex" not in page.content()
    page.screenshot(path=artifacts / "public-profile-chosen-cv.png", full_page=True)
    assert console_errors == []


def test_a_deleted_cv_comes_back_with_undo(
    page: Page, base_url: str, console_errors: list[str], artifacts: Path
) -> None:
    """Delete asks first; right after, Undo brings the CV back with its share link (same
    address) and as the public page's choice."""
    account = _new_account(base_url, "emmy@example.org", "Emmy Noether")
    tailored = "Compiler work, as shown to the public."
    with api_client(base_url, CLIENT_ADDRESS, api=False) as api:
        auth = log_in(api, account)
        cv = api.post(
            "/api/v1/cvs", json={"name": "Compilers", "summary_override": tailored}, headers=auth
        ).json()
        link = api.post(
            f"/api/v1/cvs/{cv['id']}/share-links", json={"label": "Initech"}, headers=auth
        ).json()
        share_path = "/" + link["url"].split("/", 3)[3]
        profile = api.patch(
            "/api/v1/profiles/me",
            json={"slug": "emmy-noether", "visibility": "PUBLIC", "public_cv_id": cv["id"]},
            headers=auth,
        )
        assert profile.status_code == 200, profile.text
        assert tailored in api.get(share_path).text

        _sign_in_to(page, base_url, account, "/app/cvs")
        card = page.get_by_test_id("cv-card").filter(has_text="Compilers")
        card.get_by_role("button", name="Delete Compilers").click()
        dialog = page.get_by_role("alertdialog")
        expect(dialog).to_contain_text("You can undo right after.")
        dialog.get_by_role("button", name="Delete").press("Enter")  # by keyboard
        expect(page.get_by_test_id("cv-card")).to_have_count(0)
        undo = page.get_by_role("status").filter(has_text="Deleted “Compilers”")
        expect(undo).to_be_visible()
        expect(undo.get_by_role("button", name="Undo")).to_be_focused()
        page.screenshot(path=artifacts / "cv-list-undo.png", full_page=True)
        assert api.get(share_path).status_code == 404
        assert tailored not in api.get("/p/emmy-noether").text

        undo.get_by_role("button", name="Undo").click()
        expect(page.get_by_text("Restored “Compilers”.")).to_be_visible()
        expect(page.get_by_test_id("cv-card").filter(has_text="Compilers")).to_have_count(1)
        restored = api.get(share_path)
        assert restored.status_code == 200 and tailored in restored.text
        assert tailored in api.get("/p/emmy-noether").text
        links = api.get(f"/api/v1/cvs/{cv['id']}/share-links", headers=auth).json()["data"]
        assert [(item["label"], item["views"]) for item in links] == [("Initech", 2)]

    page.reload()
    expect(page.get_by_test_id("cv-card").filter(has_text="Compilers")).to_have_count(1)
    expect(page.get_by_role("status").filter(has_text="Deleted")).to_have_count(0)
    assert console_errors == []


def test_share_link_made_selected_and_copied_under_the_csp(
    page: Page, base_url: str, console_errors: list[str]
) -> None:
    """The Share tab works under the production CSP (no 'unsafe-eval'): creating a link
    empties the form, focusing its address selects it, Copy puts it on the clipboard and the
    public page's Copy address too — with no script evaluated from a string."""
    csp = page.request.get(f"{base_url}/").headers["content-security-policy"]
    assert "unsafe-eval" not in csp
    account = _new_account(base_url, "sofia@example.org", "Sofia Kovalevskaya")
    with api_client(base_url, CLIENT_ADDRESS) as api:
        auth = log_in(api, account)
        cv = api.post("/cvs", json={"name": "Analysis"}, headers=auth).json()
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url)
    _sign_in_to(page, base_url, account, f"/app/cvs/{cv['id']}")

    page.get_by_role("tab", name="Share").click()
    label = page.get_by_label("Who is it for?")
    label.fill("Initech recruiter")
    page.get_by_role("button", name="Create link").click()
    expect(page.get_by_text("“Initech recruiter” is ready")).to_be_visible()
    expect(label).to_have_value("")

    address = page.get_by_label("Address of Initech recruiter")
    url = address.input_value()
    assert "/s/" in url
    address.focus()
    selected = "() => { const e = document.activeElement; return e.value.substring(e.selectionStart, e.selectionEnd); }"  # noqa: E501
    page.wait_for_function(f"({selected})() === {url!r}")
    page.get_by_role("button", name="Copy", exact=True).click()
    expect(page.get_by_role("button", name="Copied")).to_be_visible()
    assert page.evaluate("navigator.clipboard.readText()") == url

    with api_client(base_url, CLIENT_ADDRESS) as api:
        auth = log_in(api, account)
        body = {"slug": "sofia-k", "visibility": "UNLISTED"}
        assert api.patch("/profiles/me", json=body, headers=auth).status_code == 200
    _goto_connected(page, f"{base_url}/app/public-profile")
    page.get_by_role("button", name="Copy address").click()
    expect(page.get_by_role("button", name="Copied")).to_be_visible()
    assert page.evaluate("navigator.clipboard.readText()").endswith("/p/sofia-k")
    assert console_errors == []
