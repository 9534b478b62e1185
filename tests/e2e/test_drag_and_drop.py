"""Drag and drop in the production build: a CV section and a CV item dragged with the mouse
and moved with the keyboard (Space, ArrowDown, Space), a profile bullet dragged in the item
form, application cards moved to "Applied" by mouse and by keyboard, a profile item dragged
by touch on a phone; each order survives a reload and is what the API answers. The pages
with the sortable lists pass axe on a desktop and a phone."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from playwright.sync_api import Browser, Locator, Page, expect

from tests.e2e.accounts import api_client, log_in, sign_in, sign_up, status_column
from tests.e2e.conftest import ARTIFACTS, _goto_connected
from tests.e2e.test_accessibility import AXE, VIEWPORTS, _violations

pytestmark = pytest.mark.e2e
CLIENT_ADDRESS = "127.0.0.25"
EMAIL = "dnd-e2e@example.org"
# The CV editor's sections, top to bottom, by the name on their card.
SECTION_NAMES = """() => [...document.querySelectorAll("[data-testid=cv-section]")].map(
    e => e.querySelector("button[aria-expanded]").innerText.split("\\n")[0])"""
BULLETS = [
    "Leitete die Migration von 40 Diensten auf Kubernetes",
    "Réduit le temps de build de 38 %",
    "把发布周期从两周缩短到两天",
]


@pytest.fixture(scope="module")
def account(base_url: str) -> dict[str, str]:
    """A profile with three jobs (one with bullets in three languages), a CV and two jobs on
    the wishlist; the ids the tests need."""
    with api_client(base_url, CLIENT_ADDRESS) as api:
        auth = sign_up(api, EMAIL, "Søren Kierkegaard-Łukasiewicz")
        ids: dict[str, str] = {}
        jobs = [
            ("Plattform-Architekt", "Nordlicht GmbH", "2021-04", BULLETS),
            ("Ingénieur logiciel", "Société Générale d'Exemple", "2017-09", ["Écrit l'API"]),
            ("ソフトウェアエンジニア", "株式会社サンプル", "2014-01", []),
        ]
        for title, company, start, bullets in jobs:
            body = {"title": title, "company": company, "start_date": start}
            made = api.post(
                "/experiences", json={**body, "responsibilities": bullets}, headers=auth
            )
            assert made.status_code == 201, made.text
            ids.setdefault("experience", made.json()["id"])
        for name in ("Python", "Go"):
            assert api.post("/skills", json={"name": name}, headers=auth).status_code == 201
        cv = api.post("/cvs", json={"target_role": "Staff engineer"}, headers=auth)
        assert cv.status_code == 201, cv.text
        ids["cv"] = cv.json()["id"]
        job = {"company": "Zürcher Kantonalbank", "role": "Platform Lead", "status": "wishlist"}
        made = api.post("/applications", json=job, headers=auth)
        assert made.status_code == 201, made.text
        ids["application"] = made.json()["id"]
        job = {"company": "Helsingin kaupunki", "role": "Data-insinööri", "status": "wishlist"}
        assert api.post("/applications", json=job, headers=auth).status_code == 201
    return ids


@pytest.fixture
def api(base_url: str) -> Iterator[tuple[httpx.Client, dict[str, str]]]:
    with api_client(base_url, CLIENT_ADDRESS) as client:
        yield client, log_in(client, EMAIL)


def _open(page: Page, base_url: str, path: str) -> None:
    sign_in(page, base_url, EMAIL, CLIENT_ADDRESS)
    _goto_connected(page, f"{base_url}{path}")
    page.wait_for_url(re.compile(rf"^{re.escape(base_url)}{re.escape(path.split('?')[0])}"))


def _drag(
    page: Page, handle: Locator, target: Locator, *, until: str, sideways: bool = False
) -> None:
    """Press on ``handle`` and move in small steps to the height of ``target``'s middle (and
    to its middle when ``sideways``): dnd-kit starts a drag after a few pixels and follows
    every pointer move. Let go once the screen reader hears ``until`` ("… is now at
    position 2 of 12"): where the row would land."""
    handle.scroll_into_view_if_needed()
    grip = handle.bounding_box()
    goal = target.bounding_box()
    assert grip is not None and goal is not None
    x, y = grip["x"] + grip["width"] / 2, grip["y"] + grip["height"] / 2
    to_y = min(goal["y"] + goal["height"] / 2, page.viewport_size["height"] - 10)  # type: ignore[index]
    to_x = goal["x"] + goal["width"] / 2 if sideways else x
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x, y + (8 if to_y > y else -8), steps=4)
    page.mouse.move(to_x, to_y, steps=20)
    page.mouse.move(to_x, to_y + 1, steps=2)
    try:
        _hear(page, until)
    finally:
        page.mouse.up()


