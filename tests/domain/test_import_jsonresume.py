"""The JSON Resume reader: schema 1.3.1 validation by path, every section mapped, pre-1.0."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from cvapp.domain.imports.jsonresume import reader
from cvapp.errors import ValidationFailed

SHARED = Path(__file__).resolve().parents[3] / "shared" / "jsonresume"
SPEC_TESTS = SHARED / "spec-tests"
SAMPLE = SHARED / "sample.resume.json"


def _doc(document: Any) -> bytes:
    return json.dumps(document).encode()


def _items(draft: Any, section: str) -> list[dict[str, Any]]:
    return [item.data for item in draft.items if item.section == section]


def _fixtures(kind: str) -> list[tuple[str, Any]]:
    cases = []
    for path in sorted(SPEC_TESTS.glob("*.json")):
        if path.name == "dates.json":
            continue
        for name, document in json.loads(path.read_text()).items():
            valid = re.search(r"(?<![Ii]n)[Vv]alid\d*$", name) is not None
            if (kind == "valid") == valid:
                cases.append((f"{path.stem}.{name}", document))
    return cases


@pytest.mark.parametrize(("case", "document"), _fixtures("valid"))
def test_valid_spec_fixtures_import(case: str, document: Any) -> None:
    reader.inspect(_doc(document))
    draft = reader.read(_doc(document))
    assert draft.source == "jsonresume"


@pytest.mark.parametrize(("case", "document"), _fixtures("invalid"))
def test_invalid_spec_fixtures_are_imported_without_the_bad_field(case: str, document: Any) -> None:
    """One bad field never refuses the file (issue #19): it is left out, warned by path."""
    draft = reader.read(_doc(document))
    section = next(iter(document))
    if "null" in json.dumps(document):  # null is "not given", not an error
        assert all((n.location or "").startswith(section) for n in draft.warnings)
        return
    where = [notice.location or "" for notice in draft.warnings]
    assert where and all(w.startswith(section) for w in where), draft.warnings
    if isinstance(document[section], list):
        assert all(w.startswith(f"{section}[0]") for w in where), where


def test_dates_fixture() -> None:
    dates = json.loads((SPEC_TESTS / "dates.json").read_text())
    for name in ("yearMonthDay", "yearMonth", "year"):
        work = {"name": "Pied Piper", "position": "CEO", "startDate": dates[name]}
        draft = reader.read(_doc({"work": [work]}))
        assert _items(draft, "experiences")[0]["start_date"] == dates[name]
    draft = reader.read(
        _doc({"work": [{"name": "P", "position": "CEO", "startDate": dates["invalid"]}]})
    )
    assert [(n.code, n.location) for n in draft.warnings] == [
        ("invalid_date", "work[0].startDate"),
        ("invalid_item", "work[0]"),  # a job needs its start date
    ]
    assert "'2013-12-021' is not a date" in draft.warnings[0].message


def test_sample_resume_maps_every_section() -> None:
    document = json.loads(SAMPLE.read_text())
    draft = reader.read(SAMPLE.read_bytes())
    basics = document["basics"]
    assert draft.profile["full_name"] == basics["name"]
    assert draft.profile["headline"] == basics["label"]
    assert draft.profile["summary"] == basics["summary"]
    assert draft.profile["website"] == basics["url"]
    assert draft.profile["contact"] == {"email": basics["email"], "phone": basics["phone"]}
    assert draft.profile["location"] == {
        "address": "2712 Broadway St",
        "postal_code": "CA 94115",
        "city": "San Francisco",
        "country_code": "US",
        "region": "California",
    }
    assert draft.profile["links"] == basics["profiles"]
    assert draft.profile["interests"] == document["interests"]
    assert draft.profile["references"] == document["references"]
    (work,) = _items(draft, "experiences")
    source = document["work"][0]
    assert work == {
        "company": source["name"],
        "title": source["position"],
        "location": source["location"],
        "company_description": source["description"],
        "url": source["url"],
        "start_date": source["startDate"],
        "end_date": source["endDate"],
        "description": source["summary"],
        "responsibilities": source["highlights"],
    }
    (project,) = _items(draft, "projects")
    assert project["role"] == "Team lead, Designer" and project["entity"] == "Smoogle"
    assert project["keywords"] == ["GoogleMaps", "Chrome Extension", "Javascript"]
    skills = _items(draft, "skills")
    assert skills[0] == {
        "name": "Web Development",
        "level": 5,
        "level_label": "Master",  # kept as written
        "keywords": ["HTML", "CSS", "Javascript"],
    }
    assert _items(draft, "education")[0]["courses"] == document["education"][0]["courses"]
    assert _items(draft, "education")[0]["study_type"] == "Bachelor"
    assert _items(draft, "achievements")[0]["awarder"] == "Techcrunch"
    assert _items(draft, "publications")[0]["release_date"] == "2014-10-01"
    assert _items(draft, "volunteering")[0]["organization"] == "CoderDojo"
    assert _items(draft, "languages") == [{"language": "English", "fluency": "Native speaker"}]
    assert draft.warnings == []


def test_pre_1_0_documents_are_read() -> None:
    old = {
        "basics": {"name": "Ann", "website": "https://ann.example.com", "picture": ""},
        "work": [
            {"company": "Initech", "position": "Engineer", "website": "https://initech.example",
             "startDate": "2011-04-01", "endDate": "", "summary": "Printers."}
        ],
        "education": [{"institution": "State U", "gpa": "3.9", "startDate": "2007-09-01"}],
    }  # fmt: skip
    draft = reader.read(_doc(old))
    (work,) = _items(draft, "experiences")
    assert work["company"] == "Initech" and work["url"] == "https://initech.example"
    assert "end_date" not in work
    assert _items(draft, "education")[0]["score"] == "3.9"
    assert draft.profile["website"] == "https://ann.example.com"
    assert [w.code for w in draft.warnings] == ["empty_date"]


def test_items_cvapp_cannot_hold_are_reported_not_invented() -> None:
    draft = reader.read(_doc({"work": [{"name": "Pied Piper"}], "skills": [{"level": "3"}]}))
    assert draft.items == []
    messages = [w.message for w in draft.warnings]
    assert messages[0].startswith("work[0] has no position, startDate")
    assert messages[1].startswith("skills[0] has no name")


def test_skill_levels_and_duplicates() -> None:
    skills = [
        {"name": "Go", "level": "Advanced"},
        {"name": "Rust", "level": "2/5"},
        {"name": "Zig", "level": "Wizard"},
        {"name": "go", "keywords": ["gRPC"]},
    ]
    draft = reader.read(_doc({"skills": skills}))
    assert _items(draft, "skills") == [
        {"name": "Go", "level": 3, "level_label": "Advanced", "keywords": ["gRPC"]},
        {"name": "Rust", "level": 2, "level_label": "2/5"},
        {"name": "Zig", "level_label": "Wizard"},  # no 1–5 level, but kept as written
    ]
    assert {w.code for w in draft.warnings} == {"unknown_level", "duplicates_merged"}


def test_fields_the_editor_would_refuse_are_left_out_with_a_warning() -> None:
    document = {
        "basics": {"phone": "call me maybe", "location": {"countryCode": "Germany"}},
        "work": [{"name": "A", "position": "B", "startDate": "2020", "url": "piedpiper",
                  "endDate": "2019"}],
        "projects": [{"name": "P" * 300, "url": "ftp://x"}],
    }  # fmt: skip
    draft = reader.read(_doc(document))
    assert draft.profile == {"location": {"country_code": "DE"}}  # a country name is read
    (job,) = _items(draft, "experiences")  # reversed dates: kept, swapped, warned
    assert (job["start_date"], job["end_date"]) == ("2019", "2020")
    (project,) = _items(draft, "projects")
    assert project == {"name": "P" * 200}
    codes = sorted(w.code for w in draft.warnings)
    assert codes == ["dates_swapped", "invalid_field", "invalid_field", "invalid_field",
                     "truncated"]  # fmt: skip


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"{not json", "not valid JSON (Expecting property name"),
        (b"[1, 2]", "The JSON is a list"),
        (b"\xff\xfe\x00", "not JSON text"),
    ],
)
def test_not_json_says_what_was_expected(data: bytes, expected: str) -> None:
    with pytest.raises(ValidationFailed) as error:
        reader.inspect(data)
    assert expected in error.value.message
    assert "Expected a JSON Resume document" in error.value.message
