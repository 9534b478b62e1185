"""Exports of a CV: queued jobs, synchronous downloads, page previews."""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Query, Request, Response
from fastapi.encoders import jsonable_encoder
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from cvapp import previews
from cvapp.api.deps import CurrentUser, SessionDep
from cvapp.api.routes.jobs import JobPublic
from cvapp.domain.exports import service, tasks
from cvapp.domain.exports.formats import FORMATS, Format
from cvapp.domain.exports.service import ExportFile, ascii_filename
from cvapp.domain.jobs import service as job_service
from cvapp.errors import NotFound
from cvapp.storage import get_storage

router = APIRouter(tags=["exports"])


class ExportIn(BaseModel):
    format: Format


class JobAccepted(BaseModel):
    job: JobPublic


def disposition(name: str, *, inline: bool = False) -> str:
    """A Content-Disposition naming ``name``: plain ASCII in ``filename`` (a header is Latin-1;
    a Cyrillic name would fail the response), the real name in ``filename*``."""
    kind = "inline" if inline else "attachment"
    return f"{kind}; filename=\"{ascii_filename(name)}\"; filename*=UTF-8''{quote(name)}"


def file_response(file: ExportFile, request: Request, *, inline: bool = False) -> Response:
    """The export with its ETag (304 when the client has it) and what a one-pager dropped."""
    etag = f'"{file.digest[:32]}"'
    headers = {
        "ETag": etag,
        "Cache-Control": "private, no-cache",
        "Content-Disposition": disposition(file.filename, inline=inline),
        "X-Export-Cache": "hit" if file.cached else "miss",
    }
    if file.pages is not None:
        headers["X-Pages"] = str(file.pages)
    if file.dropped:
        headers["X-Dropped-Items"] = ",".join(f"{d.section}:{d.id}" for d in file.dropped)
    if request.headers.get("if-none-match") == etag:
        return Response(status_code=304, headers=headers)
    return Response(file.data, media_type=file.content_type, headers=headers)


@router.post(
    "/cvs/{cv_id}/exports",
    status_code=202,
    response_model=JobAccepted,
    responses={202: {"description": "Queued; poll the job, then download its result.url"}},
)
def start_export(cv_id: str, payload: ExportIn, user: CurrentUser, session: SessionDep) -> Any:
    """Queue an export; the job's result has a download ``url`` (and what a one-pager dropped)."""
    job = tasks.start_export(session, user_id=user.id, cv_id=cv_id, fmt=payload.format)
    return JSONResponse(
        {"job": jsonable_encoder(job_service.job_public(job))},
        status_code=202,
        headers={"Location": f"/api/v1/jobs/{job.id}"},
    )


@router.get("/exports/{job_id}/download", response_class=Response)
def download_export(job_id: str, user: CurrentUser, session: SessionDep) -> Response:
    """The file of a finished export job."""
    job = job_service.get_job(session, job_id=job_id, user_id=user.id)
    key = tasks.download_key(job) if job.kind == tasks.KIND else None
    data = get_storage().get(key) if key else None
    if data is None or job.result is None:
        raise NotFound("Export not found (not finished, or expired)")
    headers = {"Content-Disposition": disposition(job.result["filename"])}
    return Response(data, media_type=job.result["content_type"], headers=headers)


def _download_route(fmt: str) -> None:
    info = FORMATS[fmt]

    def download(cv_id: str, user: CurrentUser, session: SessionDep, request: Request) -> Response:
        file = service.export_cv(session, user_id=user.id, cv_id=cv_id, fmt=fmt)
        return file_response(file, request, inline=fmt in ("pdf", "html"))

    download.__doc__ = f"The CV as {info.label}, served from the cache when unchanged."
    router.add_api_route(
        f"/cvs/{{cv_id}}/export.{info.extension}",
        download,
        methods=["GET"],
        name=f"export_{fmt}",
        response_class=Response,
        responses={200: {"content": {info.content_type.split(";")[0]: {}}}},
    )


for _fmt in FORMATS:
    _download_route(_fmt)


class DroppedItem(BaseModel):
    section: str
    id: str
    label: str


class PageFitPublic(BaseModel):
    pages: int
    one_page: bool
    level: int = Field(description="0: as the template is designed; higher: tightened")
    font_pt: float = Field(description="The body text size the PDF uses")
    template_font_pt: float = Field(description="The template's own body text size")
    dropped: list[DroppedItem] = Field(description="Left out to fit one page, least relevant first")


@router.get("/cvs/{cv_id}/fit", response_model=PageFitPublic)
def page_fit(cv_id: str, user: CurrentUser, session: SessionDep) -> Any:
    """How the CV's PDF fits: its pages and what a one-page fit tightened or left out."""
    return service.page_fit(session, user_id=user.id, cv_id=cv_id)


@router.get(
    "/cvs/{cv_id}/preview.png",
    response_class=Response,
    responses={200: {"content": {"image/png": {}}}},
)
def preview(
    cv_id: str,
    user: CurrentUser,
    request: Request,
    page: Annotated[int, Query(ge=1, le=50)] = 1,
    width: Annotated[int, Query(description="320, 640, 960 or 1280")] = 640,
) -> Response:
    """One page of the CV's PDF as an image; ``X-Page-Count`` tells how many pages exist."""
    image = previews.preview_png(user_id=user.id, cv_id=cv_id, page=page, width=width)
    etag = f'"{image.digest[:32]}"'
    headers = {"ETag": etag, "X-Page-Count": str(image.pages), "Cache-Control": "private, no-cache"}
    if request.headers.get("if-none-match") == etag:
        return Response(status_code=304, headers=headers)
    return Response(image.png, media_type="image/png", headers=headers)
