"""One owner-checked CRUD service for every profile section (experiences, skills, education…).

A section is described once (table, request and PATCH bodies, view, sortable fields, filters,
links); :class:`SectionService` gives it create / get / list / replace / update / delete /
reorder.
Every change publishes ``profile.changed``. Views are built from rows whose links were
eager-loaded in one query per relationship, so reads cost a fixed number of queries.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from pydantic import BaseModel
from sqlalchemy import ColumnElement, String, func
from sqlalchemy.orm import lazyload, selectinload
from sqlmodel import Session, select

from cvapp.domain.events import publish
from cvapp.domain.profiles.lookup import get_or_create_profile
from cvapp.domain.sections.dates import check_order
from cvapp.domain.sections.fields import validate
from cvapp.errors import NotFound, ValidationFailed
from cvapp.models import Profile
from cvapp.models.base import TableBase

RowT = TypeVar("RowT", bound=TableBase)  # a section table: id, profile_id, sort_order
InT = TypeVar("InT", bound=BaseModel)
ViewT = TypeVar("ViewT", bound=BaseModel)

Filter = Callable[[Any, str], ColumnElement[bool]]
"""A list filter: (value, dialect name) → a condition on the section's table."""
ConflictCheck = Callable[[Session, str, str | None, Any], None]
"""(session, profile id, item id or None, validated input) → raises Conflict when taken."""


@dataclass(frozen=True)
class Link:
    """A body field of ids (``skill_ids``) stored through a many-to-many relationship."""

    relationship: str
    target: type[TableBase]
    label: str


def current_filter(model: type[TableBase]) -> Filter:
    """The ``current`` filter of a dated section: no end date (or, when false, one)."""
    end_date: Any = model.end_date  # type: ignore[attr-defined]

    def condition(value: bool, _: str) -> ColumnElement[bool]:
        return end_date.is_(None) if value else end_date.is_not(None)  # type: ignore[no-any-return]

    return condition


def skill_filter(model: type[TableBase], item_id: Any, skill_id: Any) -> Filter:
    """The ``skill_id`` filter: items that ``model``'s link table (``item_id``, ``skill_id``
    columns) links to the given skill."""

    def condition(value: str, _: str) -> ColumnElement[bool]:
        used = select(item_id).where(skill_id == value)
        return model.id.in_(used)  # type: ignore[attr-defined,no-any-return]

    return condition


