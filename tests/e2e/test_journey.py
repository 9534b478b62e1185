"""Issue #17's journey, at 1280 px and on a 390 px phone, in a production server that sells
plans through Stripe (a local fake Stripe the real SDK talks to, whose pay button posts
signed webhooks to the server): sign up from the landing hero → the wizard → the first CV →
the dashboard shows it with its first page → every section through the navigation only →
the CV limit, said beside the button, with the upgrade → checkout → the limit lifts."""

from __future__ import annotations

import re
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from tests.e2e.accounts import PASSWORD
from tests.e2e.conftest import _open_page, production_server
from tests.e2e.test_accessibility import _violations
from tests.e2e.test_app_nav import SECTIONS
from tests.e2e.test_auth_flow import _on_page
from tests.fakes.stripe_server import FakeStripe, stripe_settings

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def selling() -> Iterator[tuple[str, FakeStripe]]:
    """A production server with Stripe billing on, and the fake Stripe it talks to."""
    fake = FakeStripe()
    fake.start()
    try:
        with tempfile.TemporaryDirectory(prefix="cvapp-e2e-billing-") as tmp:
            extra = stripe_settings(fake)
            with production_server(Path(tmp), web="web-billing", extra=extra) as url:
                fake.webhook_url = f"{url}/api/v1/billing/stripe/webhook"
                yield url, fake
    finally:
        fake.stop()


def _go(page: Page, base_url: str, label: str, path: str, *, phone: bool) -> None:
    """Open a section through the app's navigation: the sidebar, or the phone's menu."""
    if phone:
        # A tap while the page before is still settling can be lost, as with a finger: tap
        # again if the menu did not open.
        item = page.get_by_role("menuitem", name=re.compile(rf"^{label}$"))
        for _ in range(3):
            page.get_by_role("button", name="Open navigation menu").click()
            try:
                item.wait_for(state="visible", timeout=5_000)
                break
            except PlaywrightTimeoutError:
                page.keyboard.press("Escape")
        item.click()
    else:
        nav = page.get_by_role("navigation", name="App")
        nav.get_by_role("link", name=label, exact=True).click()
        expect(nav.get_by_role("link", name=label, exact=True)).to_have_attribute(
            "aria-current", "page"
        )
    _on_page(page, base_url, path)


def _editor_open(page: Page) -> None:
    """The CV editor shows its sections, or (a phone switched to it) the preview."""
    shown = page.locator('[data-testid="cv-section"]:visible, [aria-label="Preview pages"]:visible')
    expect(shown.first).to_be_visible()


def _create_cv(page: Page, role: str) -> None:
    page.get_by_label("Target role").fill(role)
    page.get_by_role("button", name="Create CV").click()


