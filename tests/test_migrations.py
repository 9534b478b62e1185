"""The migrations build exactly the schema the models describe, on SQLite and PostgreSQL."""

import os
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from uuid import uuid4

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, create_engine, inspect, pool
from sqlalchemy.engine import URL, make_url
from sqlmodel import SQLModel

import cvapp.models  # noqa: F401  (fills SQLModel.metadata)

ROOT = Path(__file__).resolve().parent.parent
PG_ONLY_INDEXES = {
    "experiences": {"ix_experiences_profile_id_start_date", "ix_experiences_responsibilities"},
    "profiles": {"ix_profiles_public_slug", "ix_profiles_search"},
    "projects": {"ix_projects_search"},
}


def migrate(engine: Engine, action: str, revision: str) -> None:
    """Run ``alembic upgrade|downgrade <revision>`` on ``engine``, as the CLI would."""
    with engine.begin() as connection:
        config = Config(
            str(ROOT / "alembic.ini"),
            attributes={"connection": connection, "configure_logger": False},
        )
        getattr(command, action)(config, revision)


def schema_diff(engine: Engine) -> list[Any]:
    """What autogenerate would still have to do to reach the models (dialect-only indexes aside)."""

    def include_object(obj: Any, name: Any, type_: str, reflected: bool, compare_to: Any) -> bool:
        if type_ == "index" and not reflected:
            return obj.info.get("dialect") in (None, engine.dialect.name)
        return True

    with engine.connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"compare_type": True, "include_object": include_object}
        )
        with warnings.catch_warnings():
            # SQLite cannot reflect expression indexes; only PostgreSQL has ours anyway.
            warnings.filterwarnings("ignore", message=".*expression-based index")
            diff: list[Any] = compare_metadata(context, SQLModel.metadata)
    return diff


def tables(engine: Engine) -> set[str]:
    return set(inspect(engine).get_table_names()) - {"alembic_version"}


@pytest.fixture(scope="module")
def postgres_url() -> Iterator[URL]:
    """A new, empty PostgreSQL database for this module, dropped afterwards."""
    base_url = os.environ.get("CVAPP_TEST_DATABASE_URL", "")
    if not base_url.startswith("postgresql"):
        reason = "CVAPP_TEST_DATABASE_URL does not name a PostgreSQL database"
        if os.environ.get("CVAPP_REQUIRE_SERVICES") == "1":
            pytest.fail(reason)
        pytest.skip(reason)
    url = make_url(base_url)
    name = f"cvapp_migr_{uuid4().hex[:12]}"
    admin = create_engine(url, isolation_level="AUTOCOMMIT", poolclass=pool.NullPool)
    with admin.connect() as connection:
        connection.exec_driver_sql(f'CREATE DATABASE "{name}"')
    try:
        yield url.set(database=name)
    finally:
        with admin.connect() as connection:
            connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    """An engine on an empty database (PostgreSQL's is shared by this module's tests)."""
    if request.param == "sqlite":
        url: URL | str = f"sqlite:///{tmp_path / 'migrations.db'}"
    else:
        url = request.getfixturevalue("postgres_url")
    engine = create_engine(url, poolclass=pool.NullPool)
    yield engine
    engine.dispose()


def test_upgrade_builds_exactly_the_models_schema(engine: Engine) -> None:
    migrate(engine, "upgrade", "head")

    assert tables(engine) == set(SQLModel.metadata.tables)
    assert schema_diff(engine) == []


def test_postgresql_only_indexes_exist_only_there(engine: Engine) -> None:
    migrate(engine, "upgrade", "head")
    inspector = inspect(engine)

    for table, pg_only in PG_ONLY_INDEXES.items():
        indexes = {ix["name"] for ix in inspector.get_indexes(table)}
        if engine.dialect.name == "postgresql":
            assert pg_only <= indexes, table
        else:
            assert not pg_only & indexes, table


def test_downgrade_leaves_nothing_and_upgrade_works_again(engine: Engine) -> None:
    migrate(engine, "upgrade", "head")

    migrate(engine, "downgrade", "base")
    assert tables(engine) == set()

    migrate(engine, "upgrade", "head")
    assert tables(engine) == set(SQLModel.metadata.tables)
    assert schema_diff(engine) == []
