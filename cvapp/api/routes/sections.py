"""REST routes of a profile section, built once for all nine from the section's service.

For each section ``/{key}``: list (paginated, sortable, filterable), create (201 +
Location), get, PUT (replace), PATCH (partial), DELETE (204) and ``POST /{key}/reorder``.
"""

# No ``from __future__ import annotations``: FastAPI reads these closures' annotations.

from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, Request, Response

from cvapp.api.deps import CurrentUser, SessionDep
from cvapp.api.pagination import Page, PageDep
from cvapp.domain.sections import SECTIONS
from cvapp.domain.sections.fields import ReorderIn
from cvapp.domain.sections.service import SectionService


def _no_filters() -> dict[str, Any]:
    return {}


def section_router(
    service: SectionService[Any, Any, Any],
    filters: Callable[..., dict[str, Any]] = _no_filters,
) -> APIRouter:
    """The routes of one section; ``filters`` is a dependency returning the list filters."""
    key, label = service.key, service.label
    schema, patch_schema, view = service.schema, service.patch_schema, service.view
    router = APIRouter(prefix=f"/{key}", tags=[key])
    sort_help = f"field:asc|desc, field one of {', '.join(service.sort_fields)}"
    page_model: Any = Page[view]  # type: ignore[valid-type]
    reordered_model: Any = dict[str, list[view]]  # type: ignore[valid-type]

    @router.get("", name=f"list_{key}", response_model=page_model, description=sort_help)
    def list_items(
        user: CurrentUser,
        session: SessionDep,
        params: PageDep,
        chosen: Annotated[dict[str, Any], Depends(filters)],
    ) -> dict[str, Any]:
        sort = params.sort_by(service.sort_fields, service.default_sort)
        items, total = service.list_items(
            session,
            user_id=user.id,
            offset=params.offset,
            limit=params.size,
            sort=sort,
            filters=chosen,
        )
        return params.page_of(items, total)

    @router.post("", name=f"create_{key}", status_code=201, response_model=view)
    def create_item(
        payload: Annotated[schema, Body()],  # type: ignore[valid-type]
        user: CurrentUser,
        session: SessionDep,
        request: Request,
        response: Response,
    ) -> Any:
        item = service.create(session, user_id=user.id, data=payload)
        response.headers["Location"] = str(request.url_for(f"get_{key}", item_id=item.id))
        return item

    @router.post("/reorder", name=f"reorder_{key}", response_model=reordered_model)
    def reorder_items(payload: ReorderIn, user: CurrentUser, session: SessionDep) -> Any:
        return {"data": service.reorder(session, user_id=user.id, ids=payload.ids)}

    @router.get("/{item_id}", name=f"get_{key}", response_model=view)
    def get_item(item_id: str, user: CurrentUser, session: SessionDep) -> Any:
        return service.get(session, user_id=user.id, item_id=item_id)

    @router.put("/{item_id}", name=f"replace_{key}", response_model=view)
    def replace_item(
        item_id: str,
        payload: Annotated[schema, Body()],  # type: ignore[valid-type]
        user: CurrentUser,
        session: SessionDep,
    ) -> Any:
        return service.replace(session, user_id=user.id, item_id=item_id, data=payload)

    @router.patch("/{item_id}", name=f"update_{key}", response_model=view)
    def update_item(
        item_id: str,
        payload: Annotated[patch_schema, Body()],  # type: ignore[valid-type]
        user: CurrentUser,
        session: SessionDep,
    ) -> Any:
        return service.update(session, user_id=user.id, item_id=item_id, changes=payload)

    @router.delete("/{item_id}", name=f"delete_{key}", status_code=204, response_class=Response)
    def delete_item(item_id: str, user: CurrentUser, session: SessionDep) -> Response:
        service.delete(session, user_id=user.id, item_id=item_id)
        return Response(status_code=204)

    for route in router.routes:  # one-line docs in the OpenAPI document
        route.summary = f"{route.name.split('_')[0].title()} {label.lower()}"  # type: ignore[attr-defined]
    return router


def simple_routers() -> list[APIRouter]:
    """Routers of the sections without filters (education … volunteering)."""
    keys = ("education", "certifications", "achievements", "languages", "publications")
    return [section_router(SECTIONS[key]) for key in (*keys, "volunteering")]
