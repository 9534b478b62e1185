"""/applications: the job tracker (adverts, status pipeline, timeline, board labels)."""

from __future__ import annotations

from typing import Annotated, Any, Literal, cast

from fastapi import APIRouter, Body, Query, Request, Response
from pydantic import BaseModel

from cvapp.api.deps import CurrentUser, SessionDep, if_match_version
from cvapp.api.pagination import Page, PageDep
from cvapp.domain.applications import board, service
from cvapp.domain.applications.schemas import (
    ApplicationIn,
    ApplicationSummary,
    ApplicationView,
    StatusLabel,
    StatusLabelsIn,
    StatusMove,
    TimelineEntry,
)

router = APIRouter(prefix="/applications", tags=["applications"])
ApplicationPatch: Any = service.ApplicationPatch
_VERSIONED: dict[int | str, dict[str, Any]] = {
    409: {"description": "CONFLICT: changed since the `version` sent"},
    412: {"description": "PRECONDITION_FAILED: changed since the `If-Match` ETag"},
}


def _if_match(request: Request) -> int | None:
    return if_match_version(request, read_from="GET /applications/{id}")


def _tagged(application: ApplicationView, response: Response) -> ApplicationView:
    response.headers["ETag"] = f'"{application.version}"'
    return application


@router.get("", response_model=Page[ApplicationSummary])
def list_applications(
    user: CurrentUser,
    session: SessionDep,
    params: PageDep,
    status: Annotated[str | None, Query(max_length=16)] = None,
    q: Annotated[str | None, Query(max_length=200)] = None,
    archived: Literal["false", "true", "all"] = "false",
) -> dict[str, Any]:
    """The caller's applications; filter by ``status``, words (``q``: company, role, location,
    notes) and ``archived`` (false, true or all). Sort: company, role, status, deadline,
    created_at, updated_at."""
    sort = params.sort_by(service.SORT_FIELDS, ("updated_at", True))
    items, total = service.list_applications(
        session,
        user_id=user.id,
        status=status,
        query=q,
        archived=None if archived == "all" else archived == "true",
        offset=params.offset,
        limit=params.size,
        sort=sort,
    )
    return params.page_of(items, total)


@router.post("", status_code=201, response_model=ApplicationView)
def create_application(
    payload: ApplicationIn,
    user: CurrentUser,
    session: SessionDep,
    request: Request,
    response: Response,
) -> ApplicationView:
    """Track a new application (counts toward the plan's tracked applications)."""
    created = service.create_application(session, user_id=user.id, data=payload)
    response.headers["Location"] = str(
        request.url_for("get_application", application_id=created.id)
    )
    return created


@router.get("/statuses", response_model=list[StatusLabel])
def list_statuses(user: CurrentUser, session: SessionDep) -> list[StatusLabel]:
    """The board's columns: every status in pipeline order with your name for it."""
    return board.status_labels(session, user_id=user.id)


@router.put("/statuses", response_model=list[StatusLabel])
def rename_statuses(
    payload: StatusLabelsIn, user: CurrentUser, session: SessionDep
) -> list[StatusLabel]:
    """Rename statuses (``{"labels": {"wishlist": "Dream jobs"}}``); empty = default name."""
    return board.set_status_labels(session, user_id=user.id, data=payload)


@router.get("/{application_id}", response_model=ApplicationView)
def get_application(
    application_id: str, user: CurrentUser, session: SessionDep, response: Response
) -> ApplicationView:
    """One application with its timeline; its ETag is its ``version``."""
    found = service.get_application(session, user_id=user.id, application_id=application_id)
    return _tagged(found, response)


@router.put("/{application_id}", response_model=ApplicationView, responses=_VERSIONED)
def replace_application(
    application_id: str,
    payload: ApplicationIn,
    user: CurrentUser,
    session: SessionDep,
    request: Request,
    response: Response,
) -> ApplicationView:
    """Full update; a status change is added to the timeline."""
    changed = service.replace_application(
        session,
        user_id=user.id,
        application_id=application_id,
        data=payload,
        if_match=_if_match(request),
    )
    return _tagged(changed, response)


@router.patch("/{application_id}", response_model=ApplicationView, responses=_VERSIONED)
def update_application(
    application_id: str,
    payload: Annotated[ApplicationPatch, Body()],
    user: CurrentUser,
    session: SessionDep,
    request: Request,
    response: Response,
) -> ApplicationView:
    """Partial update (``archived: true`` archives it); a status change is dated on the
    timeline."""
    changes = cast(BaseModel, payload).model_dump(exclude_unset=True)
    changed = service.update_application(
        session,
        user_id=user.id,
        application_id=application_id,
        changes=changes,
        if_match=_if_match(request),
    )
    return _tagged(changed, response)


@router.post("/{application_id}/status", response_model=ApplicationView, responses=_VERSIONED)
def move_application(
    application_id: str,
    payload: StatusMove,
    user: CurrentUser,
    session: SessionDep,
    response: Response,
) -> ApplicationView:
    """Move the application to another status (a board column)."""
    moved = service.move_application(
        session,
        user_id=user.id,
        application_id=application_id,
        status=payload.status,
        version=payload.version,
    )
    return _tagged(moved, response)


@router.get("/{application_id}/timeline", response_model=list[TimelineEntry])
def get_timeline(
    application_id: str, user: CurrentUser, session: SessionDep
) -> list[TimelineEntry]:
    """What happened and when, oldest first."""
    row = service.get_row(session, user_id=user.id, application_id=application_id)
    return service.timeline(session, application_id=row.id)


@router.delete("/{application_id}", status_code=204, response_class=Response)
def delete_application(application_id: str, user: CurrentUser, session: SessionDep) -> Response:
    """Delete an application and its timeline."""
    service.delete_application(session, user_id=user.id, application_id=application_id)
    return Response(status_code=204)
