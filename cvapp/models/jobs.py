"""Long work: the job rows actors report progress to, and the imports they run."""

from datetime import datetime
from typing import Any

from sqlalchemy import CheckConstraint, Index
from sqlmodel import Field

from cvapp.models.base import JSONType, TableBase, check_in, fk, json_dict, timestamp

JOB_STATUSES = ("queued", "running", "succeeded", "failed")
IMPORT_SOURCES = ("linkedin", "jsonresume", "resume")
IMPORT_STATUSES = ("pending", "previewed", "applied", "failed")


class Job(TableBase, table=True):
    """A unit of background work (export, import, AI analysis…) and its outcome."""

    __tablename__ = "jobs"
    __table_args__ = (
        check_in("status", JOB_STATUSES),
        CheckConstraint("progress BETWEEN 0 AND 100", name="progress"),
    )

    user_id: str | None = fk("users.id", nullable=True)
    kind: str = Field(max_length=64, index=True)
    status: str = Field(default="queued", max_length=16)
    progress: int = 0
    payload: dict[str, Any] = json_dict()
    result: dict[str, Any] | None = Field(default=None, sa_type=JSONType)
    error: dict[str, Any] | None = Field(default=None, sa_type=JSONType)
    attempts: int = 0
    started_at: datetime | None = timestamp()
    finished_at: datetime | None = timestamp()


class ImportBatch(TableBase, table=True):
    """One import: its input's fingerprint, the preview offered, and what was applied."""

    __tablename__ = "import_batches"
    __table_args__ = (
        check_in("source", IMPORT_SOURCES),
        check_in("status", IMPORT_STATUSES),
        Index("ix_import_batches_user_id_fingerprint", "user_id", "fingerprint"),
    )

    user_id: str = fk("users.id", index=False)
    source: str = Field(max_length=16)
    status: str = Field(default="pending", max_length=16)
    fingerprint: str = Field(max_length=64)
    preview: dict[str, Any] = json_dict()
    summary: dict[str, Any] | None = Field(default=None, sa_type=JSONType)
    job_id: str | None = fk("jobs.id", nullable=True, ondelete="SET NULL")
    applied_at: datetime | None = timestamp()
