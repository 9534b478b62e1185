"""What every table shares: ULID ids, UTC timestamps, JSON columns and constraint names."""

from datetime import UTC, datetime
from typing import Any, Literal

from pydantic_core import PydanticUndefined
from sqlalchemy import JSON, CheckConstraint, DateTime, ForeignKey, Index
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator
from sqlmodel import Field, SQLModel
from ulid import ULID

# Deterministic constraint names, so migrations can drop and alter them by name.
SQLModel.metadata.naming_convention = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

JSONType = JSON().with_variant(JSONB(), "postgresql")
"""JSON everywhere, JSONB on PostgreSQL (indexable, compact)."""

ID_LENGTH = 26


def utcnow() -> datetime:
    """The current time, timezone-aware, in UTC."""
    return datetime.now(UTC)


def new_id() -> str:
    """A new ULID as its 26-character string (sortable by creation time)."""
    return str(ULID())


def as_utc(value: datetime | None) -> datetime | None:
    """``value`` in UTC; a naive datetime is taken to be UTC already."""
    if value is None:
        return None
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value.astimezone(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """``TIMESTAMP WITH TIME ZONE`` that always hands back aware UTC datetimes.

    SQLite keeps no offset, so values read back from it would otherwise be naive and fail to
    compare with ``utcnow()``.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        return as_utc(value)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        return as_utc(value)


OnDelete = Literal["CASCADE", "SET NULL", "RESTRICT"]


def fk(
    target: str,
    *,
    nullable: bool = False,
    ondelete: OnDelete = "CASCADE",
    index: bool = True,
    unique: bool = False,
    primary_key: bool = False,
    use_alter: bool = False,
) -> Any:
    """A ULID foreign key to ``target`` ("table.column"), indexed, cascading by default.

    A unique key is indexed by its constraint, so gets no extra index; in a composite primary
    key pass ``index=False`` for the leading column, which the key's own index covers.
    ``use_alter`` for one of two tables that reference each other: the key is left out when
    ordering the tables (and added once both exist where ALTER is possible).
    """
    key: dict[str, Any] = (
        {"sa_column_args": [ForeignKey(target, ondelete=ondelete, use_alter=True)]}
        if use_alter
        else {"foreign_key": target, "ondelete": ondelete}
    )
    return Field(
        default=None if nullable else PydanticUndefined,
        max_length=ID_LENGTH,
        **key,
        nullable=nullable,
        index=index and not unique,
        unique=unique,
        primary_key=primary_key,
    )


def timestamp(*, required: bool = False, index: bool = False) -> Any:
    """A timezone-aware UTC timestamp column; optional ones default to NULL."""
    if required:
        return Field(sa_type=UTCDateTime, nullable=False, index=index)
    return Field(default=None, sa_type=UTCDateTime, nullable=True, index=index)


def json_list() -> Any:
    """A JSON array column, empty by default."""
    return Field(default_factory=list, sa_type=JSONType, nullable=False)


def json_dict() -> Any:
    """A JSON object column, empty by default."""
    return Field(default_factory=dict, sa_type=JSONType, nullable=False)


def check_in(column: str, values: tuple[str, ...]) -> CheckConstraint:
    """``CHECK (column IN (...))`` named after the column (``ck_<table>_<column>``)."""
    allowed = ", ".join(f"'{value}'" for value in values)
    return CheckConstraint(f"{column} IN ({allowed})", name=column)


def postgresql_only(index: Index) -> Index:
    """Mark an index as PostgreSQL-only: skipped by ``create_all`` and autogenerate elsewhere."""
    index.info["dialect"] = "postgresql"
    return index.ddl_if(dialect="postgresql")


class TableBase(SQLModel):
    """Columns of every entity table: a ULID primary key and UTC created/updated times."""

    id: str = Field(default_factory=new_id, primary_key=True, max_length=ID_LENGTH)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, nullable=False)
    updated_at: datetime = Field(
        default_factory=utcnow,
        sa_type=UTCDateTime,
        nullable=False,
        sa_column_kwargs={"onupdate": utcnow},
    )
