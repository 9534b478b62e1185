"""/imports: a LinkedIn export ZIP or a JSON Resume → 202 job → preview → apply."""

from __future__ import annotations

from collections.abc import AsyncGenerator, AsyncIterator
from typing import Annotated, Any

from fastapi import APIRouter, Body, Request
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel
from pydantic import ValidationError as PydanticValidationError
from starlette.datastructures import UploadFile
from starlette.formparsers import MultiPartException, MultiPartParser

from cvapp.api.deps import CurrentUser, SessionDep
from cvapp.api.routes.jobs import JobPublic
from cvapp.domain.imports import limits, service, tasks
from cvapp.domain.imports.schemas import ApplyIn, ApplySummary, ImportView, UndoResult
from cvapp.domain.jobs.service import job_public
from cvapp.errors import PayloadTooLarge, UnsupportedMediaType, ValidationFailed
from cvapp.models import ImportBatch, Job

router = APIRouter(prefix="/imports", tags=["imports"])

MAX_REQUEST_BYTES = 50 * limits.MB
_FILE_FIELDS = ("file", "files")
_MB = limits.MAX_UPLOAD_BYTES // limits.MB


class StartedImport(BaseModel):
    import_id: str
    filename: str | None
    job: JobPublic


class ImportsStarted(BaseModel):
    """The job reading the (first) file, and one import per file uploaded."""

    job: JobPublic
    imports: list[StartedImport]


def _multipart(description: str, extra: dict[str, Any] | None = None) -> dict[str, Any]:
    files = {"type": "array", "items": {"type": "string", "format": "binary"}}
    content: dict[str, Any] = {
        "multipart/form-data": {
            "schema": {
                "type": "object",
                "required": ["file"],
                "properties": {"file": {**files, "description": description}},
            }
        },
        **(extra or {}),
    }
    return {"requestBody": {"required": True, "content": content}}


_ERRORS: dict[int | str, dict[str, Any]] = {
    413: {"description": f"A file over {_MB} MB, or an archive that expands too much"},
    415: {"description": "Not a ZIP (LinkedIn) / not multipart or JSON"},
    422: {"description": "Not JSON, not a JSON Resume (errors by path), wrong CSV columns"},
}


async def _capped(stream: AsyncIterator[bytes], limit: int) -> AsyncGenerator[bytes, None]:
    received = 0
    async for chunk in stream:
        received += len(chunk)
        if received > limit:
            raise PayloadTooLarge(f"The upload is larger than {limit // limits.MB} MB")
        yield chunk


def _check_length(request: Request, limit: int) -> None:
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise PayloadTooLarge(f"The upload is larger than {limit // limits.MB} MB")


async def _files(request: Request) -> list[tuple[str, bytes]]:
    """Every file of the multipart body (fields ``file`` or ``files``), each size-checked."""
    _check_length(request, MAX_REQUEST_BYTES)
    parser = MultiPartParser(
        request.headers,
        _capped(request.stream(), MAX_REQUEST_BYTES),
        max_files=limits.MAX_FILES_PER_REQUEST,
        max_fields=10,
    )
    try:
        form = await parser.parse()
    except MultiPartException as exc:
        raise ValidationFailed.field("file", exc.message) from None
    try:
        uploads = [
            item for key in _FILE_FIELDS for item in form.getlist(key)
            if isinstance(item, UploadFile)
        ]  # fmt: skip
        if not uploads:
            raise ValidationFailed.field("file", "Attach the file in the `file` field")
        files = []
        for upload in uploads:
            data = await upload.read(limits.MAX_UPLOAD_BYTES + 1)
            if len(data) > limits.MAX_UPLOAD_BYTES:
                raise PayloadTooLarge(f"{upload.filename} is larger than {_MB} MB")
            files.append((upload.filename or "", data))
        return files
    finally:
        await form.close()


async def _body(request: Request) -> bytes:
    _check_length(request, limits.MAX_UPLOAD_BYTES)
    chunks = [chunk async for chunk in _capped(request.stream(), limits.MAX_UPLOAD_BYTES)]
    return b"".join(chunks)


class PastedText(BaseModel):
    text: str


def pasted_text(body: bytes) -> tuple[str, bytes]:
    """The text of a ``{"text": …}`` body, as the plain-text file it is read as."""
    try:
        pasted = PastedText.model_validate_json(body)
    except PydanticValidationError:
        raise ValidationFailed.field("text", 'Send {"text": "…"} with the CV\'s text') from None
    return service.pasted_text(pasted.text)


