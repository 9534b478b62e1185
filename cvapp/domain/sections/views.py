"""Read schemas shared by the sections: the base of every item view and the link refs."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, TypeVar

from pydantic import AliasChoices, BaseModel, ConfigDict, Field, computed_field


class View(BaseModel):
    """Base of read schemas, built straight from table rows (``from_attributes``)."""

    model_config = ConfigDict(from_attributes=True)


class ItemView(View):
    """Columns every section item shows: id, the user's order and timestamps."""

    id: str
    order: int = Field(default=0, validation_alias=AliasChoices("order", "sort_order"))
    created_at: datetime
    updated_at: datetime


class DatedItemView(ItemView):
    """An item with an end date, current while it has none (``end_date`` is the subclass's)."""

    if TYPE_CHECKING:
        end_date: str | None

    @computed_field  # type: ignore[prop-decorator]
    @property
    def current(self) -> bool:
        return self.end_date is None


class Ref(View):
    """A linked item, in the order the user gave its section."""

    id: str
    order: int = Field(default=0, validation_alias=AliasChoices("order", "sort_order"))


class SkillRef(Ref):
    name: str
    category: str | None = None


class ExperienceRef(Ref):
    company: str
    title: str


class ProjectRef(Ref):
    name: str


R = TypeVar("R", bound=Ref)


def in_order(refs: list[R]) -> list[R]:
    """Refs sorted by their section's order (link tables keep no order of their own)."""
    return sorted(refs, key=lambda ref: (ref.order, ref.id))
