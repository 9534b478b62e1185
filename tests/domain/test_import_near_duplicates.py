"""Issue #19 point 3: near-duplicates are merged, not created — the preview decides well by
default (initials, shortened bullets, the same site written another way, deleted bullets)."""

from __future__ import annotations

import json
from typing import Any

import pytest

from cvapp.db import session_scope
from cvapp.domain.imports.matching import org
from cvapp.domain.imports.merging import same_line
from cvapp.domain.profiles import service as profiles
from cvapp.domain.sections import education, experiences
from cvapp.models import Education
from tests.domain.test_import_service import _apply, _count, _import, _user


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("TUM", "Technische Universität München"),
        ("Master of Science – MS, TUM", "Technische Universität München"),
        ("MIT", "Massachusetts Institute of Technology"),
        ("ACME GmbH", "Acme"),
    ],
)
def test_one_organisation_however_it_is_written(a: str, b: str) -> None:
    assert org(a, b) == 100.0 and org(b, a) == 100.0


@pytest.mark.parametrize(
    ("a", "b"), [("TUM", "Universität Wien"), ("MIT", "Michigan State University")]
)
def test_other_organisations_stay_apart(a: str, b: str) -> None:
    assert org(a, b) < 70


def test_a_shortened_or_retyped_bullet_is_the_same_bullet() -> None:
    long_ = "cut p95 api latency from 900 ms to 120 ms by removing n+1 queries"
    assert same_line("cut p95 api latency from 900 ms to 120 ms", long_)
    assert same_line("cut p95 api latency from 900 ms to 120 ms by removng n+1 queries", long_)
    assert not same_line("led the team", "led the team of five")  # too short to tell
    assert not same_line("built the billing service in go", "built the search service in rust")


def _resume(**basics: Any) -> bytes:
    document = {
        "basics": {"name": "Ann Example", **basics},
        "work": [
            {
                "name": "Quellwerk",
                "position": "Backend Engineer",
                "startDate": "2021-03",
                "highlights": [
                    "Cut p95 API latency from 900 ms to 120 ms by removing N+1 queries",
                    "Mentored four engineers",
                ],
            }
        ],
        "education": [{"institution": "TUM", "studyType": "Master", "area": "Informatics"}],
    }
    return json.dumps(document).encode()


def _item(preview: dict[str, Any], section: str) -> dict[str, Any]:
    found = [
        item for kind in ("creates", "updates", "duplicates") for item in preview[kind]
        if item["section"] == section
    ]  # fmt: skip
    assert len(found) == 1, found
    return found[0]


def test_initials_and_shortened_bullets_merge_instead_of_creating() -> None:
    user_id = _user("ann@example.org")
    with session_scope() as session:
        school = education.service.create(
            session,
            user_id=user_id,
            data={"institution": "Technische Universität München", "area": "Informatics"},
        ).id
        experiences.service.create(
            session,
            user_id=user_id,
            data={
                "company": "Quellwerk GmbH",
                "title": "Backend Engineer",
                "start_date": "2021-03",
                "responsibilities": ["Cut p95 API latency from 900 ms to 120 ms"],
            },
        )
    preview = _import(user_id, _resume(), source="jsonresume")
    tum = _item(preview, "education")
    assert tum["match"]["id"] == school and tum["suggested_action"] == "merge"
    job = _item(preview, "experiences")
    assert job["suggested_action"] == "merge"
    (bullets,) = [c for c in job["changes"] if c["field"] == "responsibilities"]
    assert bullets["incoming"] == ["Mentored four engineers"]  # the longer one is the same
    _apply(user_id, preview["import_id"])
    assert _count(Education) == 1


def test_the_same_site_written_another_way_is_not_added_again() -> None:
    user_id = _user("ann@example.org")
    with session_scope() as session:
        profiles.update_profile(
            session,
            user_id=user_id,
            changes={
                "website": "https://ann.dev",
                "links": [{"network": "GitHub", "url": "https://github.com/ann"}],
            },
        )
    resume = _resume(
        url="http://www.ann.dev/",
        profiles=[
            {"network": "GitHub", "url": "https://github.com/ann/"},
            {"network": "Website", "url": "https://ANN.dev"},
        ],
    )
    preview = _import(user_id, resume, source="jsonresume")
    basics = _item(preview, "profile")
    fields = {c["field"] for c in basics["changes"]} | {c["field"] for c in basics["conflicts"]}
    assert "links" not in fields and "website" not in fields


def test_a_bullet_deleted_after_an_import_does_not_come_back() -> None:
    user_id = _user("ann@example.org")
    first = _import(user_id, _resume(), source="jsonresume")
    _apply(user_id, first["import_id"])
    with session_scope() as session:
        ((job,), _) = experiences.service.list_items(session, user_id=user_id)
        experiences.service.update(
            session,
            user_id=user_id,
            item_id=job.id,
            changes={"responsibilities": ["Mentored four engineers"]},
        )
        job_id = job.id
    again = _import(user_id, _resume(label="Backend engineer"), source="jsonresume")
    item = _item(again, "experiences")
    assert item["match"]["id"] == job_id
    assert "responsibilities" not in {c["field"] for c in item["changes"]}
    assert any(w["code"] == "deleted_not_restored" for w in again["warnings"])
    _apply(user_id, again["import_id"])
    with session_scope() as session:
        ((job,), _) = experiences.service.list_items(session, user_id=user_id)
        assert job.responsibilities == ["Mentored four engineers"]
