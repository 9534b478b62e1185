"""The landing page of the production build, on a desktop and on a small phone."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import Page, WebSocket, expect

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