@pytest.mark.parametrize("width", [1280, 390])
def test_from_the_landing_page_to_a_paid_plan(
    browser: Browser,
    selling: tuple[str, FakeStripe],
    console_errors: list[str],
    artifacts: Path,
    width: int,
) -> None:
    base_url, fake = selling
    phone = width < 768
    page = _open_page(
        browser,
        console_errors,
        viewport={"width": width, "height": 844 if phone else 860},
        is_mobile=phone,
        has_touch=phone,
        bypass_csp=True,  # axe-core goes in as an inline script
    )
    email = f"margaret-{width}@example.org"

    # Sign up from the landing hero.
    page.goto(f"{base_url}/")
    start = page.get_by_role("link", name="Get started — free").first
    expect(start).to_be_in_viewport()
    start.click()
    _on_page(page, base_url, "/register")
    page.get_by_label("Full name").fill("Margaret Hamilton")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_label("I have read and accept").check()
    page.get_by_role("button", name="Create account").click()
    _on_page(page, base_url, "/app")

    # The wizard: the basics, then straight to the review, which makes the first CV.
    page.get_by_test_id("welcome-card").get_by_role("link", name="Start").click()
    _on_page(page, base_url, "/app/welcome")
    page.get_by_role("button", name="Skip this step").click()
    page.get_by_label("Headline").fill("Flight software lead")
    page.get_by_label("Summary").fill("I wrote the Apollo guidance software.")
    page.get_by_role("button", name="Save and continue").click()
    expect(page.get_by_text("Step 3 of 7")).to_be_visible()
    page.get_by_role("button", name=re.compile("Review")).click()
    first = page.get_by_test_id("first-cv")
    expect(first.get_by_label("Target role")).to_have_value("Flight software lead")
    first.get_by_role("button", name="Create CV").click()
    page.wait_for_url(re.compile(rf"^{re.escape(base_url)}/app/cvs/[0-9A-Z]+"))
    if phone:  # phones switch between editing and the preview
        page.get_by_role("radio", name="Preview").click()
    expect(page.locator("[data-testid=cv-preview-page]").first).to_be_visible(timeout=30_000)

    # The dashboard shows it, with its first page.
    _go(page, base_url, "Dashboard", "/app", phone=phone)
    card = page.get_by_test_id("dashboard-cv")
    expect(card).to_have_count(1)
    thumbnail = card.get_by_role("img", name=re.compile("First page of"))
    thumbnail.scroll_into_view_if_needed()
    page.wait_for_function(
        "(img) => img.complete && img.naturalWidth > 0",
        arg=thumbnail.element_handle(),
        timeout=30_000,
    )
    assert not _violations(page)
    page.screenshot(path=artifacts / f"journey-{width}-dashboard.png", full_page=True)

    # Every section through the navigation only.
    for label, path in SECTIONS:
        _go(page, base_url, label, path, phone=phone)

    # The CV limit (2 on Free in the tests), said beside the button, with the upgrade.
    _go(page, base_url, "CVs", "/app/cvs", phone=phone)
    _create_cv(page, "Mission control")
    page.wait_for_url(re.compile(rf"^{re.escape(base_url)}/app/cvs/[0-9A-Z]+"))
    _editor_open(page)
    _go(page, base_url, "CVs", "/app/cvs", phone=phone)
    _create_cv(page, "Systems engineering")
    notice = page.get_by_test_id("cv-create-limit")
    expect(notice).to_contain_text("Your Free plan includes 2 CV versions")
    expect(notice).to_contain_text("Pro includes unlimited CV versions")
    assert not _violations(page)
    page.screenshot(path=artifacts / f"journey-{width}-limit.png", full_page=True)
    notice.get_by_role("button", name="Upgrade to Pro").click()

    # The fake Stripe's checkout page; paying posts the signed webhooks and comes back.
    page.wait_for_url(re.compile(rf"^{re.escape(fake.url)}/pay/"))
    expect(page.get_by_role("heading", name="Subscribe to cvapp Pro")).to_be_visible()
    page.get_by_role("button", name="Pay €6 a month").click()
    page.wait_for_url(re.compile(rf"^{re.escape(base_url)}/app/settings/plan/?\?checkout=success"))
    expect(
        page.get_by_role("status").filter(has_text="You are on the Pro plan now")
    ).to_be_visible()
    expect(page.get_by_role("heading", name="Pro", exact=True)).to_be_visible()
    expect(page.get_by_role("button", name="Manage billing")).to_be_visible()
    comparison = page.get_by_role("table").nth(1)
    expect(comparison.get_by_role("row").nth(1)).to_contain_text("€6 a month")
    assert [d["status"] for d in fake.deliveries][-2:] == [200, 200]
    assert not _violations(page)
    page.screenshot(path=artifacts / f"journey-{width}-plan.png", full_page=True)

    # The limit lifted.
    _go(page, base_url, "CVs", "/app/cvs", phone=phone)
    _create_cv(page, "Systems engineering")
    page.wait_for_url(re.compile(rf"^{re.escape(base_url)}/app/cvs/[0-9A-Z]+"))
    _editor_open(page)
    _go(page, base_url, "CVs", "/app/cvs", phone=phone)
    expect(page.get_by_test_id("cv-card")).to_have_count(3)
    assert console_errors == []
    page.context.close()


def test_the_portal_cancels_and_the_limits_come_back(
    browser: Browser, selling: tuple[str, FakeStripe], console_errors: list[str]
) -> None:
    """After the journey above: "Manage billing" opens Stripe's portal; cancelling there
    brings Free back, and the CV over the limit turns read-only (nothing is deleted)."""
    base_url, _ = selling
    page = _open_page(browser, console_errors, viewport={"width": 1280, "height": 860})
    page.goto(f"{base_url}/login")
    page.get_by_label("Email").fill("margaret-1280@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_label("Password").press("Enter")
    _on_page(page, base_url, "/app")
    _go(page, base_url, "Account", "/app/settings", phone=False)
    page.get_by_role("link", name="Plan", exact=True).click()
    _on_page(page, base_url, "/app/settings/plan")
    page.get_by_role("button", name="Manage billing").click()
    expect(page.get_by_text("Current plan: Pro")).to_be_visible()
    page.get_by_role("button", name="Cancel subscription").click()
    page.wait_for_url(re.compile(rf"^{re.escape(base_url)}/app/settings/plan/?\?checkout=managed"))
    expect(page.get_by_role("heading", name="Free", exact=True)).to_be_visible()
    expect(page.get_by_role("button", name="Upgrade to Pro")).to_be_visible()
    _go(page, base_url, "CVs", "/app/cvs", phone=False)
    expect(page.get_by_test_id("cv-card")).to_have_count(3)
    assert console_errors == []
    page.context.close()
