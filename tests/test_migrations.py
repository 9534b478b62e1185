"""The migrations build exactly the schema the models describe, on SQLite and PostgreSQL."""

import os
import warnings
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from uuid import uuid4

import pytest
import sqlalchemy as sa
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, create_engine, inspect, pool
from sqlalchemy.engine import URL, make_url
from sqlmodel import SQLModel

import cvapp.models  # noqa: F401  (fills SQLModel.metadata)
from tests.services import needs_postgres

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
    assert base_url.startswith("postgresql"), "CVAPP_TEST_DATABASE_URL names no PostgreSQL"
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


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=needs_postgres)])
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


def _row_counts(connection: Any) -> dict[str, int]:
    names = ("users", "profiles", "experiences", "cv_versions")
    return {n: connection.exec_driver_sql(f"SELECT count(*) FROM {n}").scalar() for n in names}


def _insert_then(connection: Any, table_name: str, /, **values: Any) -> None:
    """Insert into ``table_name`` only the columns given (columns added by later migrations,
    with their defaults, are not there yet)."""
    columns = SQLModel.metadata.tables[table_name].c
    table = sa.table(table_name, *(sa.column(key, columns[key].type) for key in values))
    connection.execute(table.insert().values(**values))


def test_public_cv_migration_keeps_the_data_and_follows_a_deleted_cv(engine: Engine) -> None:
    """0003 copies ``profiles`` on SQLite: nothing referencing it may be lost on the way, and
    the new key sets the choice back to NULL when that CV is deleted."""
    migrate(engine, "upgrade", "0002")
    t = SQLModel.metadata.tables
    now = datetime.now(UTC)
    stamps = {"created_at": now, "updated_at": now}
    with engine.begin() as connection:
        connection.execute(t["users"].insert().values(
            id="U" * 26, email="ann@example.org", full_name="Ann", password_hash="x",
            plan="free", is_admin=False, email_verified=True, failed_login_count=0,
            totp_enabled=False, **stamps,
        ))  # fmt: skip
        connection.execute(t["profiles"].insert().values(
            id="P" * 26, user_id="U" * 26, full_name="Ann", location={}, links=[],
            visibility="PUBLIC", completeness=0, completeness_missing=[], interests=[],
            references=[], **stamps,
        ))  # fmt: skip
        connection.execute(t["experiences"].insert().values(
            id="E" * 26, profile_id="P" * 26, company="Acme", title="Engineer",
            start_date="2020", responsibilities=[], sort_order=0, **stamps,
        ))  # fmt: skip
        _insert_then(connection, "cv_versions",
            id="C" * 26, user_id="U" * 26, profile_id="P" * 26, name="Tailored",
            template="classic", locale="en", page_size="A4", one_page=False, sections=[],
            items={}, override_sources={}, archived=False, read_only=False, **stamps,
        )  # fmt: skip
        before = _row_counts(connection)

    migrate(engine, "upgrade", "0003")
    with engine.begin() as connection:
        if engine.dialect.name == "sqlite":
            connection.exec_driver_sql("PRAGMA foreign_keys=ON")  # as the app's engine does
        assert _row_counts(connection) == before
        choice = "SELECT public_cv_id FROM profiles"
        assert connection.exec_driver_sql(choice).scalar() is None
        connection.exec_driver_sql(f"UPDATE profiles SET public_cv_id = '{'C' * 26}'")
        connection.exec_driver_sql("DELETE FROM cv_versions")
        assert connection.exec_driver_sql(choice).scalar() is None
        assert _row_counts(connection) == {**before, "cv_versions": 0}

    migrate(engine, "downgrade", "0002")
    columns = {c["name"] for c in inspect(engine).get_columns("profiles")}
    assert "public_cv_id" not in columns
    with engine.connect() as connection:
        assert _row_counts(connection) == {**before, "cv_versions": 0}
