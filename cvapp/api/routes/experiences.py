"""/experiences: positions held, filterable by ``current`` and ``skill_id``."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Query

from cvapp.api.routes.sections import section_router
from cvapp.domain.sections import experiences


def experience_filters(
    current: Annotated[bool | None, Query(description="true: no end date")] = None,
    skill_id: Annotated[str | None, Query(max_length=26)] = None,
) -> dict[str, Any]:
    return {"current": current, "skill_id": skill_id}


router = section_router(experiences.service, experience_filters)
