"""A job advert as the gap analysis reads it: pasted text or a JSON Resume job object."""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError

from cvapp.domain.ai.schemas import MAX_JOB_CHARS
from cvapp.errors import ValidationFailed

FIELD = "job_description"


class JobSkill(BaseModel):
    model_config = ConfigDict(extra="allow")

    name: str | None = None
    level: str | None = None
    keywords: list[str] = []


class JobPosting(BaseModel):
    """The fields of ``job-schema.json`` the analysis uses (others are kept, unread)."""

    model_config = ConfigDict(extra="allow")

    title: str | None = None
    company: str | None = None
    type: str | None = None
    description: str | None = None
    experience: str | None = None
    responsibilities: list[str] = []
    qualifications: list[str] = []
    skills: list[JobSkill] = []

    def text(self) -> str:
        """All the advert's words, one part per line (what a model or the extractor reads)."""
        parts = [self.title, self.description, *self.responsibilities, *self.qualifications]
        for skill in self.skills:
            parts.append(", ".join(filter(None, [skill.name, *skill.keywords])))
        return "\n".join(part for part in parts if part)


def parse_job(job_description: str | dict[str, Any]) -> JobPosting:
    """Read the advert; text that is a JSON object is read as a JSON Resume job."""
    raw: Any = job_description
    if isinstance(raw, str):
        if len(raw) > MAX_JOB_CHARS:
            raise ValidationFailed.field(FIELD, f"At most {MAX_JOB_CHARS} characters")
        stripped = raw.strip()
        if not stripped:
            raise ValidationFailed.field(FIELD, "Paste a job advert")
        if not stripped.startswith("{"):
            return JobPosting(description=stripped)
        try:
            raw = json.loads(stripped)
        except json.JSONDecodeError:
            return JobPosting(description=stripped)
    if not isinstance(raw, dict):
        raise ValidationFailed.field(FIELD, "Text or a JSON Resume job object")
    try:
        job = JobPosting.model_validate(raw)
    except ValidationError as exc:
        details = [
            {"field": ".".join([FIELD, *map(str, err["loc"])]), "message": err["msg"]}
            for err in exc.errors()
        ]
        raise ValidationFailed("Invalid input data", details=details) from None
    if not job.text().strip():
        raise ValidationFailed.field(FIELD, "The job has no description, skills or requirements")
    if len(job.text()) > MAX_JOB_CHARS:
        raise ValidationFailed.field(FIELD, f"At most {MAX_JOB_CHARS} characters")
    return job
