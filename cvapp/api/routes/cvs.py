"""/cvs: CV versions derived from the master profile."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Request, Response
from pydantic import BaseModel

from cvapp.api.deps import VERSIONED, CurrentUser, SessionDep, if_match_version, tagged
from cvapp.api.pagination import Page, PageDep
from cvapp.domain.cvs import ordering, service
from cvapp.domain.cvs.schemas import (
    CvCreate,
    CvIn,
    CvPatch,
    CvSummary,
    CvView,
    ItemOrderIn,
    ReviewAck,
    SectionOrderIn,
)

router = APIRouter(prefix="/cvs", tags=["cvs"])


class DuplicateIn(BaseModel):
    name: str | None = None


@router.get("", response_model=Page[CvSummary])
def list_cvs(user: CurrentUser, session: SessionDep, params: PageDep) -> dict[str, Any]:
    """The caller's CV versions (sort: name, created_at, updated_at)."""
    sort = params.sort_by(service.SORT_FIELDS, ("updated_at", True))
    items, total = service.list_cvs(
        session, user_id=user.id, offset=params.offset, limit=params.size, sort=sort
    )
    return params.page_of(items, total)


@router.post("", status_code=201, response_model=CvView)
def create_cv(
    payload: CvCreate, user: CurrentUser, session: SessionDep, request: Request, response: Response
) -> CvView:
    """A new version derived from the master; without a name, named after the target role."""
    cv = service.create_cv(session, user_id=user.id, data=payload)
    response.headers["Location"] = str(request.url_for("get_cv", cv_id=cv.id))
    return cv


def _if_match(request: Request) -> int | None:
    return if_match_version(request, read_from="GET /cvs/{id}")


@router.get("/{cv_id}", response_model=CvView)
def get_cv(cv_id: str, user: CurrentUser, session: SessionDep, response: Response) -> CvView:
    """One version, merged with the master, overrides needing review flagged; its ETag is
    its ``version``."""
    return tagged(service.get_cv(session, user_id=user.id, cv_id=cv_id), response)


@router.put("/{cv_id}", response_model=CvView, responses=VERSIONED)
def replace_cv(
    cv_id: str,
    payload: CvIn,
    user: CurrentUser,
    session: SessionDep,
    request: Request,
    response: Response,
) -> CvView:
    """Full update; left-out sections and items go back to the master's defaults. Send the
    ``version`` you read (or ``If-Match``) so as not to overwrite someone else's change."""
    cv = service.replace_cv(
        session, user_id=user.id, cv_id=cv_id, data=payload, if_match=_if_match(request)
    )
    return tagged(cv, response)


class ItemVisibility(BaseModel):
    visible: bool
    version: int | None = None


@router.patch("/{cv_id}/items/{section}/{item_id}", response_model=CvView, responses=VERSIONED)
def set_item_visible(
    cv_id: str,
    section: str,
    item_id: str,
    payload: ItemVisibility,
    user: CurrentUser,
    session: SessionDep,
    response: Response,
) -> CvView:
    """Show or hide one profile item on this CV; showing it shows its section too (what
    "Add to this CV" after a gap analysis does). The other items keep their place."""
    cv = service.set_item_visible(
        session,
        user_id=user.id,
        cv_id=cv_id,
        section=section,
        item_id=item_id,
        visible=payload.visible,
        version=payload.version,
    )
    return tagged(cv, response)


@router.post("/{cv_id}/sections/reorder", response_model=CvView, responses=VERSIONED)
def reorder_sections(
    cv_id: str,
    payload: SectionOrderIn,
    user: CurrentUser,
    session: SessionDep,
    request: Request,
    response: Response,
) -> CvView:
    """Put the CV's sections in the order of ``keys`` (what dragging a section does)."""
    cv = ordering.reorder_sections(
        session,
        user_id=user.id,
        cv_id=cv_id,
        keys=payload.keys,
        version=payload.version,
        if_match=_if_match(request),
    )
    return tagged(cv, response)


@router.post("/{cv_id}/items/{section}/reorder", response_model=CvView, responses=VERSIONED)
def reorder_items(
    cv_id: str,
    section: str,
    payload: ItemOrderIn,
    user: CurrentUser,
    session: SessionDep,
    request: Request,
    response: Response,
) -> CvView:
    """Put one section's items in the order of ``ids`` (what dragging an item does)."""
    cv = ordering.reorder_items(
        session,
        user_id=user.id,
        cv_id=cv_id,
        section=section,
        ids=payload.ids,
        version=payload.version,
        if_match=_if_match(request),
    )
    return tagged(cv, response)


@router.patch("/{cv_id}", response_model=CvView, responses=VERSIONED)
def update_cv(
    cv_id: str,
    payload: Annotated[CvPatch, Body()],
    user: CurrentUser,
    session: SessionDep,
    request: Request,
    response: Response,
) -> CvView:
    """Partial update; ``items`` replaces only the sections it names. ``version`` or
    ``If-Match`` refuse it if the CV changed since you read it."""
    changes = payload.model_dump(exclude_unset=True)
    cv = service.update_cv(
        session, user_id=user.id, cv_id=cv_id, changes=changes, if_match=_if_match(request)
    )
    return tagged(cv, response)


@router.delete("/{cv_id}", status_code=204, response_class=Response)
def delete_cv(cv_id: str, user: CurrentUser, session: SessionDep) -> Response:
    """Delete a version and its share links."""
    service.delete_cv(session, user_id=user.id, cv_id=cv_id)
    return Response(status_code=204)


@router.post("/{cv_id}/duplicate", status_code=201, response_model=CvView)
def duplicate_cv(
    cv_id: str,
    user: CurrentUser,
    session: SessionDep,
    request: Request,
    response: Response,
    payload: DuplicateIn | None = None,
) -> CvView:
    """A copy of the version's choices under a new name."""
    name = payload.name if payload else None
    cv = service.duplicate_cv(session, user_id=user.id, cv_id=cv_id, name=name)
    response.headers["Location"] = str(request.url_for("get_cv", cv_id=cv.id))
    return cv


@router.post("/{cv_id}/reviews/acknowledge", response_model=CvView)
def acknowledge_review(
    cv_id: str, payload: ReviewAck, user: CurrentUser, session: SessionDep
) -> CvView:
    """Keep overrides whose master text changed (all, a section, an item or one path)."""
    return service.acknowledge_review(
        session,
        user_id=user.id,
        cv_id=cv_id,
        section=payload.section,
        item_id=payload.item_id,
        path=payload.path,
    )