def _hear(page: Page, words: str) -> None:
    """The screen reader hears ``words`` (a dnd-kit announcement); else say what it heard."""
    try:
        expect(page.get_by_role("status").filter(has_text=words)).to_have_count(1)
    except AssertionError:
        said = page.locator("[role=status]").all_text_contents()
        page.screenshot(path=ARTIFACTS / "dnd-not-heard.png")
        raise AssertionError(f"expected to hear {words!r}, heard {said}") from None


def _lift(page: Page, handle: Locator) -> None:
    """Lift a row from the keyboard: Space on its focused handle. dnd-kit's keyboard sensor
    starts listening for the arrow keys in a timer of its own: let that timer run first."""
    handle.focus()
    page.keyboard.press("Space")
    page.evaluate("() => new Promise((done) => setTimeout(done, 0))")


def _section_names(page: Page) -> list[str]:
    return [str(name) for name in page.evaluate(SECTION_NAMES)]


def _cv_sections(api: tuple[httpx.Client, dict[str, str]], cv_id: str) -> list[str]:
    client, auth = api
    cv = client.get(f"/cvs/{cv_id}", headers=auth).json()
    return [s["key"] for s in sorted(cv["sections"], key=lambda s: s["order"])]


def test_drag_a_cv_section_and_an_item_then_move_one_by_keyboard(
    page: Page,
    base_url: str,
    account: dict[str, str],
    api: tuple[httpx.Client, dict[str, str]],
    console_errors: list[str],
    artifacts: Path,
) -> None:
    _open(page, base_url, f"/app/cvs/{account['cv']}")
    sections = page.get_by_test_id("cv-section")
    expect(sections.first).to_be_visible()
    before = _section_names(page)
    assert before[:4] == ["Summary", "Experience", "Projects", "Skills"]

    # The sections closed (Experience opens first), so that all of them fit on the screen.
    page.get_by_role("button", name="Close Experience").click()
    expect(page.get_by_test_id("cv-item")).to_have_count(0)

    # The mouse: Skills goes above Experience.
    skills = page.get_by_role("button", name="Drag to reorder Skills")
    _drag(page, skills, sections.nth(1), until="Skills is now at position 2 of 12")
    expected = ["Summary", "Skills", "Experience", "Projects", *before[4:]]
    expect(sections.first).to_be_visible()
    page.wait_for_function(
        f"names => ({SECTION_NAMES})().join('|') === names", arg="|".join(expected)
    )
    assert _cv_sections(api, account["cv"])[:4] == [
        "summary",
        "skills",
        "experiences",
        "projects",
    ]

    # The keyboard: focus Summary's handle, lift it, one down, drop.
    _lift(page, page.get_by_role("button", name="Drag to reorder Summary"))
    expect(page.get_by_test_id("cv-section").first.locator("..")).to_have_attribute(
        "data-dragging", "true"
    )
    page.keyboard.press("ArrowDown")
    # Each step is announced to screen readers in the row's words.
    _hear(page, "Summary is now at position 2 of 12")
    page.keyboard.press("Space")
    expected = ["Skills", "Summary", "Experience", "Projects", *before[4:]]
    page.wait_for_function(
        f"names => ({SECTION_NAMES})().join('|') === names", arg="|".join(expected)
    )
    expect(page.get_by_role("status").filter(has_text="Dropped Summary")).to_have_count(1)

    # An item in the open section (Experience): the oldest job dragged to the top.
    page.get_by_role("button", name="Open Experience").click()
    items = page.get_by_test_id("cv-item")
    expect(items).to_have_count(3)
    _drag(
        page,
        page.get_by_role("button", name=re.compile("^Drag to reorder ソフトウェアエンジニア")),
        items.first,
        until="is now at position 1 of 3",
    )
    expect(items.first).to_contain_text("ソフトウェアエンジニア")
    page.screenshot(path=artifacts / "dnd-cv-editor.png", full_page=True)

    page.reload()
    expect(page.get_by_test_id("cv-section").first).to_be_visible()
    assert _section_names(page)[:4] == ["Skills", "Summary", "Experience", "Projects"]
    expect(page.get_by_test_id("cv-item").first).to_contain_text("ソフトウェアエンジニア")
    client, auth = api
    history = client.get(f"/cvs/{account['cv']}/history", headers=auth).json()
    assert len(history["data"]) >= 2  # created, then the moves
    assert console_errors == []


