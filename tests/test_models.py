"""Tables keep their promises: ULID ids, UTC timestamps, cascades, checks and unique keys."""

import os
from collections.abc import Callable, Iterator
from datetime import UTC, date
from pathlib import Path
from typing import Any
from uuid import uuid4

import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, func, pool
from sqlalchemy.engine import make_url
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, SQLModel, select
from ulid import ULID

from cvapp.db import make_engine
from cvapp.models import (
    AiUsage,
    CvVersion,
    Experience,
    ExperienceSkill,
    ImportBatch,
    Job,
    Language,
    Profile,
    ShareLink,
    Skill,
    User,
)
from tests.services import needs_postgres

ROOT = Path(__file__).resolve().parent.parent


def upgrade_to_head(url: str) -> None:
    engine = create_engine(url, poolclass=pool.NullPool)
    with engine.begin() as connection:
        config = Config(
            str(ROOT / "alembic.ini"),
            attributes={"connection": connection, "configure_logger": False},
        )
        command.upgrade(config, "head")
    engine.dispose()


@pytest.fixture(scope="module")
def postgres_url() -> Iterator[str]:
    """A new PostgreSQL database for this module, dropped afterwards."""
    base_url = os.environ.get("CVAPP_TEST_DATABASE_URL", "")
    assert base_url.startswith("postgresql"), "CVAPP_TEST_DATABASE_URL names no PostgreSQL"
    url = make_url(base_url)
    name = f"cvapp_models_{uuid4().hex[:12]}"
    admin = create_engine(url, isolation_level="AUTOCOMMIT", poolclass=pool.NullPool)
    with admin.connect() as connection:
        connection.exec_driver_sql(f'CREATE DATABASE "{name}"')
    try:
        yield url.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgresql", marks=needs_postgres)])
