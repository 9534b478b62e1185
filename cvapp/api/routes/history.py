"""/cvs/{id}/history: every saved state of a CV, compared with now, restorable."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request, Response

from cvapp.api.deps import CurrentUser, SessionDep, tagged
from cvapp.api.routes.cvs import _if_match
from cvapp.domain.cvs.schemas import CvView
from cvapp.domain.history import profile, service
from cvapp.domain.history.schemas import (
    DeletedCvs,
    HistoryPage,
    ProfileHistoryPage,
    ProfileRestored,
    RevisionName,
    RevisionSummary,
    RevisionView,
)

router = APIRouter(prefix="/cvs", tags=["history"])


@router.get("/deleted", response_model=DeletedCvs)
def deleted_cvs(user: CurrentUser, session: SessionDep) -> DeletedCvs:
    """Your deleted CVs that can still be restored (for your plan's history retention), the
    latest first; restore one with ``POST /cvs/{id}/history/{revision}/restore``."""
    return DeletedCvs(data=service.deleted_cvs(session, user_id=user.id))


@router.get("/{cv_id}/history", response_model=HistoryPage)
def cv_history(cv_id: str, user: CurrentUser, session: SessionDep) -> HistoryPage:
    """The CV's revisions, newest first: who changed what, when. Also answers for a deleted
    CV within the retention window (``exists: false``), so it can be restored."""
    return service.history(session, user_id=user.id, cv_id=cv_id)


@router.get("/{cv_id}/history/{number}", response_model=RevisionView)
def cv_revision(cv_id: str, number: int, user: CurrentUser, session: SessionDep) -> RevisionView:
    """One revision: the CV's fields then, and what differs from the CV now."""
    return service.revision(session, user_id=user.id, cv_id=cv_id, number=number)


@router.post(
    "/{cv_id}/history/{number}/restore",
    response_model=CvView,
    responses={
        404: {"description": "NOT_FOUND: no such CV or revision"},
        409: {"description": "CONFLICT: the CV changed since the `version` sent"},
        412: {"description": "PRECONDITION_FAILED: changed since the `If-Match` ETag"},
    },
)
def restore_revision(
    cv_id: str,
    number: int,
    user: CurrentUser,
    session: SessionDep,
    request: Request,
    response: Response,
    version: Annotated[
        int | None,
        Query(ge=1, description="The CV version the restore was decided on (409 if not)"),
    ] = None,
) -> CvView:
    """Put the CV back as it was at ``number`` (a deleted CV comes back first). The restore
    is a new revision: restoring the revision before it undoes it."""
    cv = service.restore(
        session,
        user_id=user.id,
        cv_id=cv_id,
        number=number,
        made_from=version,
        if_match=_if_match(request),
    )
    return tagged(cv, response)


@router.patch("/{cv_id}/history/{number}", response_model=RevisionSummary)
def name_revision(
    cv_id: str, number: int, payload: RevisionName, user: CurrentUser, session: SessionDep
) -> RevisionSummary:
    """Name a version ("sent to Acme"), or clear its name with ``null``. Named versions
    are kept while the CV exists, past the plan's retention."""
    return service.name_revision(
        session, user_id=user.id, cv_id=cv_id, number=number, name=payload.name
    )


profile_router = APIRouter(prefix="/profiles/me", tags=["history"])


@profile_router.get("/history", response_model=ProfileHistoryPage)
def profile_history(user: CurrentUser, session: SessionDep) -> ProfileHistoryPage:
    """Your profile's revisions, newest first: each save, import, accepted AI suggestion or
    restore is one, with what it changed."""
    return profile.history(session, user_id=user.id)


@profile_router.get("/history/{number}", response_model=RevisionView)
def profile_revision(number: int, user: CurrentUser, session: SessionDep) -> RevisionView:
    """One revision: the profile's content then (``state``: basics and every item by section
    and id) and what differs from the profile now."""
    return profile.revision(session, user_id=user.id, number=number)


@profile_router.post(
    "/history/{number}/restore",
    response_model=ProfileRestored,
    responses={
        404: {"description": "NOT_FOUND: no such revision"},
        409: {"description": "CONFLICT: the profile changed since `expected`, or a restored "
              "item's name is taken again"},
        422: {"description": "VALIDATION_ERROR: an `item` that is not in that revision"},
    },
)  # fmt: skip
def restore_profile_revision(
    number: int,
    user: CurrentUser,
    session: SessionDep,
    item: Annotated[
        list[str] | None,
        Query(description="Restore only these items (ids), with their links; else everything"),
    ] = None,
    expected: Annotated[
        int | None,
        Query(ge=0, description="The newest revision you saw (409 if there is a newer one)"),
    ] = None,
) -> ProfileRestored:
    """Put your profile back as it was at ``number`` — all of it, or the items named (a
    deleted item comes back with its id, so CVs that showed it show it again). The restore
    is itself a revision: restoring the one before it undoes it."""
    return profile.restore(session, user_id=user.id, number=number, items=item, expected=expected)


@profile_router.patch("/history/{number}", response_model=RevisionSummary)
def name_profile_revision(
    number: int, payload: RevisionName, user: CurrentUser, session: SessionDep
) -> RevisionSummary:
    """Name a version of your profile, or clear its name with ``null``."""
    return profile.name_revision(session, user_id=user.id, number=number, name=payload.name)