def test_drag_a_bullet_in_the_profile_item_form(
    page: Page,
    base_url: str,
    account: dict[str, str],
    api: tuple[httpx.Client, dict[str, str]],
    console_errors: list[str],
) -> None:
    _open(page, base_url, "/app/profile?section=experiences")
    card = page.get_by_test_id("experiences-item").filter(has_text="Plattform-Architekt")
    card.get_by_role("button", name=re.compile("^Edit ")).click()
    dialog = page.get_by_role("dialog")
    expect(dialog).to_be_visible()
    rows = dialog.get_by_test_id("bullet-row")
    expect(rows).to_have_count(3)
    # Where the rows are is measured when the drag starts: not while the dialog still grows.
    dialog.evaluate("el => Promise.all(el.getAnimations({subtree: true}).map(a => a.finished))")

    # The Chinese bullet (third) goes first.
    third = dialog.get_by_role("button", name="Drag to reorder bullet 3")
    _drag(page, third, rows.first, until="bullet 3 is now at position 1 of 3")
    boxes = dialog.get_by_role("textbox", name=re.compile(r"^Bullet \d$"))
    expected = [BULLETS[2], BULLETS[0], BULLETS[1]]
    for index, text in enumerate(expected):
        expect(boxes.nth(index)).to_have_value(text)
    dialog.get_by_role("button", name="Save", exact=True).click()
    expect(dialog).to_be_hidden()

    page.reload()
    card = page.get_by_test_id("experiences-item").filter(has_text="Plattform-Architekt")
    expect(card.get_by_role("listitem")).to_have_text(expected)
    client, auth = api
    saved = client.get(f"/experiences/{account['experience']}", headers=auth).json()
    assert saved["responsibilities"] == expected
    assert console_errors == []


def test_move_application_cards_to_applied_by_drag_and_by_keyboard(
    page: Page,
    base_url: str,
    account: dict[str, str],
    api: tuple[httpx.Client, dict[str, str]],
    console_errors: list[str],
) -> None:
    _open(page, base_url, "/app/applications")
    wishlist = status_column(page, "wishlist")
    applied = status_column(page, "applied")
    expect(wishlist.get_by_test_id("application-card")).to_have_count(2)

    handle = page.get_by_role("button", name="Drag to move Zürcher Kantonalbank – Platform Lead")
    _drag(page, handle, applied, until="Platform Lead is over Applied", sideways=True)
    expect(applied.get_by_test_id("application-card")).to_have_count(1)
    expect(wishlist.get_by_test_id("application-card")).to_have_count(1)
    expect(page.get_by_role("status").filter(has_text="Moved Zürcher Kantonalbank")).to_be_visible()

    # The keyboard: lift the other card, one column to the right, drop.
    _lift(page, page.get_by_role("button", name="Drag to move Helsingin kaupunki – Data-insinööri"))
    expect(page.locator("[data-dragging=true]")).to_contain_text("Data-insinööri")
    page.keyboard.press("ArrowRight")
    _hear(page, "Data-insinööri is over Applied")
    page.keyboard.press("Space")
    expect(applied.get_by_test_id("application-card")).to_have_count(2)
    expect(wishlist.get_by_test_id("application-card")).to_have_count(0)

    page.reload()
    expect(applied.get_by_test_id("application-card")).to_have_count(2)
    client, auth = api
    timeline = client.get(f"/applications/{account['application']}/timeline", headers=auth)
    assert [(e["from_status"], e["to_status"]) for e in timeline.json()][-1] == (
        "wishlist",
        "applied",
    )
    assert console_errors == []


