"""/letters: cover letters (standalone or for an application), drafted, undone, exported."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Body, Query, Request, Response
from pydantic import BaseModel

from cvapp.api.deps import VERSIONED, CurrentUser, SessionDep, if_match_version, tagged
from cvapp.api.pagination import Page, PageDep
from cvapp.domain.exports.service import ascii_filename
from cvapp.domain.letters import drafting, render, service
from cvapp.domain.letters.render import LetterFile
from cvapp.domain.letters.schemas import (
    DraftIn,
    ExportFormat,
    LetterDraft,
    LetterFor,
    LetterIn,
    LetterPatch,
    LetterSummary,
    LetterView,
)

router = APIRouter(tags=["letters"])
FILES: dict[int | str, dict[str, Any]] = {
    200: {
        "content": {content_type: {} for content_type in render.CONTENT_TYPES.values()},
        "description": "The file, named after you and the company",
    }
}


def _file(file: LetterFile) -> Response:
    disposition = (
        f'attachment; filename="{ascii_filename(file.filename)}"; '
        f"filename*=UTF-8''{quote(file.filename)}"
    )
    headers = {"Content-Disposition": disposition, "Cache-Control": "private, no-cache"}
    if file.pages is not None:
        headers["X-Pages"] = str(file.pages)
    return Response(file.data, media_type=file.content_type, headers=headers)


@router.get("/letters", response_model=Page[LetterSummary])
def list_letters(
    user: CurrentUser,
    session: SessionDep,
    params: PageDep,
    application_id: Annotated[str | None, Query(max_length=26)] = None,
) -> dict[str, Any]:
    """Your cover letters (``application_id``: those for that application). Sort: title,
    created_at, updated_at."""
    sort = params.sort_by(service.SORT_FIELDS, ("updated_at", True))
    items, total = service.list_letters(
        session,
        user_id=user.id,
        application_id=application_id,
        offset=params.offset,
        limit=params.size,
        sort=sort,
    )
    return params.page_of(items, total)


@router.post("/letters", status_code=201, response_model=LetterView)
def create_letter(
    payload: LetterIn, user: CurrentUser, session: SessionDep, request: Request, response: Response
) -> LetterView:
    """Write a new cover letter (counts toward the plan's cover letters; 402 past it). With
    an ``application_id`` and no ``cv_id`` the application's CV makes the letterhead."""
    created = service.create_letter(session, user_id=user.id, data=payload)
    response.headers["Location"] = str(request.url_for("get_letter", letter_id=created.id))
    return tagged(created, response)


@router.post("/applications/{application_id}/letter", status_code=201, response_model=LetterDraft)
def letter_for_application(
    application_id: str,
    user: CurrentUser,
    session: SessionDep,
    request: Request,
    response: Response,
    payload: LetterFor | None = None,
) -> LetterDraft:
    """A cover letter for this application, drafted from its advert and your profile (``draft:
    false``: an empty one). The draft's ``warnings`` are claims your profile does not back."""
    options = payload or LetterFor()
    made = drafting.letter_for_application(
        session,
        user=user,
        application_id=application_id,
        title=options.title,
        cv_id=options.cv_id,
        draft=options.draft,
    )
    response.headers["Location"] = str(request.url_for("get_letter", letter_id=made.letter.id))
    return made


@router.get("/letters/{letter_id}", response_model=LetterView)
def get_letter(
    letter_id: str, user: CurrentUser, session: SessionDep, response: Response
) -> LetterView:
    """One letter; its ETag is its ``version``."""
    return tagged(service.get_letter(session, user_id=user.id, letter_id=letter_id), response)


@router.patch("/letters/{letter_id}", response_model=LetterView, responses=VERSIONED)
def update_letter(
    letter_id: str,
    payload: Annotated[LetterPatch, Body()],
    user: CurrentUser,
    session: SessionDep,
    request: Request,
    response: Response,
) -> LetterView:
    """Change the letter (only the fields sent); each changed text is a revision Undo can go
    back from. ``version`` or ``If-Match`` refuse a change made from an older version."""
    changes = payload.model_dump(exclude_unset=True)
    changed = service.update_letter(
        session,
        user_id=user.id,
        letter_id=letter_id,
        changes=changes,
        if_match=if_match_version(request, read_from="GET /letters/{id}"),
    )
    return tagged(changed, response)


@router.post("/letters/{letter_id}/draft", response_model=LetterDraft, responses=VERSIONED)
def draft_letter(
    letter_id: str, user: CurrentUser, session: SessionDep, payload: DraftIn | None = None
) -> LetterDraft:
    """Draft the letter from its application's advert (or ``job_text``) and your profile; the
    draft replaces the text as a new revision (Undo brings the old one back). ``warnings``
    are claims the profile does not back. Counts as an AI call."""
    options = payload or DraftIn()
    return drafting.draft_letter(
        session, user=user, letter_id=letter_id, job_text=options.job_text, version=options.version
    )


class StepIn(BaseModel):
    version: int | None = None


def _stepper(by: int, doc: str) -> Callable[..., LetterView]:
    def step(
        letter_id: str,
        user: CurrentUser,
        session: SessionDep,
        response: Response,
        payload: StepIn | None = None,
    ) -> LetterView:
        version = payload.version if payload else None
        moved = service.step(session, user_id=user.id, letter_id=letter_id, by=by, version=version)
        return tagged(moved, response)

    step.__doc__ = doc
    return step


for _path, _by, _doc in (
    ("undo", -1, "Back to the letter's previous saved text (422 when there is none)."),
    ("redo", 1, "Forward again to the text an undo left (422 when there is none)."),
):
    router.post(
        f"/letters/{{letter_id}}/{_path}",
        response_model=LetterView,
        responses=VERSIONED,
        name=f"{_path}_letter",
    )(_stepper(_by, _doc))


@router.get("/letters/{letter_id}/export", response_class=Response, responses=FILES)
def export_letter(
    letter_id: str, user: CurrentUser, session: SessionDep, format: ExportFormat = "pdf"
) -> Response:
    """The letter as PDF, DOCX or Markdown, with the letterhead of its CV's template
    (anonymized like the CV: a hidden client's name never leaves)."""
    return _file(render.export_letter(session, user_id=user.id, letter_id=letter_id, fmt=format))


@router.get("/letters/{letter_id}/bundle.pdf", response_class=Response, responses=FILES)
def export_bundle(letter_id: str, user: CurrentUser, session: SessionDep) -> Response:
    """The letter followed by its CV as one PDF (422 when the letter has no CV chosen)."""
    return _file(render.export_bundle(session, user_id=user.id, letter_id=letter_id))


@router.delete("/letters/{letter_id}", status_code=204, response_class=Response)
def delete_letter(letter_id: str, user: CurrentUser, session: SessionDep) -> Response:
    """Delete a letter and its undo history."""
    service.delete_letter(session, user_id=user.id, letter_id=letter_id)
    return Response(status_code=204)
