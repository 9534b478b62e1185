"""The welcome wizard and the profile editor in the production build, driven like a person."""

from __future__ import annotations

import re
from pathlib import Path
from uuid import uuid4

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.e2e.accounts import api_client, sign_in, sign_up
from tests.e2e.conftest import _goto_connected

pytestmark = pytest.mark.e2e

PASSWORD = "correct horse battery staple"
# Sign-ups are limited per client address: API sign-ups of this module come from this one.
CLIENT_ADDRESS = "127.0.0.16"


def _on_page(page: Page, base_url: str, path: str) -> None:
    page.wait_for_url(re.compile(rf"^{re.escape(base_url)}{re.escape(path)}/?(\?.*)?$"))


def _register(page: Page, base_url: str) -> None:
    """Sign up through the form, as tests/e2e/test_auth_flow.py does; lands on /app."""
    page.goto(f"{base_url}/register")
    page.get_by_label("Full name").fill("Grace Hopper")
    page.get_by_label("Email").fill(f"grace-{uuid4().hex[:10]}@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_label("I have read and accept").check()
    page.get_by_role("button", name="Create account").click()
    _on_page(page, base_url, "/app")
    expect(page.get_by_role("heading", name="Welcome, Grace Hopper")).to_be_visible()


def _step(page: Page, number: int, heading: str) -> None:
    expect(page.get_by_text(f"Step {number} of 7")).to_be_visible()
    expect(page.get_by_role("heading", name=heading, exact=True)).to_be_visible()


def _open_dialog(page: Page, button: str) -> Locator:
    page.get_by_role("button", name=button).first.click()
    dialog = page.get_by_role("dialog")
    expect(dialog).to_be_visible()
    return dialog


def _save(dialog: Locator) -> None:
    dialog.get_by_role("button", name="Save", exact=True).click()
    expect(dialog).to_be_hidden()


def _add_bullets(dialog: Locator, *bullets: str) -> None:
    for text in bullets:
        dialog.get_by_label("New bullet").fill(text)
        dialog.get_by_label("New bullet").press("Enter")
        expect(dialog.get_by_role("textbox", name=re.compile(r"^Bullet \d+$")).last).to_have_value(
            text
        )


def _add_experience(
    page: Page,
    *,
    title: str,
    company: str,
    start: tuple[str, str],
    end: tuple[str, str] | None,
    bullets: tuple[str, ...],
    new_skill: str = "",
) -> None:
    dialog = _open_dialog(page, "Add experience")
    dialog.get_by_label("Job title").fill(title)
    dialog.get_by_label("Company", exact=True).fill(company)
    dialog.get_by_label("Start month").select_option(start[0])
    dialog.get_by_label("Start year").select_option(start[1])
    if end is None:
        present = dialog.get_by_role("checkbox", name="Present")
        present.click()  # controlled by the server: wait for its answer, not for the click
        expect(present).to_be_checked()
    else:
        dialog.get_by_label("End month").select_option(end[0])
        dialog.get_by_label("End year").select_option(end[1])
    _add_bullets(dialog, *bullets)
    if new_skill:
        dialog.get_by_label("New skill").fill(new_skill)
        dialog.get_by_label("New skill").press("Enter")
        expect(dialog.get_by_role("button", name=new_skill)).to_have_attribute(
            "aria-pressed", "true"
        )
    _save(dialog)


def _add_skill(page: Page, name: str, level: str) -> None:
    dialog = _open_dialog(page, "Add skill")
    dialog.get_by_label("Skill", exact=True).fill(name)
    dialog.get_by_label("Level").select_option(level)
    dialog.get_by_label("Skill", exact=True).press("Enter")  # Enter saves the form
    expect(dialog).to_be_hidden()


def _card(page: Page, section: str, title: str) -> Locator:
    cards = page.get_by_test_id(f"{section}-item")
    return cards.filter(has=page.get_by_role("heading", name=title, exact=True))


def _open_section(page: Page, name: str) -> None:
    """Click a section in the wide-screen section list (phones get tabs instead)."""
    sections = page.get_by_role("navigation", name="Profile sections")
    sections.get_by_role("button", name=re.compile(rf"^{name}")).click()
    expect(page.get_by_role("heading", name=name, exact=True)).to_be_visible()


def test_wizard_builds_a_profile_that_survives_a_reload(
    page: Page, base_url: str, console_errors: list[str], artifacts: Path
) -> None:
    _register(page, base_url)
    page.get_by_test_id("welcome-card").get_by_role("link", name="Start").click()
    _on_page(page, base_url, "/app/welcome")

    _step(page, 1, "Start from your CV")  # an empty profile is offered the import first
    page.get_by_role("button", name="Skip this step").click()
    _step(page, 2, "The basics")
    page.get_by_label("Headline").fill("Rear admiral of software")
    page.get_by_label("Summary").fill("I make computers speak English.")
    page.get_by_role("button", name="Save and continue").click()
    _step(page, 3, "Experience")
    expect(page.get_by_test_id("experiences-empty")).to_be_visible()

    page.reload()  # the wizard resumes at the step it was on
    _step(page, 3, "Experience")
    _add_experience(
        page,
        title="Compiler lead",
        company="Remington Rand",
        start=("03", "2020"),
        end=None,
        bullets=("Shipped the first compiler", "Wrote the A-0 manual"),
        new_skill="COBOL",
    )
    _add_experience(
        page,
        title="Programmer",
        company="Harvard",
        start=("07", "2015"),
        end=("02", "2020"),
        bullets=("Programmed the Mark I",),
    )
    expect(page.get_by_test_id("experiences-item")).to_have_count(2)
    page.screenshot(path=artifacts / "profile-wizard-experiences.png", full_page=True)
    page.get_by_role("button", name="Next").click()

    _step(page, 4, "Projects")
    dialog = _open_dialog(page, "Add project")
    dialog.get_by_label("Project name").fill("FLOW-MATIC")
    dialog.get_by_label("Description").fill("A business language for Remington Rand.")
    _add_bullets(dialog, "First English-like language")
    dialog.get_by_label("Client name").fill("Remington Rand")
    dialog.get_by_label("Shown as").fill("a typewriter maker")
    dialog.get_by_role("switch").click()
    expect(dialog.get_by_role("switch")).to_be_checked()
    expect(dialog.get_by_test_id("anonymized-preview")).to_contain_text(
        "A business language for a typewriter maker."
    )
    dialog.get_by_role("button", name="Compiler lead at Remington Rand").click()
    expect(dialog.get_by_role("button", name="Compiler lead at Remington Rand")).to_have_attribute(
        "aria-pressed", "true"
    )
    _save(dialog)
    expect(_card(page, "projects", "FLOW-MATIC")).to_contain_text(
        "Part of: Compiler lead at Remington Rand"
    )
    page.get_by_role("button", name="Next").click()

    _step(page, 5, "Skills")
    _add_skill(page, "Mathematics", "5")
    _add_skill(page, "Leadership", "4")
    expect(page.get_by_test_id("skills-item")).to_have_count(3)  # COBOL came with an experience
    page.get_by_role("button", name="Next").click()

    _step(page, 6, "Education & more")
    page.get_by_role("button", name="Next").click()
    _step(page, 7, "Review")
    expect(page.get_by_test_id("review-count-experiences")).to_have_text("2")
    expect(page.get_by_test_id("review-count-projects")).to_have_text("1")
    expect(page.get_by_test_id("review-count-skills")).to_have_text("3")
    page.get_by_role("button", name="Finish").click()
    _on_page(page, base_url, "/app/profile")

    page.reload()
    expect(page.get_by_role("heading", name="Basics", exact=True)).to_be_visible()
    expect(page.get_by_label("Headline")).to_have_value("Rear admiral of software")
    _open_section(page, "Experience")
    lead = _card(page, "experiences", "Compiler lead")
    expect(lead).to_contain_text("Mar 2020 – Present")
    expect(lead.get_by_role("listitem")).to_have_text(
        ["Shipped the first compiler", "Wrote the A-0 manual"]
    )
    expect(lead).to_contain_text("Projects: FLOW-MATIC")
    expect(_card(page, "experiences", "Programmer")).to_contain_text("Jul 2015 – Feb 2020")
    _open_section(page, "Projects")
    expect(_card(page, "projects", "FLOW-MATIC")).to_contain_text("Anonymized")
    _open_section(page, "Skills")
    expect(page.get_by_test_id("skills-item")).to_have_count(3)
    expect(_card(page, "skills", "COBOL")).to_contain_text(
        "Used in: Compiler lead at Remington Rand"
    )
    page.screenshot(path=artifacts / "profile-editor-skills.png", full_page=True)

    _open_section(page, "Experience")
    _card(page, "experiences", "Compiler lead").get_by_role("button", name="Edit").click()
    dialog = page.get_by_role("dialog")
    bullets = dialog.get_by_role("textbox", name=re.compile(r"^Bullet \d+$"))
    expect(bullets).to_have_count(2)
    dialog.get_by_role("button", name="Remove bullet 1").click()
    expect(bullets).to_have_count(1)
    removed = dialog.get_by_role("status").filter(has_text="Bullet removed")
    expect(removed).to_contain_text("Shipped the first compiler")
    dialog.get_by_role("button", name="Undo").click()
    expect(bullets).to_have_count(2)
    expect(bullets.first).to_have_value("Shipped the first compiler")
    _save(dialog)
    expect(page.get_by_text("Experience saved.")).to_be_visible()

    page.reload()
    _open_section(page, "Experience")
    expect(_card(page, "experiences", "Compiler lead").get_by_role("listitem")).to_have_text(
        ["Shipped the first compiler", "Wrote the A-0 manual"]
    )
    expect(page.get_by_text("Experience saved.")).to_have_count(0)  # said once, not again
    assert console_errors == []


def test_delete_asks_first_and_can_be_undone_on_a_phone(
    mobile_page: Page, base_url: str, console_errors: list[str], artifacts: Path
) -> None:
    page = mobile_page
    _register(page, base_url)
    page.goto(f"{base_url}/app/profile?section=languages")
    expect(page.get_by_test_id("languages-empty")).to_be_visible()
    for language in ("French", "English"):
        dialog = _open_dialog(page, "Add language")
        dialog.get_by_label("Language").fill(language)
        _save(dialog)
    expect(page.get_by_test_id("languages-item")).to_have_count(2)

    dialog = _open_dialog(page, "Add language")
    dialog.get_by_label("Language").fill("french")
    dialog.get_by_role("button", name="Save", exact=True).click()
    expect(dialog.get_by_text("'french' is already listed")).to_be_visible()  # inline message
    dialog.get_by_role("button", name="Cancel").click()

    page.get_by_role("button", name="Move English up").click()
    expect(page.get_by_test_id("languages-item").first).to_contain_text("English")

    page.get_by_role("button", name="Delete French").click()
    page.get_by_role("alertdialog").get_by_role("button", name="Delete").click()
    expect(page.get_by_test_id("languages-item")).to_have_count(1)
    undo = page.get_by_role("status").get_by_role("button", name="Undo")
    expect(undo).to_be_focused()  # the deleted item's buttons are gone: focus is on Undo
    undo.click()
    expect(page.get_by_test_id("languages-item")).to_have_text(
        [re.compile("English"), re.compile("French")]
    )
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    page.screenshot(path=artifacts / "profile-editor-languages-375.png", full_page=True)
    assert console_errors == []


def test_interests_and_references_are_saved_from_the_basics_form(
    page: Page, base_url: str, console_errors: list[str], artifacts: Path
) -> None:
    _register(page, base_url)
    page.goto(f"{base_url}/app/profile")
    expect(page.get_by_role("heading", name="Basics", exact=True)).to_be_visible()
    interests = page.get_by_role("group", name="Interests")
    references = page.get_by_role("group", name="References")
    reference = "Grace wrote the first compiler.\nHire her, without a doubt."
    for number, (name, keywords) in enumerate(
        [("Chess", "openings, endgames, Openings,"), ("Sailing", "dinghies")], start=1
    ):
        interests.get_by_role("button", name="Add an interest").click()
        interests.get_by_label(f"Name of interest {number}").fill(name)
        interests.get_by_label(f"Keywords of interest {number}").fill(keywords)
    references.get_by_role("button", name="Add a reference").click()
    references.get_by_label("Name of reference 1").fill("Howard Aiken")
    references.get_by_label("Text of reference 1").fill(reference)
    page.get_by_role("button", name="Save basics").click()
    expect(page.get_by_text("Basics saved.")).to_be_visible()

    page.reload()
    expect(interests.get_by_label("Name of interest 1")).to_have_value("Chess")
    expect(interests.get_by_label("Keywords of interest 1")).to_have_value("openings, endgames")
    expect(interests.get_by_label("Name of interest 2")).to_have_value("Sailing")
    expect(interests.get_by_label("Keywords of interest 2")).to_have_value("dinghies")
    expect(references.get_by_label("Name of reference 1")).to_have_value("Howard Aiken")
    expect(references.get_by_label("Text of reference 1")).to_have_value(reference)
    expect(page.get_by_text("Basics saved.")).to_have_count(0)  # a new visit, no old notice
    page.screenshot(path=artifacts / "profile-basics-interests.png", full_page=True)

    # Keywords without a name: a message under Interests; nothing typed is lost.
    page.get_by_label("Headline").fill("Rear admiral of software")
    interests.get_by_role("button", name="Add an interest").click()
    interests.get_by_label("Keywords of interest 3").fill("knitting")
    page.get_by_role("button", name="Save basics").click()
    expect(interests.get_by_role("alert")).to_have_text(
        "Interest 3 needs a name (or remove its keywords)."
    )
    expect(page.get_by_label("Headline")).to_have_value("Rear admiral of software")
    expect(interests.get_by_label("Keywords of interest 3")).to_have_value("knitting")
    expect(interests.get_by_label("Name of interest 1")).to_have_value("Chess")
    expect(references.get_by_label("Text of reference 1")).to_have_value(reference)

    interests.get_by_role("button", name="Remove interest 3").click()
    interests.get_by_role("button", name="Remove interest 1").click()
    expect(interests.get_by_label(re.compile(r"^Name of interest \d+$"))).to_have_count(1)
    page.get_by_role("button", name="Save basics").click()
    expect(page.get_by_text("Basics saved.")).to_be_visible()

    page.reload()
    expect(interests.get_by_label("Name of interest 1")).to_have_value("Sailing")
    expect(interests.get_by_label(re.compile(r"^Name of interest \d+$"))).to_have_count(1)
    expect(page.get_by_label("Headline")).to_have_value("Rear admiral of software")
    expect(references.get_by_label("Text of reference 1")).to_have_value(reference)

    response = page.request.get(f"{base_url}/api/v1/profiles/me")  # the browser's session
    assert response.status == 200, response.text()
    profile = response.json()
    assert profile["interests"] == [{"name": "Sailing", "keywords": ["dinghies"]}]
    assert profile["references"] == [{"name": "Howard Aiken", "reference": reference}]
    assert profile["headline"] == "Rear admiral of software"

    page.set_viewport_size({"width": 375, "height": 812})  # rows wrap on a phone
    expect(references.get_by_label("Text of reference 1")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    page.screenshot(path=artifacts / "profile-basics-interests-375.png", full_page=True)
    assert console_errors == []


CV_FILE = Path(__file__).resolve().parents[1] / "fixtures" / "cv_files" / "chromium-single.pdf"


def test_wizard_starts_from_the_cv_a_person_already_has(
    page: Page, base_url: str, console_errors: list[str], artifacts: Path
) -> None:
    """Issue #18: step 0 of the wizard takes a PDF made by another engine (Chromium), shows
    the preview, applies it, and the next steps show the profile filled."""
    with api_client(base_url, CLIENT_ADDRESS) as api:
        sign_up(api, "lucia@example.org", "Lucía Fernández")
    sign_in(page, base_url, "lucia@example.org", CLIENT_ADDRESS)
    _goto_connected(page, f"{base_url}/app/welcome")
    _step(page, 1, "Start from your CV")

    with page.expect_file_chooser() as chooser:
        page.get_by_test_id("import-dropzone").click()
    chooser.value.set_files([CV_FILE])
    card = page.get_by_test_id("import-file").filter(
        has=page.get_by_role("heading", name=CV_FILE.name, exact=True)
    )
    new_items = card.get_by_test_id("import-creates").get_by_test_id("import-row")
    expect(new_items.filter(has_text="Zalando SE")).to_be_visible(timeout=30_000)
    expect(new_items.filter(has_text="Technische Universität Berlin")).to_be_visible()
    page.screenshot(path=artifacts / "wizard-import-preview.png", full_page=True)
    card.get_by_role("button", name=f"Apply the import of {CV_FILE.name}").click()
    expect(card.get_by_role("status").filter(has_text="Imported:")).to_be_visible(timeout=30_000)

    page.get_by_role("button", name="Next").click()
    _step(page, 2, "The basics")
    expect(page.get_by_label("Headline")).to_have_value("Data Engineer")
    page.get_by_role("button", name="Next").click()
    _step(page, 3, "Experience")
    expect(page.get_by_test_id("experiences-item")).to_have_count(3)
    expect(_card(page, "experiences", "Senior Data Engineer")).to_contain_text("Sep 2023")
    assert console_errors == []


def test_the_last_wizard_step_creates_the_first_cv(
    page: Page, base_url: str, console_errors: list[str]
) -> None:
    """Issue #17 point 4: the review step offers a first CV for the headline's role and opens
    it in the CV editor with its preview."""
    with api_client(base_url, CLIENT_ADDRESS) as api:
        headers = sign_up(api, "hedy@example.org", "Hedy Lamarr")
        body = {"headline": "Radio engineer", "summary": "Frequency hopping."}
        assert api.patch("/profiles/me", json=body, headers=headers).status_code == 200
        job = {"company": "Hollywood", "title": "Inventor", "start_date": "1941-06"}
        assert api.post("/experiences", json=job, headers=headers).status_code == 201
    sign_in(page, base_url, "hedy@example.org", CLIENT_ADDRESS)
    _goto_connected(page, f"{base_url}/app/welcome")
    page.get_by_role("button", name=re.compile("Review")).click()
    _step(page, 7, "Review")
    first = page.get_by_test_id("first-cv")
    expect(first.get_by_label("Target role")).to_have_value("Radio engineer")
    first.get_by_role("button", name="Create CV").click()
    page.wait_for_url(re.compile(rf"^{re.escape(base_url)}/app/cvs/[0-9A-Z]+"))
    expect(page.locator("[data-testid=cv-preview-page]").first).to_be_visible(timeout=30_000)
    assert console_errors == []
