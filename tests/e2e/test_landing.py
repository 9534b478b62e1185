"""The landing page of the production build, on a desktop and on a small phone."""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import Page, WebSocket, expect

from tests.e2e.conftest import ROOT, _server_env

GotoConnected = Callable[[Page, str], WebSocket]

pytestmark = pytest.mark.e2e


def test_landing_renders_without_console_errors(
    page: Page,
    base_url: str,
    goto_connected: GotoConnected,
    console_errors: list[str],
    artifacts: Path,
) -> None:
    socket = goto_connected(page, f"{base_url}/")

    expect(page.locator("h1").first).to_be_visible()
    assert socket.url.startswith(base_url.replace("http", "ws", 1))
    page.screenshot(path=artifacts / "landing.png", full_page=True)
    assert console_errors == []


def test_landing_fits_a_375px_screen(
    mobile_page: Page,
    base_url: str,
    goto_connected: GotoConnected,
    console_errors: list[str],
    artifacts: Path,
) -> None:
    goto_connected(mobile_page, f"{base_url}/")

    expect(mobile_page.locator("h1").first).to_be_visible()
    page_width = mobile_page.evaluate("document.documentElement.scrollWidth")
    assert page_width <= 375, f"the page scrolls sideways: {page_width} px wide"
    mobile_page.screenshot(path=artifacts / "landing-375.png", full_page=True)
    # Issue #17 point 3: the way to sign up is in the hero, in view on a phone.
    start = mobile_page.get_by_role("link", name="Get started — free")
    expect(start).to_be_in_viewport()
    start.click()
    mobile_page.wait_for_url(f"{base_url}/register")
    expect(mobile_page.get_by_role("heading", name="Create your account")).to_be_visible()
    assert console_errors == []


def test_api_is_served_on_the_same_port(base_url: str) -> None:
    response = httpx.get(f"{base_url}/api/v1/health", timeout=10, trust_env=False)

    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_try_the_demo_from_the_landing_page(
    page: Page,
    base_url: str,
    server_data_dir: Path,
    goto_connected: GotoConnected,
    console_errors: list[str],
) -> None:
    """Issue #17 point 3: where the demo account exists (``make run`` seeds it), the hero
    offers "Try the demo", which opens the demo's dashboard."""
    goto_connected(page, f"{base_url}/")
    expect(page.get_by_role("link", name="Get started — free")).to_be_visible()
    expect(page.get_by_role("button", name="Try the demo")).to_have_count(0)  # none seeded

    env = _server_env(server_data_dir, 0)
    subprocess.run([sys.executable, "-m", "cvapp.cli", "seed-demo"], env=env, check=True,
                   cwd=ROOT, capture_output=True)  # fmt: skip
    goto_connected(page, f"{base_url}/")
    page.get_by_role("button", name="Try the demo").click()
    page.wait_for_url(re.compile(rf"^{re.escape(base_url)}/app/?$"))
    expect(page.get_by_role("heading", name="Welcome, Alex Morgan")).to_be_visible()
    expect(page.get_by_test_id("dashboard-cv").first).to_be_visible()
    assert console_errors == []
