"""Hostile text in the Reflex UI (issue #10, point 4): every text field of the master profile,
a CV version and a share link holds an XSS payload from the hostile corpus
(``tests/fixtures/hostile/xss.txt``), and every page of the app that shows them is opened in
Chromium. The payloads must stay text: no dialog opens, nothing they would run sets
``window.__xss``, no element or attribute they carry reaches the DOM, and each payload is
shown literally (so the test does not pass just because nothing is shown).

Fields the UI does not show (the profile's address, link usernames, an experience's company
description, a project's type) are written but not looked for.

The corpus's ``alert(...)`` calls are rewritten to ``window.__xss=1,alert(...)``, so a payload
that runs leaves a mark even where a dialog would not open (a detached node, a sandbox).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import cycle
from typing import Any

import httpx
import pytest
from playwright.sync_api import Dialog, Locator, Page, expect
from playwright.sync_api import Error as PlaywrightError

from tests.e2e.accounts import api_client, sign_in, sign_up
from tests.e2e.conftest import _goto_connected, wait_until
from tests.hardening.hostile import lines

pytestmark = pytest.mark.e2e

# Sign-ups and logins are limited per client address: this module uses its own.
CLIENT_ADDRESS = "127.0.0.6"
EMAIL = "xss@example.org"
# Every corpus payload, its script also setting a flag the test reads back.
PAYLOADS = [line.replace("alert(", "window.__xss=1,alert(") for line in lines("xss.txt")]
# Short ones for short fields (a payload is never cut: a cut one proves less).
SHORT_PAYLOADS = ["<svg onload=__xss=1>", "<b>{{7*7}}</b>", "${7*7}<i>", '"><a x=">']

# What a payload would have become in the DOM. The app's own markup has none of these.
INJECTED = """() => {
    const found = [];
    const describe = (el) => "<" + el.tagName.toLowerCase() + " "
        + [...el.attributes].map((a) => a.name + "=" + JSON.stringify(a.value)).join(" ") + ">";
    for (const el of document.querySelectorAll("*")) {
        for (const attribute of el.attributes) {
            const name = attribute.name.toLowerCase();
            const value = attribute.value.trim().toLowerCase();
            if (name.startsWith("on")) found.push("handler: " + describe(el));
            if (["href", "src", "action", "formaction", "data", "xlink:href", "srcdoc"]
                    .includes(name)
                && (/^(javascript|vbscript|data):/.test(value) || value.includes("evil.example")))
                found.push("url: " + describe(el));
        }
    }
    const selectors = [
        "img[src='x']", "iframe", "object", "embed", "base", "meta[http-equiv]", "math",
        "details[ontoggle]", "form[action]", "mglyph", "mtext",
    ];
    for (const selector of selectors)
        for (const el of document.querySelectorAll(selector))
            found.push("element: " + describe(el));
    for (const el of document.querySelectorAll("script, style"))
        if (/__xss|xss-\\d+/.test(el.textContent || "")) found.push("code: " + describe(el));
    return found;
}"""
# Everything a person can read on the page: its text and the values of its form fields.
SHOWN = """() => [document.body.innerText,
    ...[...document.querySelectorAll("input, textarea")].map((el) => el.value)].join("\\n")"""


@dataclass
class Written:
    """What the account holds: each field's value by a tag naming the field."""

    values: dict[str, str] = field(default_factory=dict)
    cv_id: str = ""
    ids: dict[str, str] = field(default_factory=dict)

    def __getitem__(self, tag: str) -> str:
        return self.values[tag]


class _Values:
    """Hands out corpus payloads (in turn), each marked with the field it goes to."""

    def __init__(self, written: Written) -> None:
        self._long: Iterator[str] = cycle(PAYLOADS)
        self._short: Iterator[str] = cycle(SHORT_PAYLOADS)
        self._written = written

    def __call__(self, tag: str, limit: int = 200) -> str:
        suffix = f" #{tag}"
        source = self._long if limit >= 100 else self._short
        for _ in range(len(PAYLOADS) * 2):
            payload = next(source)
            if len(payload) + len(suffix) <= limit:
                value = payload + suffix
                self._written.values[tag] = value
                return value
        raise AssertionError(f"no payload fits {limit} characters for {tag}")


