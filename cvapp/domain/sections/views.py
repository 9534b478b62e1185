"""Read schemas shared by the sections: the base of every item view and the link refs."""

from __future__ import annotations

from datetime import datetime
from typing import TypeVar

from pydantic import AliasChoices, BaseModel, ConfigDict, Field


class View(BaseModel):
    """Base of read schemas, built straight from table rows (``from_attributes``)."""

    model_config = ConfigDict(from_attributes=True)


class ItemView(View):
    """Columns every section item shows: id, the user's order and timestamps."""

    id: str
    order: int = Field(default=0, validation_alias=AliasChoices("order", "sort_order"))
    created_at: datetime
    updated_at: datetime


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
