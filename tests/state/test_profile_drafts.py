"""The profile editor's forms: dates split for the pickers, drafts turned into request bodies."""

from __future__ import annotations

import pytest

from cvapp.errors import Conflict, ValidationFailed
from cvapp.state.profile.dates import join, label, period, split
from cvapp.state.profile.drafts import ON, Draft, body, explain, new_draft
from cvapp.state.profile.specs import BY_KEY, SPECS


@pytest.mark.parametrize(
    ("value", "parts"),
    [("2020-03-14", ("2020", "03")), ("2020-03", ("2020", "03")), ("2020", ("2020", "")),
     (None, ("", ""))],
)  # fmt: skip
def test_split(value: str | None, parts: tuple[str, str]) -> None:
    assert split(value) == parts


def test_join_keeps_a_hidden_day_while_month_and_year_stay() -> None:
    assert join("2020", "03", "2020-03-14") == "2020-03-14"
    assert join("2021", "03", "2020-03-14") == "2021-03"
    assert join("2020", "", "2020-03-14") == "2020"
    assert join("", "03") is None


def test_labels_and_periods() -> None:
    assert label("2020-03") == "Mar 2020"
    assert label("2019") == "2019"
    assert period("2020-03", None) == "Mar 2020 – Present"
    assert period("2015-07", "2020-02") == "Jul 2015 – Feb 2020"
    assert period(None, None, open_ended=False) == ""


def _experience() -> dict[str, object]:
    return {
        "id": "e1",
        "title": "Engineer",
        "company": "Acme",
        "location": None,
        "employment_type": None,
        "url": None,
        "description": "Built things",
        "start_date": "2020-03-14",
        "end_date": None,
        "responsibilities": ["Shipped", "Led"],
        "skill_ids": ["s1"],
        "project_ids": [],
    }


def test_an_item_round_trips_through_its_draft() -> None:
    spec = BY_KEY["experiences"]
    draft = new_draft(spec, _experience())
    assert draft.values["start_date.year"] == "2020"
    assert draft.values["end_date.present"] == ON
    assert draft.bullets == ["Shipped", "Led"]
    data, errors = body(spec, draft)
    assert errors == {}
    assert data["start_date"] == "2020-03-14"
    assert data["end_date"] is None
    assert data["responsibilities"] == ["Shipped", "Led"]
    assert data["skill_ids"] == ["s1"]
    assert data["location"] is None


def test_an_end_is_needed_unless_present_is_ticked() -> None:
    spec = BY_KEY["experiences"]
    draft = new_draft(spec)
    draft.values.update({"start_date.year": "2020", "end_date.month": "04"})
    _, errors = body(spec, draft)
    assert errors == {"end_date": "Choose a year too"}
    draft.values["end_date.month"] = ""
    assert body(spec, draft)[1] == {"end_date": "Choose an end date, or tick “Present”"}
    draft.values["end_date.present"] = ON
    assert body(spec, draft)[1] == {}


def test_an_undated_project_needs_no_end() -> None:
    spec = BY_KEY["projects"]
    draft = new_draft(spec)
    draft.values["name"] = "Ledger"
    draft.terms.append("Acme")
    data, errors = body(spec, draft)
    assert errors == {}
    assert (data["start_date"], data["end_date"], data["sensitive_terms"]) == (None, None, ["Acme"])


def test_numbers_levels_and_tags() -> None:
    spec = BY_KEY["skills"]
    draft = Draft(
        {**new_draft(spec).values, "name": "Python", "years": "2,5", "level": "4",
         "keywords": "pandas, , numpy "},
        [], [], {},
    )  # fmt: skip
    data, errors = body(spec, draft)
    assert errors == {}
    assert (data["years"], data["level"], data["keywords"]) == (2.5, 4, ["pandas", "numpy"])
    draft.values["years"] = "many"
    assert "years" in body(spec, draft)[1]


def test_every_spec_builds_an_empty_draft_and_body() -> None:
    for spec in SPECS:
        body(spec, new_draft(spec))


def test_domain_errors_land_next_to_their_fields() -> None:
    exc = ValidationFailed(
        "Invalid input data",
        details=[
            {"field": "responsibilities.1", "message": "String should have at least 1 character"},
            {"field": "url", "message": "Value error, Use an http:// or https:// URL"},
        ],
    )
    message, fields = explain(exc, BY_KEY["experiences"].field_names)
    assert message == "Please correct the fields marked in red."
    assert fields == {
        "responsibilities": "This can’t be empty",
        "url": "Use an http:// or https:// URL",
    }


def test_errors_about_other_fields_become_the_form_message() -> None:
    exc = Conflict("You already have this skill", details=[{"field": "x", "message": "Taken"}])
    assert explain(exc, ("name",)) == ("Taken", {})
    assert explain(Conflict("Gone"), ("name",)) == ("Gone", {})
