"""The small rules of importing: dates, bullets, fuzzy matching, merging, labels."""

from __future__ import annotations

import pytest

from cvapp.domain.imports.bullets import split_description
from cvapp.domain.imports.dates import UnreadableDate, career_date
from cvapp.domain.imports.labels import label
from cvapp.domain.imports.matching import match_section
from cvapp.domain.imports.merging import item_plan, profile_plan


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Jan 2020", "2020-01"),
        ("2020", "2020"),
        ("Sep 2019", "2019-09"),
        ("Sept 2019", "2019-09"),
        ("September 2019", "2019-09"),
        ("03/2021", "2021-03"),
        ("2019-7", "2019-07"),
        ("Mar 15, 2019", "2019-03-15"),
        ("15 Mar 2019", "2019-03-15"),
        ("janv. 2020", "2020-01"),
        ("März 2021", "2021-03"),
        ("févr. 2018", "2018-02"),
        ("  Oct   2022 ", "2022-10"),
        ("", None),
        ("Present", None),
        (None, None),
    ],
)
def test_career_dates(text: str | None, expected: str | None) -> None:
    assert career_date(text) == expected


@pytest.mark.parametrize("text", ["Q3 2019", "13/2020", "1850", "Foo 2020", "2020-02-30"])
def test_unreadable_dates(text: str) -> None:
    with pytest.raises(UnreadableDate):
        career_date(text)


def test_bullets_from_descriptions() -> None:
    text = (
        "Led the platform team.\n\n• Built X\n• Cut costs by 20%\n  across regions\n"
        "- Hired 5 people\n\nUsed Python daily."
    )
    assert split_description(text) == (
        "Led the platform team.\n\nUsed Python daily.",
        ["Built X", "Cut costs by 20% across regions", "Hired 5 people"],
    )
    assert split_description("1. First\n2) Second\n(3) Third") == (
        None,
        ["First", "Second", "Third"],
    )
    assert split_description("Did things • Built A • Built B") == (
        "Did things",
        ["Built A", "Built B"],
    )
    assert split_description("-20% churn in 2020.\nPlain text.") == (
        "-20% churn in 2020.\nPlain text.",
        [],
    )
    assert split_description("   ") == (None, [])


def test_experience_matching_is_fuzzy_on_company_title_and_dates() -> None:
    existing = [
        {"id": "a", "company": "ACME GmbH", "title": "Senior Engineer", "start_date": "2019-03"},
        {"id": "b", "company": "Acme", "title": "Intern", "start_date": "2012-06"},
    ]
    incoming = [
        {"company": "Acme", "title": "Senior Engineer", "start_date": "2019-04"},
        {"company": "acme gmbh", "title": "Team Lead", "start_date": "2023-01"},
        {"company": "Initech", "title": "Senior Engineer", "start_date": "2019-03"},
        {"company": "ACME", "title": "Intern (summer)", "start_date": "2012"},
    ]
    first, second, third, fourth = match_section("experiences", incoming, existing)
    assert first is not None and first.existing["id"] == "a" and first.clear
    assert second is None  # a new role at the same company
    assert third is None  # same title elsewhere
    assert fourth is not None and fourth.existing["id"] == "b"


def test_each_existing_item_matches_once_best_first() -> None:
    existing = [{"id": "py", "name": "Python"}]
    incoming = [{"name": "python 3"}, {"name": "Python"}]
    assert match_section("skills", incoming, existing)[1] is not None
    assert match_section("skills", incoming, existing)[0] is None


def test_skill_names_are_normalised() -> None:
    existing = [{"id": "n", "name": "Node.js"}, {"id": "pg", "name": "PostgreSQL"}]
    node, postgres, java = match_section(
        "skills", [{"name": "NodeJS"}, {"name": "Postgres"}, {"name": "Java"}], existing
    )
    assert node and node.clear
    assert postgres and not postgres.clear
    assert java is None


def test_education_matching() -> None:
    existing = [{"id": "e", "institution": "TU Berlin", "study_type": "BSc", "start_date": "2011"}]
    incoming = [
        {"institution": "Technische Universität Berlin", "start_date": "2011"},
        {"institution": "TU Berlin", "study_type": "BSc", "start_date": "2011-10"},
    ]
    longer, same = match_section("education", incoming, existing)
    assert longer is None and same is not None and same.clear


def test_merge_fills_adds_and_keeps() -> None:
    current = {
        "company": "Acme GmbH",
        "title": "Engineer",
        "start_date": "2019",
        "end_date": None,
        "description": None,
        "responsibilities": ["Built the API."],
        "location": "Remote",
    }
    incoming = {
        "company": "ACME",
        "title": "engineer",
        "start_date": "2019-03",
        "end_date": "2022-01",
        "description": "Platform work",
        "responsibilities": ["built the API", "Ran on-call"],
        "location": "Berlin",
    }
    plan = item_plan(current, incoming)
    assert plan.values == {
        "start_date": "2019-03",
        "end_date": "2022-01",
        "description": "Platform work",
        "responsibilities": ["Built the API.", "Ran on-call"],
    }
    assert plan.conflicts == [{"field": "location", "current": "Remote", "incoming": "Berlin"}]
    assert item_plan({"start_date": "2019-03"}, {"start_date": "2019"}).values == {}
    assert item_plan({"start_date": "2019-03"}, {"start_date": "2018"}).conflicts


def test_profile_merge_nests_contact_and_location_and_unions_links() -> None:
    current = {
        "full_name": "Lena M.",
        "headline": None,
        "contact": {"email": "a@example.org", "phone": None},
        "location": {"city": "Berlin"},
        "links": [{"network": "GitHub", "url": "https://github.com/l"}],
    }
    incoming = {
        "full_name": "Lena Marquardt",
        "headline": "Engineer",
        "contact": {"email": "a@example.org", "phone": "+49 1"},
        "location": {"city": "Berlin", "country_code": "DE"},
        "links": [
            {"network": "GitHub", "url": "https://github.com/l"},
            {"network": "Twitter", "username": "l"},
        ],
    }
    plan = profile_plan(current, incoming)
    assert plan.values == {
        "headline": "Engineer",
        "contact": {"phone": "+49 1"},
        "location": {"country_code": "DE"},
        "links": [*current["links"], {"network": "Twitter", "username": "l"}],
    }
    assert [c["field"] for c in plan.conflicts] == ["full_name"]
    assert [c["field"] for c in plan.changes] == [
        "headline", "contact.phone", "location.country_code", "links",
    ]  # fmt: skip


def test_labels() -> None:
    data = {"title": "Engineer", "company": "Acme", "start_date": "2019-03"}
    assert label("experiences", data) == "Engineer · Acme (2019-03 – present)"
    assert label("skills", {"name": "Go"}) == "Go"
    assert label("certifications", {"name": "CKA", "date": "2020"}) == "CKA (2020)"
