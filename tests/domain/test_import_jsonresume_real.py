"""Real-world JSON Resume files (``tests/fixtures/jsonresume_real``) against golden results.

The files are written the way people's files come: pre-1.0 field names, ``null`` for unknown,
``"Present"``, ISO timestamps and ``"Oct 2015"`` as dates, URLs without a scheme, a ``skype:``
profile, country names instead of codes, ``roles`` arrays, numeric and word skill levels,
generator fields (``technologies``), an unknown section, dates typed the wrong way round and a
UTF-16 file saved by a Windows editor. None may be refused; what cannot be kept is warned.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from cvapp.domain.imports import places
from cvapp.domain.imports.jsonresume import reader

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "jsonresume_real"
EXPECTED: dict[str, Any] = json.loads((FIXTURES / "expected.json").read_text())


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_real_world_file_matches_its_golden_result(name: str) -> None:
    draft = reader.read((FIXTURES / name).read_bytes())
    assert draft.profile == EXPECTED[name]["profile"]
    assert [[i.section, i.data] for i in draft.items] == EXPECTED[name]["items"]
    assert [[w.code, w.location] for w in draft.warnings] == EXPECTED[name]["warnings"]


def test_every_fixture_has_a_golden_result() -> None:
    files = {p.name for p in FIXTURES.glob("*.json") if p.name != "expected.json"}
    assert files == set(EXPECTED)


@pytest.mark.parametrize(
    ("written", "code"),
    [("Israel", "IL"), ("USA", "US"), ("India", "IN"), ("United Kingdom", "GB"), ("uk", "GB"),
     ("Deutschland", "DE"), ("france", "FR"), ("  Australia ", "AU"), ("de", "DE"),
     ("Atlantis", None)],
)  # fmt: skip
def test_country_names_become_codes(written: str, code: str | None) -> None:
    assert places.country_code(written) == code


@pytest.mark.parametrize(
    ("written", "stored"),
    [("Present", None), ("present", None), ("2016-08-01T00:00:00.000Z", "2016-08-01"),
     ("Oct 2015", "2015-10"), ("2019-03", "2019-03")],
)  # fmt: skip
def test_dates_people_write(written: str, stored: str | None) -> None:
    work = {"name": "A", "position": "B", "startDate": "2010", "endDate": written}
    (item,) = reader.read(json.dumps({"work": [work]}).encode()).items
    assert item.data.get("end_date") == stored


def test_a_whole_bad_section_is_left_out_not_the_file() -> None:
    document = {"basics": {"name": "Ann"}, "skills": "Python, Go", "work": [42, {"x": 1}]}
    draft = reader.read(json.dumps(document).encode())
    assert draft.profile == {"full_name": "Ann"}
    assert {w.location for w in draft.warnings} >= {"skills", "work[0]"}
