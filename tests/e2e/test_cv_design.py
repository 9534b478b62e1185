"""Issue #20 point 2 in the browser: the Design tab changes the CV's accent colour and fonts,
the preview follows (and a sample shows the chosen fonts, served by the app), a colour too
light is refused with a darker one offered, and the downloaded PDF draws in the chosen colour
and embeds the chosen font; axe finds nothing serious on the tab."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from pdfminer.high_level import extract_pages
from pdfminer.layout import LTChar, LTTextContainer
from PIL import Image
from playwright.sync_api import Browser, Page, expect

from cvapp.domain.cvs.design import darkened
from cvapp.domain.exports import pdftext
from tests.e2e.accounts import api_client, sign_in, sign_up
from tests.e2e.conftest import _goto_connected, _open_page
from tests.e2e.test_accessibility import _violations
from tests.e2e.test_auth_flow import _on_page
from tests.e2e.test_cv_builder import FIRST_PAGE, _version_after

pytestmark = pytest.mark.e2e

# Sign-ups are limited per client address: this module signs up from its own.
CLIENT_ADDRESS = "127.0.0.24"
EMAIL = "design-e2e@example.org"
BURGUNDY = (0x7A, 0x1F, 0x3D)


@pytest.fixture(scope="module")
def account(base_url: str) -> str:
    """An account whose profile writes Cyrillic and Greek."""
    with api_client(base_url, CLIENT_ADDRESS) as api:
        auth = sign_up(api, EMAIL, "Софья Ковалевская")
        writes = [
            ("PATCH", "/profiles/me", {"headline": "Математик · Μαθηματικός"}),
            ("POST", "/experiences", {
                "company": "Стокгольмский университет", "title": "Профессор",
                "start_date": "2019-06", "end_date": "2021-02",
                "responsibilities": ["Лекции по анализу", "Задача о вращении твёрдого тела"],
            }),
            ("POST", "/skills", {"name": "Дифференциальные уравнения"}),
        ]  # fmt: skip
        for method, path, data in writes:
            response = api.request(method, path, json=data, headers=auth)
            assert response.status_code in (200, 201), response.text
    return EMAIL


def _pixels_near(png: bytes, colour: tuple[int, int, int], tolerance: int = 24) -> int:
    data = Image.open(io.BytesIO(png)).convert("RGB").tobytes()
    return sum(
        1
        for i in range(0, len(data), 3)
        if all(abs(data[i + k] - colour[k]) <= tolerance for k in range(3))
    )


def _preview_png(page: Page) -> bytes:
    source = page.locator(FIRST_PAGE).evaluate("img => img.currentSrc")
    answer = page.request.get(source)
    assert answer.ok, answer.status
    return answer.body()


def _font_names(pdf: bytes) -> set[str]:
    names: set[str] = set()
    for layout in extract_pages(io.BytesIO(pdf)):
        for box in layout:
            if isinstance(box, LTTextContainer):
                for line in box:
                    names.update(c.fontname.split("+")[-1] for c in line if isinstance(c, LTChar))
    return names


def _sample_draws_in(page: Page, name: str, family: str) -> None:
    """The design card's sample is labelled with the pairing, styled with its families, and
    the browser has loaded them (regular and bold) from the app's own font files."""
    sample = page.get_by_role("group", name=f"Sample of {name}")
    expect(sample).to_be_visible()
    for part in ("font-sample-heading", "font-sample-text"):
        css = sample.get_by_test_id(part).evaluate("e => getComputedStyle(e).fontFamily")
        assert css.startswith(f'"{family}"'), css
    expect(sample.get_by_test_id("font-sample-text")).to_contain_text("Ελληνικά · Кириллица")
    # check() is true for a family no @font-face declares: the faces must exist and load.
    page.wait_for_function(
        """family => {
            const faces = [...document.fonts].filter(f => f.family.replace(/"/g, "") === family);
            return faces.length >= 2 && faces.every(f => f.status === "loaded")
                && document.fonts.check(`16px "${family}"`)
                && document.fonts.check(`bold 16px "${family}"`);
        }""",
        arg=family,
        timeout=15_000,
    )


def _sample_wraps_on_a_phone(page: Page) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    text = page.get_by_test_id("font-sample-text")
    text.scroll_into_view_if_needed()
    fits = text.evaluate(
        "e => e.scrollWidth <= e.clientWidth && e.getBoundingClientRect().right <= innerWidth"
    )
    assert fits, "the sample overflows a 390 px phone"
    page.set_viewport_size({"width": 1280, "height": 900})


