"""Offline bullet rewriting by rules, on fixed examples."""

from __future__ import annotations

import pytest

from cvapp.domain.ai.diff import word_diff
from cvapp.domain.ai.rewrite import rewrite

QUANTIFY = "Add a real number"


@pytest.mark.parametrize(
    ("original", "tense", "expected"),
    [
        (
            "Responsible for managing a team of 5 engineers and successfully delivering various "
            "projects",
            "past",
            "Managed a team of 5 engineers and delivered projects",
        ),
        (
            "- I was responsible for the migration of the billing system to AWS",
            "past",
            "Owned the migration of the billing system to AWS",
        ),
        ("Tasked with writing the test plan", "past", "Wrote the test plan"),
        ("handled customer escalations", "past", "Managed customer escalations"),
        (
            "The CI pipeline was redesigned by me, cutting build times from 20 to 8 minutes",
            "past",
            "Redesigned the CI pipeline, cutting build times from 20 to 8 minutes",
        ),
        ("Kubernetes clusters were migrated to EKS", "past", "Migrated Kubernetes clusters to EKS"),
        (
            "Leads the design reviews and mentors new engineers",
            "past",
            "Led the design reviews and mentored new engineers",
        ),
        (
            "Managing the release process and reducing incidents",
            "present",
            "Manage the release process and reduce incidents",
        ),
        ("Designed and implement the API", "past", "Designed and implemented the API"),
        (
            "Built the data platform in order to report on a weekly basis, etc.",
            "past",
            "Built the data platform to report weekly",
        ),
        ("Helped build the onboarding flow", "past", "Contributed to building the onboarding flow"),
    ],
)
def test_rewrites(original: str, tense: str, expected: str) -> None:
    assert rewrite(original, tense=tense).suggestion == expected  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("original", "tense", "expected"),
    [
        # A finished achievement in the current role stays past (issue #23).
        ("Led a team of five", "present", "Led a team of five"),
        (
            "Introduced contract tests that reduced flaky builds by 40%",
            "present",
            "Introduced contract tests that reduced flaky builds by 40%",
        ),
        ("I was in charge of managing the vendor contracts", "past",
         "Managed the vendor contracts"),
        ("I am in charge of scheduling the clinic's appointments", "present",
         "Schedule the clinic's appointments"),
        ("The data warehouse was rebuilt by my team in Snowflake", "past",
         "Rebuilt the data warehouse in Snowflake with my team"),
        ("Release notes are written by me for every sprint", "present",
         "Write release notes for every sprint"),
        ("Quickly and successfully migrated 200 users", "past", "Quickly migrated 200 users"),
        ("Created the very first style guide", "past", "Created the very first style guide"),
        ("Monitor production systems and respond to incidents", "past",
         "Monitored production systems and responded to incidents"),
        ("Leads sprint planning and mentors two interns", "past",
         "Led sprint planning and mentored two interns"),
        # Noun phrases are not re-tensed: that would change the meaning.
        ("Lead generation campaigns for B2B clients", "past",
         "Lead generation campaigns for B2B clients"),
        ("Test automation with Cypress", "past", "Test automation with Cypress"),
        ("Training of 20 new staff", "present", "Training of 20 new staff"),
        ("Plan and deliver workshops", "past", "Planned and delivered workshops"),
        ("I have been leading the data team since 2022", "present",
         "Lead the data team since 2022"),
        ("The tool is used across the company", "present", "The tool is used across the company"),
    ],
)  # fmt: skip
def test_rewrites_keep_tense_and_meaning(original: str, tense: str, expected: str) -> None:
    assert rewrite(original, tense=tense).suggestion == expected  # type: ignore[arg-type]


def test_an_unchanged_text_says_why() -> None:
    good = rewrite("Cut release time from 12 days to 3", tense="past")
    assert good.changes == [] and good.reason == (
        'Already good: it opens with the action verb "Cut" in the past tense, it has a number '
        "and it has no filler or weak phrase to remove. Nothing was changed (and it was not "
        "counted)."
    )
    thing = rewrite("Design system maintenance", tense="past")
    assert thing.reason and thing.reason.startswith("Nothing was changed: it may name a thing")
    assert any('"Designed …"' in tip for tip in thing.tips)
    assert rewrite("Responsible for the budget").reason is None
    described = rewrite("The tool is used across the company", tense="present")
    assert described.reason and described.reason.startswith("Nothing was changed")


def test_changes_and_tips_explain_the_rewrite() -> None:
    result = rewrite("Responsible for writing reports on a weekly basis")
    assert result.suggestion == "Wrote reports weekly"
    assert "Removed filler and wordy phrases" in result.changes
    assert "Replaced a weak opening with an action verb" in result.changes
    assert any(tip.startswith(QUANTIFY) for tip in result.tips)


def test_a_number_present_means_no_prompt_to_quantify() -> None:
    assert not any(tip.startswith(QUANTIFY) for tip in rewrite("Cut costs by 30%").tips)


def test_passive_voice_by_someone_else_is_kept_and_flagged() -> None:
    result = rewrite("Deployments were automated by the platform team")
    assert result.suggestion == "Deployments were automated by the platform team"
    assert any("Passive voice" in tip for tip in result.tips)
    assert any("action verb" in tip for tip in result.tips)


def test_nouns_after_and_are_not_turned_into_verbs() -> None:
    assert rewrite("Built the API and tests for it").suggestion == "Built the API and tests for it"


def test_summary_gets_filler_removed_but_no_bullet_rules() -> None:
    result = rewrite("I am basically a very experienced engineer, etc.", kind="summary")
    assert result.suggestion == "I am a very experienced engineer"
    assert not any("action verb" in tip for tip in result.tips)


def test_rewriting_is_deterministic_and_adds_no_words_of_its_own_but_verbs() -> None:
    text = "Worked on the payments API in order to reduce latency"
    first, second = rewrite(text), rewrite(text)
    assert first == second
    assert first.suggestion == "Contributed to the payments API to reduce latency"


def test_word_diff_rebuilds_both_texts() -> None:
    original = "Responsible for managing a team of 5 engineers"
    suggestion = "Managed a team of 5 engineers"
    diff = word_diff(original, suggestion)
    assert "".join(s.text for s in diff if s.op != "insert") == original
    assert "".join(s.text for s in diff if s.op != "delete") == suggestion
    assert [s.op for s in diff] == ["delete", "insert", "equal"]