def _write(api: httpx.Client, method: str, path: str, body: Any, headers: dict[str, str]) -> Any:
    response = api.request(method, path, json=body, headers=headers)
    assert response.status_code in (200, 201), (method, path, response.text)
    return response.json()


@pytest.fixture(scope="module")
def written(base_url: str) -> Written:
    """An account whose every free-text field holds a payload, written through the API."""
    out = Written()
    v = _Values(out)
    with api_client(base_url, CLIENT_ADDRESS) as api:
        auth = sign_up(api, EMAIL, v("account-name"))
        # A javascript: URL where the API takes a URL: refused (http/https only), so the
        # URL fields carry payloads in their query instead.
        refused = api.patch(
            "/profiles/me", json={"website": "javascript:window.__xss=1"}, headers=auth
        )
        assert refused.status_code == 422, refused.text
        query = "https://example.org/?q=%3Cscript%3Ewindow.__xss=1%3C/script%3E"
        profile = {
            "full_name": v("full-name"),
            "headline": v("headline"),
            "summary": v("summary", 10_000),
            "location": {
                "address": v("address"),
                "city": v("city", 100),
                "region": v("region", 100),
            },
            "links": [{"network": v("network", 64), "username": v("username", 100), "url": query}],
            "website": query,
            "interests": [{"name": v("interest"), "keywords": [v("interest-keyword", 100)]}],
            "references": [{"name": v("reference-name"), "reference": v("reference", 10_000)}],
        }
        _write(api, "PATCH", "/profiles/me", profile, auth)
        experience = {
            "company": v("company"),
            "title": v("job-title"),
            "company_description": v("company-description"),
            "location": v("job-location", 100),
            "employment_type": v("employment-type", 32),
            "url": query,
            "start_date": "2020-03",
            "description": v("job-description", 10_000),
            "responsibilities": [v("bullet-1", 2_000), v("bullet-2", 2_000)],
        }
        out.ids["experience"] = _write(api, "POST", "/experiences", experience, auth)["id"]
        skill = {"name": v("skill", 100), "category": v("skill-category", 100)}
        skill["keywords"] = [v("skill-keyword", 100)]
        _write(api, "POST", "/skills", skill, auth)
        open_project = {
            "name": v("project"),
            "description": v("project-description", 10_000),
            "role": v("project-role"),
            "entity": v("project-entity"),
            "type": v("project-type", 100),
            "url": query,
            "highlights": [v("project-highlight", 2_000)],
            "keywords": [v("project-keyword", 100)],
            "client_name": v("client-name"),
            "anonymize": False,
        }
        out.ids["project"] = _write(api, "POST", "/projects", open_project, auth)["id"]
        hidden_client = {
            "name": v("anonymized-project"),
            "client_name": v("secret-client"),
            "client_alias": v("client-alias"),
            "anonymize": True,
            "sensitive_terms": [v("sensitive-term", 100)],
        }
        _write(api, "POST", "/projects", hidden_client, auth)
        education = {
            "institution": v("institution"),
            "area": v("area"),
            "study_type": v("study-type", 100),
            "score": v("score", 32),
            "courses": [v("course", 200)],
            "location": v("education-location", 100),
            "url": query,
        }
        _write(api, "POST", "/education", education, auth)
        sections = [
            (
                "/certifications",
                {
                    "name": v("certification"),
                    "issuer": v("issuer"),
                    "credential_id": v("credential", 100),
                },
            ),
            (
                "/achievements",
                {"title": v("achievement"), "awarder": v("awarder"), "summary": v("ach-summary")},
            ),
            ("/languages", {"language": v("language", 100), "fluency": v("fluency", 50)}),
            (
                "/publications",
                {
                    "name": v("publication"),
                    "publisher": v("publisher"),
                    "summary": v("pub-summary"),
                },
            ),
            (
                "/volunteering",
                {
                    "organization": v("organization"),
                    "position": v("position"),
                    "summary": v("vol-summary"),
                    "highlights": [v("vol-highlight", 2_000)],
                },
            ),
        ]
        for path, data in sections:
            _write(api, "POST", path, data, auth)

        cv = {
            "name": v("cv-name", 100),
            "target_role": v("target-role"),
            "summary_override": v("summary-override", 10_000),
        }
        created = _write(api, "POST", "/cvs", cv, auth)
        out.cv_id = created["id"]
        items = {
            "experiences": [
                {
                    "id": out.ids["experience"],
                    "overrides": {
                        "title": v("title-override", 5_000),
                        "responsibilities.0": v("bullet-override", 5_000),
                    },
                }
            ]
        }
        section_titles = [{"key": "experiences", "title": v("section-title", 100)}]
        change = {**cv, "items": items, "sections": section_titles}
        _write(api, "PATCH", f"/cvs/{out.cv_id}", change, auth)
        label = {"label": v("share-label", 100)}
        _write(api, "POST", f"/cvs/{out.cv_id}/share-links", label, auth)
    return out