def test_change_colour_and_font_see_them_in_the_preview_and_the_pdf(
    browser: Browser, base_url: str, account: str, console_errors: list[str], artifacts: Path
) -> None:
    # axe-core goes in as an inline script: the page's CSP is bypassed for it
    page = _open_page(
        browser, console_errors, viewport={"width": 1280, "height": 900}, bypass_csp=True
    )
    sign_in(page, base_url, account, CLIENT_ADDRESS)
    _goto_connected(page, f"{base_url}/app/cvs")
    _on_page(page, base_url, "/app/cvs")
    page.get_by_label("Target role").fill("Профессор")
    page.get_by_role("button", name="Create CV").click()
    page.wait_for_url(re.compile(rf"^{re.escape(base_url)}/app/cvs/[\w-]+$"))
    first = _version_after(page, "")
    assert _pixels_near(_preview_png(page), BURGUNDY) == 0

    page.get_by_role("tab", name="Design").click()
    look = page.get_by_test_id("cv-look")
    expect(look).to_be_visible()
    assert not _violations(page)

    # A preset, from the keyboard: the preview turns burgundy.
    burgundy = page.get_by_role("button", name="Burgundy #7a1f3d")
    burgundy.focus()
    page.keyboard.press("Enter")
    expect(burgundy).to_have_attribute("aria-pressed", "true")
    coloured = _version_after(page, first)
    assert _pixels_near(_preview_png(page), BURGUNDY) > 200

    # The fonts: a sample of the template's own, then Noto Serif for text and headings.
    own = page.get_by_role("group", name="Sample of the template's font, Liberation Serif")
    expect(own).to_be_visible()
    page.get_by_label("Fonts").select_option("noto-serif")
    expect(page.get_by_label("Fonts")).to_have_value("noto-serif")
    restyled = _version_after(page, coloured)
    _sample_draws_in(page, "Noto Serif", "CV Noto Serif")
    _sample_wraps_on_a_phone(page)

    # A colour too light for text is not applied; the darker shade offered is.
    page.get_by_label("Other colour").fill("#ffe066")
    problem = page.get_by_test_id("accent-problem")
    expect(problem).to_contain_text("too light to read")
    suggestion = darkened("#ffe066")
    expect(page.get_by_label("Other colour")).to_have_value("#7a1f3d")
    page.get_by_role("button", name=f"Use {suggestion} instead").click()
    expect(problem).to_have_count(0)
    expect(page.get_by_label("Other colour")).to_have_value(suggestion)
    ochre = _version_after(page, restyled)
    ochre_rgb = tuple(int(suggestion[i : i + 2], 16) for i in (1, 3, 5))
    assert _pixels_near(_preview_png(page), ochre_rgb, tolerance=16) > 200  # type: ignore[arg-type]

    # Back to burgundy; the text size, typed.
    burgundy.click()
    burgundy_again = _version_after(page, ochre)
    size = page.get_by_label("Text size (pt)")
    size.fill("11.5")
    size.press("Tab")
    _version_after(page, burgundy_again)
    assert not _violations(page)
    page.screenshot(path=artifacts / "cv-design-tab.png", full_page=True)

    with page.expect_download() as started:
        page.get_by_role("button", name="Download PDF").click()
    pdf = Path(started.value.path()).read_bytes()
    assert pdf.startswith(b"%PDF")
    assert {"CV-Noto-Serif", "CV-Noto-Serif-Bold"} <= _font_names(pdf)
    png = pdftext.page_png(pdf, page=1, width=640)
    assert _pixels_near(png, BURGUNDY) > 200

    # The history says it in words.
    page.get_by_role("tab", name="History").click()
    expect(page.get_by_test_id("cv-version").nth(0)).to_contain_text("Design: text size changed")
    assert console_errors == []
    page.context.close()


GREEN = (0x12, 0xB0, 0x4A)


def test_upload_a_photo_and_see_it_in_the_preview_and_the_pdf(
    browser: Browser, base_url: str, account: str, console_errors: list[str], tmp_path: Path
) -> None:
    """A photo added to the profile shows in a photo template's preview and PDF; "Show my
    photo" off takes it out of both."""
    page = _open_page(browser, console_errors, viewport={"width": 1280, "height": 900})
    photo = tmp_path / "portrait.png"
    Image.new("RGB", (240, 300), GREEN).save(photo)
    sign_in(page, base_url, account, CLIENT_ADDRESS)
    _goto_connected(page, f"{base_url}/app/profile")
    page.get_by_label("Profile photo (JPEG, PNG or WebP)").set_input_files(photo)
    expect(page.get_by_role("button", name="Change photo")).to_be_visible(timeout=15_000)

    _goto_connected(page, f"{base_url}/app/cvs")
    page.get_by_label("Target role").fill("Математик")
    page.get_by_role("button", name="Create CV").click()
    page.wait_for_url(re.compile(rf"^{re.escape(base_url)}/app/cvs/[\w-]+$"))
    plain = _version_after(page, "")
    assert _pixels_near(_preview_png(page), GREEN) == 0, "Classic shows no photo"

    page.get_by_role("tab", name="Design").click()
    page.get_by_role("button", name="Photo header template").click()
    with_photo = _version_after(page, plain)
    assert _pixels_near(_preview_png(page), GREEN) > 500
    with page.expect_download() as started:
        page.get_by_role("button", name="Download PDF").click()
    pdf = Path(started.value.path()).read_bytes()
    assert _pixels_near(pdftext.page_png(pdf, page=1, width=640), GREEN) > 500

    page.get_by_test_id("cv-look").get_by_role("switch").click()
    _version_after(page, with_photo)
    assert _pixels_near(_preview_png(page), GREEN) == 0, "photo off"
    assert console_errors == []
    page.context.close()
