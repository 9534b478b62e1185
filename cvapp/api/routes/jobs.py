"""Polling long-running work."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from fastapi import APIRouter
from fastapi.encoders import jsonable_encoder
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from cvapp.api.deps import CurrentUser, SessionDep
from cvapp.domain.jobs import service as job_service
from cvapp.models import Job

router = APIRouter(prefix="/jobs", tags=["jobs"])


class JobPublic(BaseModel):
    id: str
    kind: str
    status: Literal["queued", "running", "succeeded", "failed"]
    progress: int
    result: dict[str, Any] | None
    error: dict[str, Any] | None
    created_at: datetime
    finished_at: datetime | None


def accepted(job: Job) -> JSONResponse:
    """202 with the queued ``job`` (poll ``Location``): work too long for the request."""
    return JSONResponse(
        {"job": jsonable_encoder(job_service.job_public(job))},
        status_code=202,
        headers={"Location": f"/api/v1/jobs/{job.id}"},
    )


@router.get("/{job_id}", response_model=JobPublic)
def get_job(job_id: str, user: CurrentUser, session: SessionDep) -> dict[str, Any]:
    """A job of the caller's: status, progress, result or error."""
    job = job_service.get_job(session, job_id=job_id, user_id=user.id)
    return job_service.job_public(job)