class SectionService(Generic[RowT, InT, ViewT]):
    """Create, read, update, delete and reorder one section's items, owner-checked."""

    def __init__(
        self,
        *,
        key: str,
        label: str,
        model: type[RowT],
        schema: type[InT],
        patch: type[BaseModel],
        view: type[ViewT],
        sort_fields: Sequence[str],
        links: Mapping[str, Link] | None = None,
        loads: Sequence[str] = (),
        date_pairs: Sequence[tuple[str, str]] = (),
        filters: Mapping[str, Filter] | None = None,
        conflict_check: ConflictCheck | None = None,
        to_row: Callable[[dict[str, Any]], dict[str, Any]] | None = None,
        to_view: Callable[[RowT], ViewT] | None = None,
    ) -> None:
        self.key, self.label, self.model, self.schema, self.view = key, label, model, schema, view
        self._table: Any = model  # its columns, for building statements
        self.patch_schema = patch  # the PATCH body: every field of ``schema``, optional
        self.sort_fields = ("order", *sort_fields, "created_at")
        self.default_sort = ("order", False)
        self.links = dict(links or {})
        self.loads = tuple(loads)
        self.date_pairs = tuple(date_pairs)
        self.filters = dict(filters or {})
        self._conflict_check = conflict_check
        self._to_row = to_row or (lambda row: row)
        self._to_view = to_view or (lambda row: view.model_validate(row, from_attributes=True))

    # -- reading ---------------------------------------------------------------------------

    def _select(self) -> Any:
        options = [selectinload(getattr(self._table, name)).raiseload("*") for name in self.loads]
        return select(self.model).options(*options)

    def get_row(self, session: Session, *, user_id: str, item_id: str) -> RowT:
        """The caller's row (links loaded); anyone else's answers NotFound."""
        statement = (
            self._select()
            .join(Profile, Profile.id == self._table.profile_id)
            .where(self._table.id == item_id, Profile.user_id == user_id)
            .execution_options(populate_existing=True)
        )
        row: RowT | None = session.exec(statement).first()
        if row is None:
            raise NotFound(f"{self.label} not found")
        return row

    def get(self, session: Session, *, user_id: str, item_id: str) -> ViewT:
        """One of the caller's items."""
        return self._to_view(self.get_row(session, user_id=user_id, item_id=item_id))

    def list_items(
        self,
        session: Session,
        *,
        user_id: str,
        offset: int = 0,
        limit: int | None = None,
        sort: tuple[str, bool] | None = None,
        filters: Mapping[str, Any] | None = None,
    ) -> tuple[list[ViewT], int]:
        """A page of the caller's items and the total matching, sorted and filtered."""
        profile = get_or_create_profile(session, user_id=user_id)
        conditions = self._conditions(session, profile.id, filters or {})
        total = session.exec(select(func.count()).select_from(self._table).where(*conditions)).one()
        statement = self._select().where(*conditions).order_by(*self._ordering(sort))
        rows = session.exec(statement.offset(offset).limit(limit)).all()
        return [self._to_view(row) for row in rows], int(total)

    def for_profile(self, session: Session, *, profile_id: str) -> list[ViewT]:
        """Every item of a profile in the user's order (no owner check: callers decide)."""
        statement = self._select().where(self._table.profile_id == profile_id)
        rows = session.exec(statement.order_by(*self._ordering(None))).all()
        return [self._to_view(row) for row in rows]

    def rows_for_profile(self, session: Session, *, profile_id: str) -> list[RowT]:
        """Every row of a profile with its links loaded (no owner check: callers decide)."""
        statement = self._select().where(self._table.profile_id == profile_id)
        return list(session.exec(statement.order_by(*self._ordering(None))).all())

    def _conditions(
        self, session: Session, profile_id: str, filters: Mapping[str, Any]
    ) -> list[ColumnElement[bool]]:
        dialect = session.get_bind().dialect.name
        conditions = [self._table.profile_id == profile_id]
        for name, value in filters.items():
            if name not in self.filters:
                raise ValidationFailed.field(name, f"Unknown filter for {self.key}")
            if value is not None:
                conditions.append(self.filters[name](value, dialect))
        return conditions

    def _ordering(self, sort: tuple[str, bool] | None) -> list[Any]:
        field, descending = sort or self.default_sort
        if field not in self.sort_fields:
            raise ValidationFailed.field("sort", f"Use one of {', '.join(self.sort_fields)}")
        column = getattr(self._table, "sort_order" if field == "order" else field)
        keys: list[Any] = []
        if column.nullable:
            # No end date means current, the latest of all; other blanks go last.
            blanks_first = field == "end_date" and descending
            keys.append(column.is_(None).desc() if blanks_first else column.is_(None))
        if _is_text(column):
            column = func.lower(column)
        keys.append(column.desc() if descending else column)
        return [*keys, self._table.sort_order, self._table.id]

    # -- writing ---------------------------------------------------------------------------

    def create(self, session: Session, *, user_id: str, data: InT | Mapping[str, Any]) -> ViewT:
        """Add an item, at the end of the section unless ``order`` is given."""
        profile = get_or_create_profile(session, user_id=user_id)
        values = self._validated(session, profile.id, None, data)
        last = session.exec(
            select(func.max(self._table.sort_order)).where(self._table.profile_id == profile.id)
        ).one()
        row = self._table(profile_id=profile.id, sort_order=0 if last is None else last + 1)
        session.add(row)
        self._apply(session, profile.id, row, values)
        return self._saved(session, user_id=user_id, profile_id=profile.id, row=row)

    def replace(
        self, session: Session, *, user_id: str, item_id: str, data: InT | Mapping[str, Any]
    ) -> ViewT:
        """Full update (PUT): optional fields left out are reset; ``order`` kept if absent."""
        row: Any = self.get_row(session, user_id=user_id, item_id=item_id)
        values = self._validated(session, row.profile_id, row.id, data)
        self._apply(session, row.profile_id, row, values)
        return self._saved(session, user_id=user_id, profile_id=row.profile_id, row=row)

    def update(
        self,
        session: Session,
        *,
        user_id: str,
        item_id: str,
        changes: BaseModel | Mapping[str, Any],
    ) -> ViewT:
        """Partial update (PATCH): only the fields in ``changes`` (a mapping or the PATCH
        body) change."""
        row: Any = self.get_row(session, user_id=user_id, item_id=item_id)
        sent = self._patched(validate(self.patch_schema, changes).model_dump(exclude_unset=True))
        merged = {**self._current(row), **sent}
        values = self._validated(session, row.profile_id, row.id, merged)
        self._apply(session, row.profile_id, row, values)
        return self._saved(session, user_id=user_id, profile_id=row.profile_id, row=row)

    def _patched(self, sent: dict[str, Any]) -> dict[str, Any]:
        """The fields a PATCH changes, given those it sent (a section may add to them)."""
        return sent

    def delete(self, session: Session, *, user_id: str, item_id: str) -> None:
        """Remove an item and its links."""
        row: Any = self.get_row(session, user_id=user_id, item_id=item_id)
        profile_id = row.profile_id
        session.delete(row)
        session.flush()
        self._changed(session, user_id=user_id, profile_id=profile_id)

    def reorder(self, session: Session, *, user_id: str, ids: Sequence[str]) -> list[ViewT]:
        """Put the items in the order of ``ids``; items not listed follow in their old order."""
        if len(set(ids)) != len(ids):
            raise ValidationFailed.field("ids", "Each id may appear once")
        profile = get_or_create_profile(session, user_id=user_id)
        statement = (
            select(self.model)
            .options(lazyload("*"))
            .where(self._table.profile_id == profile.id)
            .order_by(*self._ordering(None))
        )
        rows: dict[str, Any] = {row.id: row for row in session.exec(statement).all()}
        unknown = [item_id for item_id in ids if item_id not in rows]
        if unknown:
            raise ValidationFailed.field("ids", f"Unknown {self.label.lower()}: {unknown[0]}")
        ordered = [rows[item_id] for item_id in ids]
        listed = set(ids)
        ordered += [row for item_id, row in rows.items() if item_id not in listed]
        for position, row in enumerate(ordered):
            if row.sort_order != position:
                row.sort_order = position
        session.flush()
        self._changed(session, user_id=user_id, profile_id=profile.id)
        return self.for_profile(session, profile_id=profile.id)

    # -- helpers ---------------------------------------------------------------------------

    def _validated(
        self, session: Session, profile_id: str, item_id: str | None, data: object
    ) -> InT:
        values = validate(self.schema, data)
        dumped = values.model_dump()
        for start, end in self.date_pairs:
            check_order(dumped, start, end)
        if self._conflict_check is not None:
            self._conflict_check(session, profile_id, item_id, values)
        return values

    def _current(self, row: Any) -> dict[str, Any]:
        """The row as the request schema's fields, to merge a partial update into."""
        current: dict[str, Any] = {}
        for name in self.schema.model_fields:
            if name in self.links:
                targets = getattr(row, self.links[name].relationship)
                current[name] = [target.id for target in targets]
            elif name == "order":
                current[name] = row.sort_order
            else:
                current[name] = getattr(row, name)
        return current

    def _apply(self, session: Session, profile_id: str, row: Any, values: InT) -> None:
        data = values.model_dump(exclude={*self.links, "order"})
        for name, value in self._to_row(data).items():
            setattr(row, name, value)
        order = getattr(values, "order", None)
        if order is not None:
            row.sort_order = order
        with session.no_autoflush:  # the row is complete only once every link is set
            for name, link in self.links.items():
                ids = list(dict.fromkeys(getattr(values, name)))
                targets = self._targets(session, profile_id, name, link, ids)
                setattr(row, link.relationship, targets)

    def _targets(
        self, session: Session, profile_id: str, field: str, link: Link, ids: list[str]
    ) -> list[Any]:
        """The profile's rows behind ``ids``; an id that is not theirs is a field error."""
        if not ids:
            return []
        target: Any = link.target
        statement = (
            select(target)
            .options(lazyload("*"))
            .where(target.id.in_(ids), target.profile_id == profile_id)
        )
        found: dict[str, Any] = {row.id: row for row in session.exec(statement).all()}
        missing = [item_id for item_id in ids if item_id not in found]
        if missing:
            raise ValidationFailed.field(field, f"Unknown {link.label}: {missing[0]}")
        return [found[item_id] for item_id in ids]

    def _saved(self, session: Session, *, user_id: str, profile_id: str, row: Any) -> ViewT:
        session.flush()
        self._changed(session, user_id=user_id, profile_id=profile_id)
        return self.get(session, user_id=user_id, item_id=row.id)

    def _changed(self, session: Session, *, user_id: str, profile_id: str) -> None:
        publish(
            session, "profile.changed", user_id=user_id, profile_id=profile_id, section=self.key
        )


def _is_text(column: Any) -> bool:
    """Whether a column holds text (sorted case-insensitively, the same on every database)."""
    column_type = column.type
    return isinstance(getattr(column_type, "impl_instance", column_type), String)
