"""In a production server set up as production is (sign-up confirmed by mail, plans sold
through Stripe: a local fake Stripe the real SDK talks to, whose pay button posts signed
webhooks to the server):

- Issue #17's journey, at 1280 px and on a 390 px phone: sign up from the landing hero and
  open the mailed link → the wizard → the first CV → the dashboard shows it with its first
  page → every section through the navigation only → the CV limit, said beside the button,
  with the upgrade → checkout → the limit lifts; then the portal cancels.
- Sign-up with confirmation by mail (``CVAPP_SIGNUP_CONFIRMATION``): the form answers alike
  for a new and a registered address, the mailed link with the chosen password creates the
  account and signs it in.

One server for both keeps the browser tests to two production builds."""

from __future__ import annotations

import re
import sqlite3
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

import pytest
from playwright.sync_api import Browser, Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from tests.e2e.accounts import PASSWORD
from tests.e2e.conftest import _open_page, production_server, wait_until
from tests.e2e.test_accessibility import _violations
from tests.e2e.test_app_nav import SECTIONS
from tests.e2e.test_auth_flow import _mail_link, _on_page
from tests.fakes.stripe_server import FakeStripe, stripe_settings

pytestmark = pytest.mark.e2e


class Production(NamedTuple):
    """The server (its URL and SQLite database) and the fake Stripe it sells through."""

    url: str
    database: Path
    stripe: FakeStripe


@pytest.fixture(scope="module")
def production() -> Iterator[Production]:
    """A production server with sign-up confirmation and Stripe billing on."""
    fake = FakeStripe()
    fake.start()
    try:
        with tempfile.TemporaryDirectory(prefix="cvapp-e2e-production-") as tmp:
            extra = {**stripe_settings(fake), "CVAPP_SIGNUP_CONFIRMATION": "true"}
            with production_server(Path(tmp), web="web-production", extra=extra) as url:
                fake.webhook_url = f"{url}/api/v1/billing/stripe/webhook"
                yield Production(url, Path(tmp) / "cvapp.db", fake)
    finally:
        fake.stop()


def _sign_up(page: Page, base_url: str, email: str, password: str = PASSWORD) -> None:
    page.goto(f"{base_url}/register")
    _fill_sign_up(page, "Grace Hopper", email, password)


def _fill_sign_up(page: Page, name: str, email: str, password: str) -> None:
    page.get_by_label("Full name").fill(name)
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_label("I have read and accept").check()
    page.get_by_role("button", name="Create account").click()


def _confirm(page: Page, production: Production, email: str) -> None:
    """Open the mailed sign-up link and finish with the chosen password: signed in."""
    expect(page.get_by_role("status").filter(has_text="Check your inbox")).to_contain_text(email)
    page.goto(_mail_link(production.database, email, "/confirm-signup"))
    expect(page.get_by_role("heading", name="Finish creating your account")).to_be_visible()
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Create my account").click()
    _on_page(page, production.url, "/app")


def _subjects(database: Path, to: str) -> list[str]:
    with sqlite3.connect(database) as db:
        rows = db.execute("SELECT subject FROM outbox_emails WHERE to_address = ?", (to,))
        return [subject for (subject,) in rows.fetchall()]


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
    production: Production,
    console_errors: list[str],
    artifacts: Path,
    width: int,
) -> None:
    base_url, fake = production.url, production.stripe
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
    _fill_sign_up(page, "Margaret Hamilton", email, PASSWORD)
    _confirm(page, production, email)

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
    browser: Browser, production: Production, console_errors: list[str]
) -> None:
    """After the journey above: "Manage billing" opens Stripe's portal; cancelling there
    brings Free back, and the CV over the limit turns read-only (nothing is deleted)."""
    base_url = production.url
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


def test_sign_up_by_mailed_link_says_nothing_about_registered_addresses(
    page: Page,
    browser: Browser,
    production: Production,
    console_errors: list[str],
    artifacts: Path,
) -> None:
    base_url, database = production.url, production.database
    _sign_up(page, base_url, "grace@example.org")
    notice = page.get_by_role("status").filter(has_text="Check your inbox")
    expect(notice).to_contain_text("grace@example.org")
    first_answer = notice.inner_text()
    page.screenshot(path=artifacts / "signup-check-inbox.png", full_page=True)

    link = _mail_link(database, "grace@example.org", "/confirm-signup")
    page.goto(link)
    expect(page.get_by_role("heading", name="Finish creating your account")).to_be_visible()
    page.get_by_label("Password").fill("not the one I chose")
    page.get_by_role("button", name="Create my account").click()
    expect(page.get_by_text("This is not the password you chose")).to_be_visible()
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Create my account").click()
    _on_page(page, base_url, "/app")
    expect(page.get_by_role("heading", name="Welcome, Grace Hopper")).to_be_visible()
    # The link reached the address: no "please confirm" banner.
    expect(page.get_by_text("Please confirm your email address")).to_have_count(0)

    # Signing up again with the now registered address: the very same answer, and a note
    # to the owner instead of a link.
    stranger = _open_page(browser, console_errors, viewport={"width": 1280, "height": 800})
    _sign_up(stranger, base_url, "Grace@Example.org", password="a different passphrase")
    again = stranger.get_by_role("status").filter(has_text="Check your inbox")
    expect(again).to_be_visible()
    assert again.inner_text() == first_answer.replace("grace@example.org", "Grace@Example.org")
    wait_until(
        lambda: "You already have a cvapp account" in _subjects(database, "grace@example.org"),
        timeout=20,
        what="the note to the owner",
    )
    stranger.context.close()
    assert console_errors == []