def _touch_drag(page: Page, handle: Locator, target: Locator) -> None:
    """A finger on ``handle`` moved to the middle of ``target`` (Chromium turns the touches
    into the pointer events dnd-kit follows)."""
    handle.scroll_into_view_if_needed()
    grip, goal = handle.bounding_box(), target.bounding_box()
    assert grip is not None and goal is not None
    x, y = grip["x"] + grip["width"] / 2, grip["y"] + grip["height"] / 2
    to_y = max(goal["y"] + goal["height"] / 2, 10)
    cdp = page.context.new_cdp_session(page)
    cdp.send("Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": [{"x": x, "y": y}]})
    for step in range(1, 21):
        point = {"x": x, "y": y + (to_y - y) * step / 20}
        cdp.send("Input.dispatchTouchEvent", {"type": "touchMove", "touchPoints": [point]})
    cdp.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})


def test_drag_a_profile_item_by_touch_on_a_phone(
    mobile_page: Page,
    base_url: str,
    account: dict[str, str],
    api: tuple[httpx.Client, dict[str, str]],
    console_errors: list[str],
) -> None:
    page = mobile_page
    _open(page, base_url, "/app/profile?section=experiences")
    cards = page.get_by_test_id("experiences-item")
    expect(cards).to_have_count(3)
    titles = [str(t) for t in cards.get_by_role("heading").all_inner_texts()]
    last = titles[-1]

    # A tap on a button inside a card is still a tap: the form opens.
    cards.last.get_by_role("button", name=f"Edit {last}").tap()
    dialog = page.get_by_role("dialog")
    expect(dialog).to_be_visible()
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()

    _touch_drag(page, page.get_by_role("button", name=f"Drag to reorder {last}"), cards.first)
    expected = [last, *titles[:-1]]
    expect(cards.get_by_role("heading")).to_have_text(expected)

    page.reload()
    expect(page.get_by_test_id("experiences-item").get_by_role("heading")).to_have_text(expected)
    client, auth = api
    saved = client.get("/experiences", headers=auth).json()["data"]
    assert [item["title"] for item in saved] == expected
    assert console_errors == []


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_the_sortable_pages_pass_axe(
    browser: Browser, base_url: str, account: dict[str, str], viewport: str
) -> None:
    assert AXE.is_file(), f"axe-core is missing ({AXE}): run make test"
    context = browser.new_context(viewport=VIEWPORTS[viewport], bypass_csp=True)
    page = context.new_page()
    problems: dict[str, Any] = {}
    try:
        sign_in(page, base_url, EMAIL, CLIENT_ADDRESS)
        paths = [
            f"/app/cvs/{account['cv']}",
            "/app/applications",
            "/app/profile?section=experiences",
        ]
        for path in paths:
            _goto_connected(page, f"{base_url}{path}")
            expect(page.get_by_test_id("drag-handle").first).to_be_visible()
            page.wait_for_load_state("networkidle")
            found = _violations(page)
            if found:
                problems[path] = found
        # And with the item form open on the profile page (the bullets' handles).
        page.get_by_role("button", name="Edit Plattform-Architekt").click()
        expect(page.get_by_role("dialog").get_by_test_id("drag-handle").first).to_be_visible()
        found = _violations(page)
        if found:
            problems["item form"] = found
    finally:
        context.close()
    assert not problems, problems