def engine(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Engine]:
    """The app's engine (``cvapp.db.make_engine``) on a schema built by the migrations."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('models') / 'cvapp.db'}"
    else:
        url = request.getfixturevalue("postgres_url")
    upgrade_to_head(url)
    engine = make_engine(url)
    yield engine
    engine.dispose()


@pytest.fixture
def session(engine: Engine) -> Iterator[Session]:
    with Session(engine, expire_on_commit=False) as session:
        yield session


def create_user(session: Session, **overrides: Any) -> User:
    user = User(**{"email": f"{uuid4().hex}@example.com", "password_hash": "x", **overrides})
    session.add(user)
    session.flush()
    return user


def create_profile(session: Session, **overrides: Any) -> Profile:
    user_id = overrides.pop("user_id", None) or create_user(session).id
    profile = Profile(user_id=user_id, full_name="Ada Lovelace", **overrides)
    session.add(profile)
    session.flush()
    return profile


def create_skill(
    session: Session, profile: Profile, name: str = "Python", **overrides: Any
) -> Skill:
    skill = Skill(profile_id=profile.id, name=name, name_normalized=name.casefold(), **overrides)
    session.add(skill)
    session.flush()
    return skill


def count(session: Session, model: type[SQLModel], **where: Any) -> int:
    query = select(func.count()).select_from(model).filter_by(**where)
    return session.exec(query).one()


def test_ids_are_ulids_and_timestamps_utc(session: Session) -> None:
    user = create_user(session)
    session.commit()
    session.expire_all()

    loaded = session.get(User, user.id)
    assert loaded is not None
    assert len(loaded.id) == 26
    assert str(ULID.from_str(loaded.id)) == loaded.id
    assert loaded.created_at.tzinfo is not None
    assert loaded.created_at.utcoffset() == UTC.utcoffset(None)
    assert loaded.plan == "free"


def test_updated_at_is_refreshed_on_update(session: Session) -> None:
    user = create_user(session)
    session.commit()
    created_at, updated_at = user.created_at, user.updated_at

    user.full_name = "Grace Hopper"
    session.commit()
    session.expire_all()

    loaded = session.get(User, user.id)
    assert loaded is not None
    assert loaded.updated_at > updated_at
    assert loaded.created_at == created_at


def test_deleting_a_user_cascades_to_everything_they_own(session: Session) -> None:
    profile = create_profile(session)
    experience = Experience(
        profile_id=profile.id,
        company="Analytical Engines",
        title="Programmer",
        start_date="1842-09",
        responsibilities=["Wrote the first program"],
    )
    skill = create_skill(session, profile)
    experience.skills = [skill]
    cv = CvVersion(user_id=profile.user_id, profile_id=profile.id, name="General")
    session.add_all([experience, cv])
    session.flush()
    session.add(
        ShareLink(cv_id=cv.id, user_id=profile.user_id, token_hash=uuid4().hex, token_prefix="abc")
    )
    session.add(Job(user_id=profile.user_id, kind="exports.render"))
    session.commit()

    user = session.get(User, profile.user_id)
    session.delete(user)
    session.commit()

    for owned_by_user in (Profile, Job, CvVersion):
        assert count(session, owned_by_user, user_id=profile.user_id) == 0
    for in_profile in (Experience, Skill):
        assert count(session, in_profile, profile_id=profile.id) == 0
    assert count(session, ExperienceSkill, experience_id=experience.id) == 0
    assert count(session, ShareLink, cv_id=cv.id) == 0


def test_deleting_a_job_keeps_its_import_batch(session: Session) -> None:
    user = create_user(session)
    job = Job(user_id=user.id, kind="imports.preview")
    session.add(job)
    session.flush()
    batch = ImportBatch(user_id=user.id, source="jsonresume", fingerprint="f" * 64, job_id=job.id)
    session.add(batch)
    session.commit()

    session.delete(job)
    session.commit()
    session.expire_all()

    loaded = session.get(ImportBatch, batch.id)
    assert loaded is not None and loaded.job_id is None


def test_json_columns_round_trip(session: Session) -> None:
    location = {"city": "London", "country_code": "GB"}
    links = [{"network": "GitHub", "username": "ada", "url": "https://github.com/ada"}]
    profile = create_profile(session, location=location, links=links)
    session.commit()
    session.expire_all()

    loaded = session.get(Profile, profile.id)
    assert loaded is not None
    assert (loaded.location, loaded.links, loaded.interests) == (location, links, [])


BadRow = Callable[[Session], SQLModel]


@pytest.mark.parametrize(
    "bad_row",
    [
        pytest.param(lambda s: create_profile(s, visibility="SECRET"), id="profile-visibility"),
        pytest.param(lambda s: create_profile(s, completeness=101), id="profile-completeness"),
        pytest.param(lambda s: create_skill(s, create_profile(s), level=6), id="skill-level-high"),
        pytest.param(lambda s: create_skill(s, create_profile(s), level=0), id="skill-level-low"),
        pytest.param(lambda s: create_user(s, plan="gold"), id="user-plan"),
        pytest.param(lambda s: Job(kind="x", status="done"), id="job-status"),
        pytest.param(lambda s: Job(kind="x", progress=101), id="job-progress"),
        pytest.param(
            lambda s: ImportBatch(user_id=create_user(s).id, source="csv", fingerprint="f"),
            id="import-source",
        ),
    ],
)
def test_check_constraints_reject_bad_values(session: Session, bad_row: BadRow) -> None:
    with pytest.raises(IntegrityError):
        session.add(bad_row(session))
        session.flush()
    session.rollback()


@pytest.mark.parametrize(
    "duplicate",
    [
        pytest.param(
            lambda s, p: create_user(s, email=s.get(User, p.user_id).email), id="user-email"
        ),
        pytest.param(lambda s, p: create_profile(s, user_id=p.user_id), id="profile-per-user"),
        pytest.param(lambda s, p: create_skill(s, p, name="python"), id="skill-name"),
        pytest.param(lambda s, p: create_profile(s, slug=p.slug), id="profile-slug"),
        pytest.param(lambda s, p: Language(profile_id=p.id, language="English"), id="language"),
        pytest.param(
            lambda s, p: CvVersion(user_id=p.user_id, profile_id=p.id, name="General"),
            id="cv-name",
        ),
        pytest.param(lambda s, p: AiUsage(user_id=p.user_id, day=date(2026, 1, 1)), id="ai-day"),
    ],
)
def test_business_keys_are_unique(session: Session, duplicate: Callable[..., Any]) -> None:
    profile = create_profile(session, slug=f"ada-{uuid4().hex[:8]}")
    create_skill(session, profile, name="Python")
    session.add_all(
        [
            Language(profile_id=profile.id, language="English"),
            CvVersion(user_id=profile.user_id, profile_id=profile.id, name="General"),
            AiUsage(user_id=profile.user_id, day=date(2026, 1, 1)),
        ]
    )
    session.commit()

    with pytest.raises(IntegrityError):
        row = duplicate(session, profile)
        if row is not None:
            session.add(row)
        session.flush()
    session.rollback()


def test_experience_skills_link_both_ways(session: Session) -> None:
    profile = create_profile(session)
    skill = create_skill(session, profile)
    experience = Experience(
        profile_id=profile.id, company="ACME", title="Engineer", start_date="2020", skills=[skill]
    )
    session.add(experience)
    session.commit()
    session.expire_all()

    loaded = session.get(Skill, skill.id)
    assert loaded is not None
    assert [e.id for e in loaded.experiences] == [experience.id]
