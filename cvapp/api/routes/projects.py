"""/projects: filterable by ``current`` and ``skill_id``, full-text searchable with ``q``."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Query

from cvapp.api.routes.sections import section_router
from cvapp.domain.sections import projects


def project_filters(
    current: Annotated[bool | None, Query(description="true: no end date")] = None,
    skill_id: Annotated[str | None, Query(max_length=26)] = None,
    q: Annotated[
        str | None, Query(max_length=200, description="Search name and description")
    ] = None,
) -> dict[str, Any]:
    return {"current": current, "skill_id": skill_id, "q": q or None}


router = section_router(projects.service, project_filters)