def _started(started: list[tuple[ImportBatch, Job]]) -> dict[str, Any]:
    imports = [
        {"import_id": batch.id, "filename": batch.preview.get("filename"), "job": job_public(job)}
        for batch, job in started
    ]
    return {"job": imports[0]["job"], "imports": imports}


@router.post(
    "/linkedin",
    status_code=202,
    response_model=ImportsStarted,
    openapi_extra=_multipart("LinkedIn data-export ZIP(s), one import each"),
    responses=_ERRORS,
)
async def import_linkedin(request: Request, user: CurrentUser, session: SessionDep) -> Any:
    """Upload LinkedIn "Get a copy of your data" ZIP(s); the job's result is the preview."""
    if not request.headers.get("content-type", "").startswith("multipart/form-data"):
        raise UnsupportedMediaType("Send multipart/form-data with the ZIP in the `file` field")
    files = await _files(request)
    started = await run_in_threadpool(
        tasks.start_imports, session, user_id=user.id, source="linkedin", files=files
    )
    return _started(started)


@router.post(
    "/jsonresume",
    status_code=202,
    response_model=ImportsStarted,
    openapi_extra=_multipart(
        "JSON Resume file(s), one import each",
        {"application/json": {"schema": {"type": "object", "description": "A JSON Resume"}}},
    ),
    responses=_ERRORS,
)
async def import_jsonresume(request: Request, user: CurrentUser, session: SessionDep) -> Any:
    """Upload a JSON Resume (the body, or multipart files); the job's result is the preview."""
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type == "multipart/form-data":
        files = await _files(request)
    elif content_type == "application/json" or content_type.endswith("+json"):
        files = [("resume.json", await _body(request))]
    else:
        raise UnsupportedMediaType(
            "Send the JSON Resume as application/json, or as a multipart `file`"
        )
    started = await run_in_threadpool(
        tasks.start_imports, session, user_id=user.id, source="jsonresume", files=files
    )
    return _started(started)


@router.post(
    "/resume",
    status_code=202,
    response_model=ImportsStarted,
    openapi_extra=_multipart(
        "CV file(s): PDF, Word (.docx) or text (.txt, .md), one import each",
        {
            "application/json": {
                "schema": {
                    "type": "object",
                    "required": ["text"],
                    "properties": {"text": {"type": "string", "description": "Pasted CV text"}},
                }
            }
        },
    ),
    responses=_ERRORS,
)
async def import_resume(request: Request, user: CurrentUser, session: SessionDep) -> Any:
    """Upload an existing CV (PDF, DOCX, text) or paste its text (``{"text": …}``); it is read
    offline and the job's result is the same preview as the other imports."""
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type == "multipart/form-data":
        files = await _files(request)
    elif content_type == "application/json":
        files = [pasted_text(await _body(request))]
    else:
        raise UnsupportedMediaType(
            'Send the CV as a multipart `file` (PDF, DOCX, TXT, MD) or JSON {"text": …}'
        )
    started = await run_in_threadpool(
        tasks.start_imports, session, user_id=user.id, source="resume", files=files
    )
    return _started(started)


@router.get("/{import_id}", response_model=ImportView)
def get_import(import_id: str, user: CurrentUser, session: SessionDep) -> Any:
    """An import's preview: creates, updates, duplicates, warnings (empty while pending)."""
    return service.get_preview(session, user_id=user.id, import_id=import_id)


@router.post("/{import_id}/apply", response_model=ApplySummary)
def apply_import(
    import_id: str,
    user: CurrentUser,
    session: SessionDep,
    payload: Annotated[ApplyIn | None, Body()] = None,
) -> Any:
    """Apply the decisions (all or nothing); applying again returns the same summary."""
    decisions = [decision.model_dump() for decision in payload.decisions] if payload else []
    return service.apply(session, user_id=user.id, import_id=import_id, decisions=decisions)


@router.post(
    "/{import_id}/undo",
    response_model=UndoResult,
    responses={409: {"description": "Not applied, or already undone"}},
)
def undo_import(import_id: str, user: CurrentUser, session: SessionDep) -> Any:
    """Take an applied import back: what it created is deleted, what it merged gets its
    earlier values (fields changed since are kept); once per import."""
    return service.undo_import(session, user_id=user.id, import_id=import_id)
