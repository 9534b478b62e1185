"""Pagination and sorting for list endpoints: ?page=&size=&sort=field:asc|desc."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Annotated, Any, Generic, TypeVar

from fastapi import Depends, Query
from pydantic import BaseModel

from cvapp.errors import ValidationFailed

T = TypeVar("T")


class PageMeta(BaseModel):
    page: int
    size: int
    total: int
    pages: int


class Page(BaseModel, Generic[T]):
    data: list[T]
    pagination: PageMeta


class PageParams(BaseModel):
    page: int = 1
    size: int = 20
    sort: str | None = None

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.size

    def sort_by(self, allowed: Sequence[str], default: tuple[str, bool]) -> tuple[str, bool]:
        """(field, descending) from ``sort``, refusing fields not in ``allowed``."""
        if not self.sort:
            return default
        field, _, direction = self.sort.partition(":")
        direction = direction or "asc"
        if field not in allowed or direction not in ("asc", "desc"):
            raise ValidationFailed.field(
                "sort", f"Use one of {', '.join(allowed)} with :asc or :desc"
            )
        return field, direction == "desc"

    def page_of(self, items: list[Any], total: int) -> dict[str, Any]:
        pages = math.ceil(total / self.size) if total else 0
        meta = {"page": self.page, "size": self.size, "total": total, "pages": pages}
        return {"data": items, "pagination": meta}


def _page_params(
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
    size: Annotated[int, Query(ge=1, le=100)] = 20,
    sort: Annotated[str | None, Query(max_length=60, pattern=r"^[a-z_]+(:(asc|desc))?$")] = None,
) -> PageParams:
    return PageParams(page=page, size=size, sort=sort)


PageDep = Annotated[PageParams, Depends(_page_params)]
