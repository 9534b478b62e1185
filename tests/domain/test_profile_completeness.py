"""Completeness: a weighted 0–100 score and what is missing, kept fresh by profile.changed."""

from __future__ import annotations

from dataclasses import replace

from sqlmodel import Session

from cvapp.domain.events import publish
from cvapp.domain.profiles.completeness import Facts, score
from cvapp.domain.profiles.lookup import get_or_create_profile
from cvapp.domain.profiles.service import update_profile
from cvapp.domain.sections import education, experiences, projects, skills
from cvapp.models import Profile, User

EMPTY = Facts(
    has_full_name=False,
    has_headline=False,
    has_summary=False,
    has_email=False,
    has_location=False,
    has_photo=False,
    has_links=False,
    experiences=0,
    experiences_without_bullets=0,
    skills=0,
    education=0,
    projects=0,
)
FULL = Facts(
    has_full_name=True,
    has_headline=True,
    has_summary=True,
    has_email=True,
    has_location=True,
    has_photo=True,
    has_links=True,
    experiences=3,
    experiences_without_bullets=0,
    skills=8,
    education=1,
    projects=2,
)


def test_bounds_and_order_of_hints() -> None:
    assert score(FULL) == (100, [])
    value, missing = score(EMPTY)
    assert value == 0
    assert missing[:2] == ["Add a summary", "Add at least one experience"]
    assert "Add at least 5 skills" in missing and "Add a photo" in missing


def test_partial_credit_and_counted_hints() -> None:
    value, missing = score(replace(FULL, skills=2, experiences_without_bullets=2))
    assert missing == ["2 experiences have no bullets", "Add at least 5 skills"]
    assert value == 100 - round(10 * 2 / 3) - 6
    assert score(replace(FULL, experiences_without_bullets=1))[1] == ["1 experience has no bullets"]
    assert score(replace(FULL, has_summary=False)) == (85, ["Add a summary"])


def test_recomputed_on_every_change_in_the_same_transaction(session: Session) -> None:
    user = User(email="c@example.com", full_name="Cee", password_hash="x")
    session.add(user)
    session.flush()
    profile = get_or_create_profile(session, user_id=user.id)
    start = profile.completeness
    assert start == 10 and "Add a summary" in profile.completeness_missing  # name + email

    update_profile(session, user_id=user.id, changes={"summary": "Hi", "headline": "Dev"})
    assert profile.completeness == start + 25
    for name in ("Python", "SQL", "Go", "Rust", "Bash"):
        skills.service.create(session, user_id=user.id, data={"name": name})
    job = experiences.service.create(
        session, user_id=user.id, data={"company": "A", "title": "B", "start_date": "2020"}
    )
    assert "1 experience has no bullets" in profile.completeness_missing
    experiences.service.update(
        session, user_id=user.id, item_id=job.id, changes={"responsibilities": ["Did X"]}
    )
    education.service.create(session, user_id=user.id, data={"institution": "MIT"})
    projects.service.create(session, user_id=user.id, data={"name": "P"})
    assert profile.completeness == start + 25 + 10 + 15 + 10 + 10 + 5
    experiences.service.delete(session, user_id=user.id, item_id=job.id)
    assert "Add at least one experience" in profile.completeness_missing
    session.commit()
    stored = session.get(Profile, profile.id)
    assert stored is not None and stored.completeness == profile.completeness


def test_event_for_an_unknown_profile_is_ignored(session: Session) -> None:
    publish(session, "profile.changed", user_id=None, profile_id="nope")
    publish(session, "profile.changed", user_id=None)
