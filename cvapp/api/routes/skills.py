"""/skills: filterable by ``category``; each skill shows its evidence."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Query

from cvapp.api.routes.sections import section_router
from cvapp.domain.sections import skills


def skill_filters(
    category: Annotated[str | None, Query(max_length=64)] = None,
) -> dict[str, Any]:
    return {"category": category}


router = section_router(skills.service, skill_filters)