def _sign_in_to(page: Page, base_url: str) -> None:
    """Sign in through the API from this module's address; hand the browser the cookies."""
    sign_in(page, base_url, EMAIL, CLIENT_ADDRESS)


@pytest.fixture
def dialogs(page: Page) -> list[str]:
    """Every JS dialog (alert, confirm, prompt) a page opened; each is dismissed."""
    opened: list[str] = []

    def on_dialog(dialog: Dialog) -> None:
        opened.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    page.on("dialog", on_dialog)
    return opened


def _check(page: Page, dialogs: list[str], written: Written, tags: list[str], where: str) -> None:
    """``where`` shows the values of ``tags`` literally and nothing in them ran or became
    markup."""
    expected = {tag: written[tag] for tag in [*tags, "account-name"]}  # the account menu
    missing: list[str] = list(expected)

    def all_shown() -> bool:
        nonlocal missing
        shown = str(page.evaluate(SHOWN))
        missing = [tag for tag, value in expected.items() if value not in shown]
        return not missing

    try:
        try:
            wait_until(all_shown, timeout=20, interval=0.25, what=where)
        except TimeoutError:
            pass
        page.wait_for_timeout(300)  # an injected handler (onerror, onload…) would have run
        problems = {
            "not shown literally": [expected[tag] for tag in missing],
            "became markup": page.evaluate(INJECTED),
            "ran (window.__xss set)": page.evaluate("() => window.__xss") is not None,
            "opened dialogs": list(dialogs),
        }
    except PlaywrightError as exc:  # e.g. an injected <meta http-equiv=refresh> navigated
        pytest.fail(f"{where}: the page navigated away or broke ({page.url}): {exc}")
    found = {what: detail for what, detail in problems.items() if detail}
    assert not found, f"{where}: user text {found}"


def _open_page(page: Page, base_url: str, path: str) -> None:
    _goto_connected(page, f"{base_url}{path}")
    route, _, query = path.partition("?")
    query = re.escape(f"?{query}") if query else ""
    page.wait_for_url(re.compile(rf"^{re.escape(base_url)}{re.escape(route)}/?{query}$"))


def _edit_dialog(page: Page, index: int = 0) -> Locator:
    page.get_by_role("button", name=re.compile("^Edit ")).nth(index).click()
    dialog = page.get_by_role("dialog")
    expect(dialog).to_be_visible()
    return dialog


def _close(page: Page, dialog: Locator) -> None:
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()


# The profile editor's tabs (``?section=``) and the values each tab's cards show.
PROFILE_TABS = {
    "experiences": [
        "job-title", "company", "job-location", "employment-type", "job-description",
        "bullet-1", "bullet-2",
    ],
    "projects": [
        "project", "project-role", "client-name", "project-description", "project-highlight",
        "anonymized-project", "secret-client", "client-alias",
    ],
    "skills": ["skill", "skill-category", "skill-keyword"],
    "education": ["institution", "area", "study-type", "education-location", "score", "course"],
    "certifications": ["certification", "issuer", "credential"],
    "achievements": ["achievement", "awarder", "ach-summary"],
    "languages": ["language", "fluency"],
    "publications": ["publication", "publisher", "pub-summary"],
    "volunteering": ["position", "organization", "vol-summary", "vol-highlight"],
}  # fmt: skip


