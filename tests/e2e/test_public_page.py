"""Issue #20 points 7 and 4 in a browser: the public page is the CV in its template, fits a
390 px phone without paper margins, and downloads its PDF under the person's name; the CV
editor says what a one-page fit tightened and left out."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from cvapp.domain.exports.pdftext import pdf_text
from tests.e2e.accounts import api_client, sign_in, sign_up

CLIENT_ADDRESS = "127.0.0.19"
SLUG = "grace-hopper"
CLIENT = "Eckert-Mauchly Computer"
LINK = "https://github.com/grace-hopper/compiler-a0-and-flow-matic-original-sources"


@pytest.fixture(scope="module")
def published(base_url: str) -> tuple[str, str]:
    """A PUBLIC profile showing a 'Modern' CV, with an anonymized client and a long link
    (the account's email and the CV's id)."""
    with api_client(base_url, CLIENT_ADDRESS) as api:
        auth = sign_up(api, "grace.hopper@example.org", "Grace Hopper")
        jobs = [
            (f"Company {n}", f"Engineer {n}", f"{2020 - 2 * n}-01", f"{2021 - 2 * n}-12")
            for n in range(12)
        ]
        writes: list[tuple[str, str, dict[str, object]]] = [
            ("PATCH", "/profiles/me", {
                "headline": "Compiler engineer", "summary": "Made computers speak English.",
                "links": [{"network": "GitHub", "url": LINK}],
            }),
            ("POST", "/projects", {
                "name": "UNIVAC compiler", "client_name": CLIENT,
                "client_alias": "a computer maker", "anonymize": True,
                "description": f"Wrote A-0 for {CLIENT}.", "start_date": "1951-01",
            }),
            *(("POST", "/experiences", {
                "company": company, "title": title, "start_date": start, "end_date": end,
                "responsibilities": [f"Delivered milestone {i} of the {company} programme"
                                     for i in range(6)],
            }) for company, title, start, end in jobs),
        ]  # fmt: skip
        for method, path, data in writes:
            response = api.request(method, path, json=data, headers=auth)
            assert response.status_code in (200, 201), response.text
        cv = api.post("/cvs", json={"name": "Public", "template": "modern"}, headers=auth)
        assert cv.status_code == 201, cv.text
        body = {"visibility": "PUBLIC", "slug": SLUG, "public_cv_id": cv.json()["id"]}
        assert api.patch("/profiles/me", json=body, headers=auth).status_code == 200
    return "grace.hopper@example.org", cv.json()["id"]


def test_public_page_on_a_phone(
    mobile_page: Page,
    base_url: str,
    published: tuple[str, str],
    console_errors: list[str],
    artifacts: Path,
) -> None:
    page = mobile_page
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{base_url}/p/{SLUG}")
    expect(page.get_by_role("heading", name="Grace Hopper", level=1)).to_be_visible()
    assert page.locator("body").get_attribute("class") == "cv cv-modern"
    layout = page.evaluate(
        """() => {
            const body = getComputedStyle(document.body);
            return {width: document.documentElement.scrollWidth, margin: body.marginLeft,
                    padding: parseFloat(body.paddingLeft), shadow: body.boxShadow};
        }"""
    )
    # The bare page: no sheet margins or shadow, nothing wider than the screen.
    assert layout["width"] <= 390 and layout["margin"] == "0px", layout
    assert layout["padding"] <= 16 and layout["shadow"] == "none", layout
    page.screenshot(path=artifacts / "public-page-390.png", full_page=True)
    content = page.content()
    assert CLIENT not in content and "Eckert" not in content
    expect(page.get_by_text("a computer maker", exact=False).first).to_be_visible()

    with page.expect_download() as started:
        page.get_by_role("link", name="Download PDF").click()
    download = started.value
    assert download.suggested_filename == "Grace-Hopper-Compiler-engineer-CV.pdf"
    text = pdf_text(Path(download.path()).read_bytes())
    assert "Grace Hopper" in text and "Eckert" not in text
    assert console_errors == []


def test_public_page_on_a_desktop_is_a_sheet(
    page: Page, base_url: str, published: tuple[str, str], artifacts: Path
) -> None:
    page.goto(f"{base_url}/p/{SLUG}")
    margin = page.evaluate("() => parseFloat(getComputedStyle(document.body).marginLeft)")
    assert margin > 100, "a sheet of paper centred on the desk"
    page.screenshot(path=artifacts / "public-page-desktop.png")


def test_the_editor_says_what_a_one_page_fit_did(
    page: Page,
    base_url: str,
    published: tuple[str, str],
    goto_connected: Callable[[Page, str], object],
    artifacts: Path,
) -> None:
    email, cv_id = published
    sign_in(page, base_url, email, CLIENT_ADDRESS)
    goto_connected(page, f"{base_url}/app/cvs/{cv_id}")
    page.get_by_role("tab", name="Design").click()
    page.get_by_role("switch", name=re.compile("Fit on one page")).click()
    note = page.get_by_test_id("fit-note")
    expect(note).to_contain_text("text set at 9 pt", timeout=60_000)
    dropped = page.get_by_test_id("dropped-items")
    expect(dropped).to_contain_text("Left out to fit one page")
    expect(dropped).to_contain_text("Experience: Engineer 11 · Company 11")
    status = page.get_by_role("status").filter(has_text="left out to fit")
    expect(status).to_contain_text(re.compile(r"1 page · A4 · \d+ left out to fit"))
    page.screenshot(path=artifacts / "cv-editor-fit.png", full_page=True)
