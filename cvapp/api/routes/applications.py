"""/applications: the job tracker (adverts, status pipeline, timeline, board labels)."""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Body, Query, Request, Response, UploadFile
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from cvapp import routes
from cvapp.api.deps import VERSIONED, CurrentUser, SessionDep, if_match_version, tagged
from cvapp.api.pagination import Page, PageDep
from cvapp.api.routes.jobs import accepted
from cvapp.domain.applications import (
    adverts,
    board,
    calendar,
    jobschema,
    links,
    service,
    tasks,
    webpage,
)
from cvapp.domain.applications.calendar import EventKind
from cvapp.domain.applications.schemas import (
    AdDraft,
    AdIn,
    ApplicationIn,
    ApplicationPatch,
    ApplicationShareIn,
    ApplicationSummary,
    ApplicationView,
    StatusLabel,
    StatusLabelsIn,
    StatusMove,
    TimelineEntry,
)
from cvapp.domain.cvs.schemas import CvView
from cvapp.domain.public.share_links import ShareLinkView
from cvapp.settings import get_settings

router = APIRouter(prefix="/applications", tags=["applications"])


def _if_match(request: Request) -> int | None:
    return if_match_version(request, read_from="GET /applications/{id}")


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


@router.post("/import", status_code=201, response_model=ApplicationView)
def import_job(
    payload: Annotated[dict[str, Any], Body(description="A JSON Resume job (job-schema.json)")],
    user: CurrentUser,
    session: SessionDep,
    request: Request,
    response: Response,
) -> ApplicationView:
    """Track a job given as a JSON Resume job document (validated against its schema; the
    whole document is kept and comes back out of ``GET …/job.json``)."""
    data, job = jobschema.from_job(payload)
    created = service.create_application(session, user_id=user.id, data=data, job=job)
    response.headers["Location"] = str(
        request.url_for("get_application", application_id=created.id)
    )
    return created


@router.post("/read-ad", response_model=AdDraft)
def read_ad(payload: AdIn, user: CurrentUser) -> AdDraft:
    """The company, role and location a pasted advert states plainly (nothing is saved)."""
    return adverts.read_ad(payload.text)


@router.post(
    "/read-page",
    response_model=AdDraft,
    responses={
        413: {"description": "A page over 3 MB"},
        415: {"description": "Not an HTML page"},
    },
)
async def read_page(file: UploadFile, user: CurrentUser) -> AdDraft:
    """The advert in a job page saved from the browser as HTML (multipart ``file``): its
    schema.org JobPosting if it has one, else its text. Nothing is fetched or saved."""
    data = await file.read(webpage.MAX_PAGE_BYTES + 1)
    return webpage.read_page(data, content_type=file.content_type, filename=file.filename)


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
    return tagged(found, response)


@router.put("/{application_id}", response_model=ApplicationView, responses=VERSIONED)
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
    return tagged(changed, response)


@router.patch("/{application_id}", response_model=ApplicationView, responses=VERSIONED)
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
    changes = payload.model_dump(exclude_unset=True)
    changed = service.update_application(
        session,
        user_id=user.id,
        application_id=application_id,
        changes=changes,
        if_match=_if_match(request),
    )
    return tagged(changed, response)


@router.post("/{application_id}/status", response_model=ApplicationView, responses=VERSIONED)
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
    return tagged(moved, response)


@router.get("/{application_id}/timeline", response_model=list[TimelineEntry])
def get_timeline(
    application_id: str, user: CurrentUser, session: SessionDep
) -> list[TimelineEntry]:
    """What happened and when, oldest first."""
    row = service.get_row(session, user_id=user.id, application_id=application_id)
    return service.timeline(session, application_id=row.id)


@router.get(
    "/{application_id}/job.json",
    response_class=JSONResponse,
    responses={200: {"description": "A JSON Resume job (job-schema.json)"}},
)
def export_job(application_id: str, user: CurrentUser, session: SessionDep) -> JSONResponse:
    """The application as a JSON Resume job, valid against the job schema."""
    row = service.get_row(session, user_id=user.id, application_id=application_id)
    name = re.sub(r"[^a-z0-9]+", "-", f"{row.company} {row.role}".lower()).strip("-")[:80]
    return JSONResponse(
        jobschema.to_job(row),
        headers={"Content-Disposition": f'attachment; filename="{name or "job"}.job.json"'},
    )


@router.get(
    "/{application_id}/calendar.ics",
    response_class=Response,
    responses={200: {"content": {"text/calendar": {}}, "description": "An iCalendar file"}},
)
def calendar_file(
    application_id: str,
    user: CurrentUser,
    session: SessionDep,
    event: EventKind | None = None,
) -> Response:
    """The application's interview, follow-up and deadline as iCalendar events (``event``:
    only that one); 404 when it has no such date."""
    row = service.get_row(session, user_id=user.id, application_id=application_id)
    page = f"{get_settings().public_url.rstrip('/')}{routes.application_detail(row.id)}"
    data = calendar.to_ics(row, kind=event, link=page)
    name = f"{event or 'application'}-{row.id}.ics"
    return Response(
        data,
        media_type="text/calendar; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


class Tailored(BaseModel):
    """The application (with the gap analysis kept) and the CV made for it."""

    application: ApplicationView
    cv: CvView


@router.post(
    "/{application_id}/tailor",
    status_code=201,
    response_model=Tailored,
    responses={202: {"description": "Queued as a job (a long advert, or ?async=true)"}},
)
def tailor_cv(
    application_id: str,
    user: CurrentUser,
    session: SessionDep,
    run_async: Annotated[bool, Query(alias="async")] = False,
) -> Any:
    """Gap-analyse the advert against your profile, keep the analysis with the application
    and make a CV for the job showing the items that back its requirements (linked as the
    application's CV). Counts as an AI call and a CV version. A long advert, or
    ``?async=true``, answers 202 with a job to poll (its result names the CV)."""
    if run_async or tasks.needs_job(session, user=user, application_id=application_id):
        return accepted(tasks.start_tailor(session, user=user, application_id=application_id))
    application, cv = links.tailor_cv(session, user=user, application_id=application_id)
    return Tailored(application=application, cv=cv)


@router.post("/{application_id}/share-links", status_code=201, response_model=ShareLinkView)
def share_application(
    application_id: str,
    user: CurrentUser,
    session: SessionDep,
    payload: ApplicationShareIn | None = None,
) -> ShareLinkView:
    """A share link to the application's CV for this recruiter: each open is dated on the
    application's timeline (nothing about the visitor is kept)."""
    label = payload.label if payload else None
    return links.share(session, user_id=user.id, application_id=application_id, label=label)


@router.delete("/{application_id}", status_code=204, response_class=Response)
def delete_application(application_id: str, user: CurrentUser, session: SessionDep) -> Response:
    """Delete an application and its timeline."""
    service.delete_application(session, user_id=user.id, application_id=application_id)
    return Response(status_code=204)
