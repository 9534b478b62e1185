"""Accessibility of every page, checked with axe-core in Chromium (WCAG 2.1 A and AA rules).

Each page is opened as a signed-in user with a filled-in profile (or signed out, for the public
pages), on a desktop and on a 375 px phone, and axe-core (the npm package, installed by
``make test``) runs on the rendered DOM. A violation of impact "serious" or "critical" fails
the test, with the rule, the elements and how to fix them.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.accounts import Write, api_client, sign_in, sign_up, write_all
from tests.e2e.conftest import ROOT, _goto_connected

pytestmark = pytest.mark.e2e

CLIENT_ADDRESS = "127.0.0.6"
EMAIL = "ada-a11y@example.org"
AXE = Path(
    os.environ.get("CVAPP_AXE_JS", ROOT / ".cache/tools/axe/node_modules/axe-core/axe.min.js")
)
FAILING_IMPACTS = ("serious", "critical")
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 375, "height": 740}}
# Each viewport in the light theme, and the desktop in the dark one (the system's choice).
CASES = [("desktop", "light"), ("phone", "light"), ("desktop", "dark")]
ANIMATIONS_DONE = """() => document.getAnimations().every(
    a => a.playState !== "running" || a.effect?.getComputedTiming().iterations === Infinity)"""
RUN_AXE = """async () => {
    const result = await axe.run(document, {
        runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
        resultTypes: ["violations"],
    });
    return result.violations.map(v => ({
        id: v.id, impact: v.impact, help: v.help,
        nodes: v.nodes.slice(0, 5).map(n => ({target: n.target.join(" "),
                                               summary: n.failureSummary})),
    }));
}"""


@pytest.fixture(scope="module")
def account(base_url: str) -> dict[str, str]:
    """A user with a profile, a CV, a share link and a public page; returns their ids."""
    with api_client(base_url, CLIENT_ADDRESS) as api:
        auth = sign_up(api, EMAIL, "Ada Lovelace")
        writes: list[Write] = [
            ("PATCH", "/profiles/me", {
                "headline": "Analyst", "summary": "Notes on the Analytical Engine.",
                "slug": "ada-a11y", "visibility": "PUBLIC",
                "interests": [{"name": "Poetry", "keywords": ["metre"]}],
            }),
            ("POST", "/experiences", {
                "company": "Analytical Society", "title": "Analyst", "start_date": "2019-03",
                "responsibilities": ["Wrote the first program", "Translated Menabrea"],
            }),
            ("POST", "/projects", {"name": "Note G", "description": "Bernoulli numbers."}),
            ("POST", "/skills", {"name": "Mathematics"}),
            ("POST", "/education", {"institution": "Home tuition", "area": "Mathematics"}),
        ]  # fmt: skip
        write_all(api, auth, writes)
        cv = api.post("/cvs", json={"name": "Analyst CV"}, headers=auth).json()
        link = api.post(f"/cvs/{cv['id']}/share-links", json={"label": "Babbage"}, headers=auth)
        assert link.status_code == 201, link.text
        job = {"company": "Analytical Society", "role": "Analyst", "notes": "Ask Babbage",
               "contacts": [{"name": "Charles Babbage", "email": "cb@example.org"}],
               "interview_at": "2030-01-10T09:00:00Z"}  # fmt: skip
        application = api.post("/applications", json=job, headers=auth)
        assert application.status_code == 201, application.text
    return {
        "cv": cv["id"],
        "share": "/" + link.json()["url"].split("/", 3)[3],
        "application": application.json()["id"],
    }


def _violations(page: Page) -> list[dict[str, Any]]:
    # Colours are checked once opening animations (a dialog fading in) are over; endless ones
    # (spinners) do not count.
    page.wait_for_function(ANIMATIONS_DONE)
    if not page.evaluate("() => typeof axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    found: list[dict[str, Any]] = page.evaluate(RUN_AXE)
    return [v for v in found if v["impact"] in FAILING_IMPACTS]


def _open(page: Page, base_url: str, path: str) -> None:
    if path.startswith(("/p/", "/s/")):  # server-rendered, no app websocket
        page.goto(f"{base_url}{path}")
    else:
        _goto_connected(page, f"{base_url}{path}")
        route = path.partition("?")[0]
        page.wait_for_url(re.compile(rf"^{re.escape(base_url)}{re.escape(route)}/?(\?.*)?$"))
    page.wait_for_load_state("networkidle")
    expect(page.locator("h1").first).to_be_visible()


SIGNED_OUT = ["/", "/login", "/register", "/forgot-password", "/privacy", "/p/ada-a11y"]
SIGNED_IN = [
    "/app",
    "/app/welcome",
    "/app/profile",
    "/app/profile?section=experiences",
    "/app/profile?section=skills",
    "/app/cvs",
    "/app/cvs/{cv}",
    "/app/applications",
    "/app/applications/{application}",
    "/app/public-profile",
    "/app/import",
    "/app/ai",
    "/app/ai/skills",
    "/app/ai/gap-analysis",
    "/app/ai/summary",
    "/app/settings",
    "/app/settings/security",
    "/app/settings/activity",
    "/app/settings/plan",
    "/app/settings/api-keys",
    "/app/settings/privacy",
]


# Pages whose look the fixes changed: kept as screenshots (test-artifacts/a11y-*.png).
SCREENSHOTS = ("/app/welcome", "/app/settings/plan", "/register")


def _scan(
    page: Page, base_url: str, paths: list[str], shots: Path
) -> dict[str, list[dict[str, Any]]]:
    problems = {}
    for path in paths:
        _open(page, base_url, path)
        if path in SCREENSHOTS:
            page.screenshot(path=f"{shots}-{path.strip('/').replace('/', '-')}.png")
        found = _violations(page)
        if found:
            problems[path] = found
    return problems


@pytest.mark.parametrize(("viewport", "theme"), CASES)
def test_every_page_passes_axe(
    browser: Any,
    base_url: str,
    account: dict[str, str],
    viewport: str,
    theme: str,
    artifacts: Path,
) -> None:
    assert AXE.is_file(), f"axe-core is missing ({AXE}): run make test"
    # axe goes in as an inline script, which the app's CSP refuses (other tests keep it on).
    context = browser.new_context(viewport=VIEWPORTS[viewport], color_scheme=theme, bypass_csp=True)
    name = f"a11y-{viewport}-{theme}"
    page = context.new_page()
    try:
        problems = _scan(page, base_url, SIGNED_OUT, artifacts / name)
        sign_in(page, base_url, EMAIL, CLIENT_ADDRESS)
        paths = [p.format(**account) for p in SIGNED_IN] + [account["share"]]
        problems |= _scan(page, base_url, paths, artifacts / name)
    finally:
        context.close()
    report = json.dumps(problems, indent=1, ensure_ascii=False)
    (artifacts / f"{name}.json").write_text(report)
    assert not problems, report


def test_the_plan_page_shows_use_and_limits(
    page: Page, base_url: str, account: dict[str, str]
) -> None:
    """The free account above: one of two CV versions, its one share link (the limit), no API
    access (said once, as "not included", not as a reached limit)."""
    sign_in(page, base_url, EMAIL, CLIENT_ADDRESS)
    _open(page, base_url, "/app/settings/plan")
    usage = page.get_by_role("table").first
    expect(usage.get_by_role("row")).to_have_text(
        [
            re.compile(r"^CV versions\s*2\s*1 used$"),
            re.compile(r"^CV templates"),
            re.compile(r"^AI calls per day\s*20\s*0 used$"),
            re.compile(r"^Active share links\s*1\s*1 used\s*Limit reached$"),
            re.compile(r"^Tracked applications\s*25\s*1 used$"),
            re.compile(r"^Cover letters\s*5\s*0 used$"),
            re.compile(r"^API access\s*not included$"),
        ]
    )
    comparison = page.get_by_role("table").nth(1)
    expect(comparison.get_by_role("rowheader")).to_contain_text(["Active share links"])


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_dialogs_and_tabs_pass_axe(
    browser: Any, base_url: str, account: dict[str, str], theme: str
) -> None:
    """What opens on a page: the item form, the delete confirmation, the AI improve dialog,
    the CV editor's other tabs."""
    context = browser.new_context(
        viewport=VIEWPORTS["desktop"], color_scheme=theme, bypass_csp=True
    )
    try:
        _dialogs_and_tabs(context.new_page(), base_url, account)
    finally:
        context.close()


