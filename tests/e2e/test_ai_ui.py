"""The AI assistant in the production build: improve a bullet, see the diff, accept, undo."""

from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.accounts import api_client, sign_in, sign_up
from tests.e2e.conftest import _goto_connected, wait_until
from tests.e2e.test_auth_flow import _log_in, _on_page

pytestmark = pytest.mark.e2e

BULLET = "Was responsible for utilizing Python in order to build a lot of data pipelines"
IMPROVED = "Used Python to build many data pipelines"  # the offline rules, past tense
# Sign-ups are limited per client address (5 an hour) and the other e2e modules sign up from
# 127.0.0.1: this module's account comes from another loopback address.
CLIENT_ADDRESS = "127.0.0.2"


@pytest.fixture(scope="module")
def experience(base_url: str) -> tuple[str, str]:
    """An account (its address) with one past experience holding ``BULLET``, and its id."""
    email = "ai-assistant@example.org"
    with api_client(base_url, CLIENT_ADDRESS) as api:
        auth = sign_up(api, email, "Grace Hopper")
        item = {
            "company": "Acme",
            "title": "Data engineer",
            "start_date": "2019-03",
            "end_date": "2023-06",
            "responsibilities": [BULLET, "Mentored five engineers"],
        }
        created = api.post("/experiences", json=item, headers=auth)
        assert created.status_code == 201, created.text
    return email, created.json()["id"]


def _stored_bullet(database: Path, experience_id: str) -> str:
    with sqlite3.connect(database) as db:
        (raw,) = db.execute(
            "SELECT responsibilities FROM experiences WHERE id = ?", (experience_id,)
        ).fetchone()
    return str(json.loads(raw)[0])


def test_improve_a_bullet_accept_and_undo(
    page: Page,
    base_url: str,
    experience: tuple[str, str],
    server_data_dir: Path,
    console_errors: list[str],
    artifacts: Path,
) -> None:
    email, experience_id = experience
    database = server_data_dir / "cvapp.db"
    page.goto(f"{base_url}/app/ai")
    _on_page(page, base_url, "/login")
    _log_in(page, email)
    _on_page(page, base_url, "/app/ai")

    improve = page.get_by_role("button", name=f"Improve: {BULLET}")
    improve.focus()
    page.keyboard.press("Enter")
    dialog = page.get_by_role("dialog")
    expect(dialog.get_by_role("heading", name="Improve this bullet")).to_be_visible()
    original = dialog.get_by_role("group", name="Original")
    suggestion = dialog.get_by_role("group", name="Suggestion")
    expect(original.locator("del")).to_have_text(
        ["Was responsible for utilizing", " in order", "a lot of"]
    )
    expect(suggestion.locator("ins")).to_have_text(["Used", "many"])
    expect(suggestion).to_contain_text(IMPROVED)
    page.screenshot(path=artifacts / "ai-improve-diff.png")

    dialog.get_by_role("button", name="Accept").click()
    expect(dialog.get_by_role("status").filter(has_text="Saved.")).to_be_visible()
    wait_until(
        lambda: _stored_bullet(database, experience_id) == IMPROVED,
        timeout=10,
        what="the accepted bullet in the database",
    )
    expect(page.locator("main").get_by_text(IMPROVED, exact=True)).to_be_visible()

    dialog.get_by_role("button", name="Undo").click()
    expect(dialog.get_by_role("status").filter(has_text="The original is back.")).to_be_visible()
    wait_until(
        lambda: _stored_bullet(database, experience_id) == BULLET,
        timeout=10,
        what="the original bullet back in the database",
    )
    page.keyboard.press("Escape")
    expect(dialog).to_have_count(0)
    expect(improve).to_be_focused()

    page.reload()
    expect(improve).to_be_visible()
    expect(page.get_by_text(IMPROVED, exact=True)).to_have_count(0)
    assert console_errors == []


def test_skills_summary_and_gap_analysis_answer_in_the_page(
    page: Page, base_url: str, experience: tuple[str, str], console_errors: list[str]
) -> None:
    """The three assistant pages that ask in the background (one shared runner, issue #16
    point 2) show their answers: skills for a role, a summary, a gap analysis."""
    email, _ = experience
    sign_in(page, base_url, email, CLIENT_ADDRESS)

    _goto_connected(page, f"{base_url}/app/ai/skills")
    page.get_by_label("Target role").fill("Data engineer")
    page.get_by_role("button", name="Suggest skills").click()
    expect(
        page.get_by_role("button", name=re.compile(r"^Add .+ to your skills$")).first
    ).to_be_visible(timeout=30_000)

    _goto_connected(page, f"{base_url}/app/ai/summary")
    page.get_by_role("button", name="Generate summary").click()
    expect(page.get_by_role("button", name="Use this summary")).to_be_visible(timeout=30_000)

    _goto_connected(page, f"{base_url}/app/ai/gap-analysis")
    page.get_by_label("Job advert").fill(
        "Senior Data Engineer. Requirements: 5+ years with Python and SQL, Kafka or Spark, "
        "experience mentoring engineers. Nice to have: Airflow."
    )
    page.get_by_role("button", name="Analyse").click()
    expect(page.get_by_role("heading", name=re.compile("^Matched"))).to_be_visible(timeout=30_000)
    assert console_errors == []