def test_profile_editor(page: Page, base_url: str, written: Written, dialogs: list[str]) -> None:
    _sign_in_to(page, base_url)
    _open_page(page, base_url, "/app/profile")
    basics = [
        "full-name", "headline", "summary", "city", "region", "network",
        "interest", "interest-keyword", "reference-name", "reference",
    ]  # fmt: skip
    _check(page, dialogs, written, basics, "profile basics")
    for key, tags in PROFILE_TABS.items():
        _open_page(page, base_url, f"/app/profile?section={key}")
        _check(page, dialogs, written, tags, f"profile {key}")
        if key == "experiences":
            dialog = _edit_dialog(page)
            _check(page, dialogs, written, tags, "experience form")
            _close(page, dialog)
        if key == "projects":
            dialog = _edit_dialog(page, 0)
            more = ["project-entity", "project-keyword"]
            _check(page, dialogs, written, more, "project form")
            _close(page, dialog)
            dialog = _edit_dialog(page, 1)
            hidden = ["secret-client", "client-alias", "sensitive-term"]
            _check(page, dialogs, written, hidden, "anonymized project form")
            _close(page, dialog)


# The CV editor's sections, as its "Open …" buttons name them, and what each lists.
CV_SECTIONS = {
    "Summary": ["summary-override"],
    "Projects": ["project", "anonymized-project"],
    "Skills": ["skill"],
    "Education": ["study-type", "institution"],
    "Certifications": ["certification"],
    "Publications": ["publication"],
    "Awards": ["achievement"],
    "Volunteering": ["organization"],
    "Languages": ["language"],
    "Interests": [],  # the profile's interests are not listed in the editor
}


def test_cv_list_editor_and_share_links(
    page: Page, base_url: str, written: Written, dialogs: list[str]
) -> None:
    _sign_in_to(page, base_url)
    _open_page(page, base_url, "/app/cvs")
    _check(page, dialogs, written, ["cv-name", "target-role"], "CV list")

    _open_page(page, base_url, f"/app/cvs/{written.cv_id}")
    own = ["cv-name", "target-role", "section-title"]
    _check(page, dialogs, written, [*own, "job-title", "company"], "CV editor")
    page.get_by_role("button", name=re.compile("^Rewrite texts of")).first.click()
    _check(page, dialogs, written, ["title-override", "bullet-override"], "CV rewrites")
    for name, tags in CV_SECTIONS.items():
        page.get_by_role("button", name=f"Open {name}").click()
        _check(page, dialogs, written, [*own, *tags], f"CV editor {name}")
    page.get_by_role("tab", name="Design").click()
    heading = ["cv-name", "target-role"]
    _check(page, dialogs, written, heading, "CV design")
    page.get_by_role("tab", name="Share").click()
    _check(page, dialogs, written, [*heading, "share-label"], "CV share links")


def test_dashboard_public_profile_ai_and_settings(
    page: Page, base_url: str, written: Written, dialogs: list[str]
) -> None:
    _sign_in_to(page, base_url)
    _open_page(page, base_url, "/app")
    _check(page, dialogs, written, [], "dashboard")
    _open_page(page, base_url, "/app/public-profile")
    _check(page, dialogs, written, ["cv-name"], "public profile settings")
    _open_page(page, base_url, "/app/ai")
    improvable = [
        "summary", "job-title", "company", "bullet-1", "bullet-2", "project",
        "project-highlight", "organization", "vol-highlight",
    ]  # fmt: skip
    _check(page, dialogs, written, improvable, "AI: improve text")
    page.get_by_role("button", name=f"Improve: {written['bullet-1']}").click()
    _check(page, dialogs, written, ["bullet-1"], "AI: improve a bullet")
    _open_page(page, base_url, "/app/ai/gap-analysis")
    _check(page, dialogs, written, ["cv-name"], "AI: gap analysis")
    _open_page(page, base_url, "/app/ai/summary")
    page.get_by_role("button", name="Generate summary").click()
    _check(page, dialogs, written, ["job-title"], "AI: summary")
    for path in ("/app/ai/skills", "/app/welcome", "/app/import", "/app/settings"):
        _open_page(page, base_url, path)
        _check(page, dialogs, written, [], path)
