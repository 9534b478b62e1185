"""Alembic environment: cvapp's metadata, and the URL from settings unless told otherwise.

Where the database comes from, first match wins:
1. ``config.attributes["connection"]``: an open SQLAlchemy connection (tests, app code);
2. ``alembic -x url=...``;
3. ``config.set_main_option("sqlalchemy.url", ...)`` (programmatic use only);
4. ``cvapp.settings.get_settings().database_url``.
"""

from logging.config import fileConfig
from pathlib import Path
from typing import Any, Literal

from alembic import context
from sqlalchemy import Connection, create_engine, pool
from sqlalchemy.engine import make_url
from sqlmodel import SQLModel

import cvapp.models  # noqa: F401  (fills SQLModel.metadata)
from cvapp.models.base import UTCDateTime
from cvapp.settings import get_settings

config = context.config

if config.config_file_name is not None and config.attributes.get("configure_logger", True):
    fileConfig(config.config_file_name, disable_existing_loggers=False)

target_metadata = SQLModel.metadata


def database_url() -> str:
    url = context.get_x_argument(as_dictionary=True).get("url")
    return url or config.get_main_option("sqlalchemy.url") or get_settings().database_url


def render_item(type_: str, obj: Any, autogen_context: Any) -> str | Literal[False]:
    """Write cvapp's UTC timestamp type as the plain column type it stores."""
    if type_ == "type" and isinstance(obj, UTCDateTime):
        return "sa.DateTime(timezone=True)"
    return False


def include_object(
    obj: Any, name: str | None, type_: str, reflected: bool, compare_to: Any
) -> bool:
    """Leave dialect-only indexes (``base.postgresql_only``) out where they do not apply."""
    if type_ == "index" and not reflected:
        dialect = obj.info.get("dialect")
        return dialect is None or dialect == context.get_context().dialect.name
    return True


def configure(**kwargs: Any) -> None:
    context.configure(
        target_metadata=target_metadata,
        compare_type=True,
        # Batch operations become plain ALTERs on PostgreSQL and table copies on SQLite, so
        # every migration runs on both.
        render_as_batch=True,
        render_item=render_item,
        include_object=include_object,
        **kwargs,
    )


def run_migrations_offline() -> None:
    configure(url=database_url(), literal_binds=True, dialect_opts={"paramstyle": "named"})
    with context.begin_transaction():
        context.run_migrations()


def run_with(connection: Connection) -> None:
    configure(connection=connection)
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        run_with(connection)
        return
    url = make_url(database_url())
    if url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:"):
        Path(url.database).parent.mkdir(parents=True, exist_ok=True)
    # A plain engine: no SQLite foreign-key pragma, so batch table copies cannot cascade.
    engine = create_engine(url, poolclass=pool.NullPool)
    try:
        with engine.connect() as connection:
            run_with(connection)
    finally:
        engine.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
