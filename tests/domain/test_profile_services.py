"""The services a UI calls directly: plain dicts in, read schemas out, one session."""

from __future__ import annotations

import pytest
from sqlmodel import Session

from cvapp.domain.profiles.lookup import get_or_create_profile
from cvapp.domain.profiles.service import update_profile
from cvapp.domain.profiles.views import my_profile
from cvapp.domain.public.projection import profile_by_slug, profile_for_viewer
from cvapp.domain.sections import SECTIONS, experiences, projects, skills
from cvapp.domain.sections.experiences import ExperienceView
from cvapp.errors import Conflict, NotFound, ValidationFailed
from cvapp.models import User


def _user(session: Session, email: str = "ui@example.com") -> str:
    user = User(email=email, full_name="Ui User", password_hash="x")
    session.add(user)
    session.flush()
    return user.id


def test_a_whole_editing_session_in_one_transaction(session: Session) -> None:
    user_id = _user(session)
    python = skills.service.create(session, user_id=user_id, data={"name": "Python", "level": 4})
    job = experiences.service.create(
        session,
        user_id=user_id,
        data={
            "company": "Acme",
            "title": "Dev",
            "start_date": "2021-03",
            "responsibilities": ["One", "Two"],
            "skill_ids": [python.id],
        },
    )
    assert isinstance(job, ExperienceView) and job.skill_ids == [python.id]
    project = projects.service.create(
        session, user_id=user_id, data={"name": "API", "experience_ids": [job.id]}
    )
    moved = experiences.service.update(
        session,
        user_id=user_id,
        item_id=job.id,
        changes={"responsibilities": ["Two", "One", "Three"]},
    )
    assert moved.responsibilities == ["Two", "One", "Three"]
    assert moved.project_ids == [project.id] and moved.skill_ids == [python.id]
    view = my_profile(session, user_id=user_id)
    assert view.experiences[0].projects[0].name == "API"
    assert view.skills[0].evidence.experiences[0].id == job.id
    assert view.skills[0].evidence.projects == []
    updated = update_profile(session, user_id=user_id, changes={"headline": "Backend dev"})
    assert updated.headline == "Backend dev" and len(updated.experiences) == 1
    session.commit()


def test_list_without_pagination_returns_everything(session: Session) -> None:
    user_id = _user(session)
    for name in ("B", "A", "C"):
        skills.service.create(session, user_id=user_id, data={"name": name})
    items, total = skills.service.list_items(session, user_id=user_id, sort=("name", False))
    assert total == 3 and [s.name for s in items] == ["A", "B", "C"]
    with pytest.raises(ValidationFailed):
        skills.service.list_items(session, user_id=user_id, sort=("profile_id", False))
    with pytest.raises(ValidationFailed):
        skills.service.list_items(session, user_id=user_id, filters={"evil": 1})


def test_errors_are_domain_errors(session: Session) -> None:
    user_id = _user(session)
    other_id = _user(session, "other@example.com")
    skill = skills.service.create(session, user_id=user_id, data={"name": "Go"})
    with pytest.raises(NotFound):
        skills.service.get(session, user_id=other_id, item_id=skill.id)
    with pytest.raises(Conflict):
        skills.service.create(session, user_id=user_id, data={"name": "go"})
    with pytest.raises(ValidationFailed) as error:
        skills.service.update(session, user_id=user_id, item_id=skill.id, changes={"level": 9})
    assert error.value.details[0]["field"] == "level"
    with pytest.raises(ValidationFailed) as error:
        skills.service.update(session, user_id=user_id, item_id=skill.id, changes={"nope": 1})
    assert error.value.details[0]["field"] == "nope"
    with pytest.raises(NotFound):
        profile_for_viewer(
            session, profile_id=get_or_create_profile(session, user_id=user_id).id, viewer_id=None
        )


def test_every_section_is_registered() -> None:
    assert list(SECTIONS) == [
        "experiences",
        "projects",
        "skills",
        "education",
        "certifications",
        "achievements",
        "languages",
        "publications",
        "volunteering",
    ]


def test_profile_for_a_missing_user_is_not_found(session: Session) -> None:
    with pytest.raises(NotFound):
        get_or_create_profile(session, user_id="01NOTAUSER00000000000000000")


def test_profile_by_slug_serves_public_and_unlisted_anonymized(session: Session) -> None:
    user_id = _user(session)
    projects.service.create(
        session,
        user_id=user_id,
        data={"name": "Globex rollout", "client_name": "Globex", "anonymize": True},
    )
    update_profile(session, user_id=user_id, changes={"slug": "ui-user", "summary": "Globex!"})
    with pytest.raises(NotFound):
        profile_by_slug(session, slug="ui-user")  # still PRIVATE
    for visibility in ("UNLISTED", "PUBLIC"):
        update_profile(session, user_id=user_id, changes={"visibility": visibility})
        page = profile_by_slug(session, slug="UI-User")
        assert page.summary == "A confidential client!" and page.contact is None
    with pytest.raises(NotFound):
        profile_by_slug(session, slug="nobody")