def _dialogs_and_tabs(page: Page, base_url: str, account: dict[str, str]) -> None:
    sign_in(page, base_url, EMAIL, CLIENT_ADDRESS)
    problems: dict[str, list[dict[str, Any]]] = {}

    def scan(where: str) -> None:
        if found := _violations(page):
            problems[where] = found

    _open(page, base_url, "/app/profile?section=experiences")
    page.get_by_role("button", name="Add experience").click()
    expect(page.get_by_role("dialog")).to_be_visible()
    scan("add experience dialog")
    page.keyboard.press("Escape")
    expect(page.get_by_role("dialog")).to_be_hidden()
    page.get_by_role("button", name=re.compile("^Delete ")).first.click()
    expect(page.get_by_role("alertdialog")).to_be_visible()
    scan("delete confirmation")
    page.get_by_role("button", name="Keep it").click()

    page.get_by_role("button", name=re.compile("^Edit ")).first.click()
    expect(page.get_by_role("dialog")).to_be_visible()
    scan("edit experience dialog")
    page.keyboard.press("Escape")

    _open(page, base_url, "/app/ai")
    page.get_by_role("button", name="Improve: Wrote the first program").click()
    expect(page.get_by_role("heading", name="Improve this bullet")).to_be_visible()
    scan("improve dialog")
    page.keyboard.press("Escape")

    _open(page, base_url, f"/app/cvs/{account['cv']}")
    for tab in ("Design", "Share"):
        page.get_by_role("tab", name=tab).click()
        expect(page.get_by_role("tab", name=tab)).to_have_attribute("aria-selected", "true")
        scan(f"CV editor, {tab} tab")
    assert not problems, json.dumps(problems, indent=1, ensure_ascii=False)
