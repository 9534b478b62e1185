"""Adverts in JSON Resume's job form (``job-schema.json``, copied unchanged from the JSON
Resume project under its MIT license, see ``exports/resources/LICENSE-jsonresume.md``).

An imported job keeps its whole document on the application, so fields cvapp has no column
for (skills, qualifications, meta…) come back out on export; the columns the user edits win.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

from jsonschema import Draft7Validator  # type: ignore[import-untyped]

from cvapp.domain.applications.schemas import MAX_AD_CHARS
from cvapp.errors import ValidationFailed
from cvapp.models import Application

SCHEMA_PATH = Path(__file__).with_name("job-schema.json")
MAX_ERRORS = 20
_LOCATION_PARTS = ("address", "city", "region", "postalCode", "countryCode")


@lru_cache(maxsize=1)
def validator() -> Draft7Validator:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    Draft7Validator.check_schema(schema)
    return Draft7Validator(schema, format_checker=Draft7Validator.FORMAT_CHECKER)


def check_job(document: Any, *, field: str = "job") -> dict[str, Any]:
    """``document`` when it is a valid JSON Resume job; ValidationFailed by JSON path else."""
    if not isinstance(document, dict):
        raise ValidationFailed.field(field, "A JSON Resume job is a JSON object")
    errors = sorted(validator().iter_errors(document), key=lambda e: list(e.absolute_path))
    if errors:
        details = [
            {
                "field": ".".join([field, *(str(p) for p in e.absolute_path)]),
                "message": e.message,
            }
            for e in errors[:MAX_ERRORS]
        ]
        raise ValidationFailed("This is not a valid JSON Resume job", details=details)
    return document


def location_text(location: Any) -> str | None:
    """ "Berlin, Berlin, DE" from a job's location object (street lines left out)."""
    if not isinstance(location, dict):
        return None
    parts = [str(location[k]).strip() for k in ("city", "region", "countryCode") if location.get(k)]
    parts = list(dict.fromkeys(parts))  # "Berlin, Berlin" once
    return ", ".join(parts) or (str(location.get("address") or "").strip() or None)


def _text(document: dict[str, Any]) -> str | None:
    """The advert as one text: description, then responsibilities, qualifications, skills."""
    parts = [str(document.get("description") or "").strip()]
    for key, heading in (
        ("responsibilities", "Responsibilities"),
        ("qualifications", "Qualifications"),
    ):
        lines = [str(line).strip() for line in document.get(key) or [] if str(line).strip()]
        if lines:
            parts.append(heading + ":\n" + "\n".join(f"- {line}" for line in lines))
    skills = []
    for skill in document.get("skills") or []:
        if isinstance(skill, dict):
            words = [skill.get("name"), *(skill.get("keywords") or [])]
            skills.append(", ".join(str(word) for word in words if word))
    if skills:
        parts.append("Skills:\n" + "\n".join(f"- {line}" for line in skills if line))
    text = "\n\n".join(part for part in parts if part)
    return text[:MAX_AD_CHARS] or None


def from_job(document: Any) -> tuple[dict[str, Any], dict[str, Any]]:
    """The application fields a JSON Resume job gives, and the document to keep with it."""
    job = check_job(document)
    company = str(job.get("company") or "").strip()
    title = str(job.get("title") or "").strip()
    missing = [
        {"field": f"job.{name}", "message": "An application needs it"}
        for name, value in (("company", company), ("title", title))
        if not value
    ]
    if missing:
        raise ValidationFailed("Invalid input data", details=missing)
    meta: dict[str, Any] = job["meta"] if isinstance(job.get("meta"), dict) else {}
    url = job.get("url") or meta.get("canonical")
    data: dict[str, Any] = {
        "company": company[:200],
        "role": title[:200],
        "location": (location_text(job.get("location")) or "")[:200] or None,
        "salary": str(job.get("salary") or "").strip()[:100] or None,
        "job_text": _text(job),
        "source": "JSON Resume job",
    }
    if isinstance(url, str) and url.lower().startswith(("http://", "https://")):
        data["job_url"] = url[:500]
    return {k: v for k, v in data.items() if v is not None}, job


def to_job(row: Application) -> dict[str, Any]:
    """The application as a JSON Resume job, valid against the schema (what it was imported
    from, with the user's own fields on top)."""
    job: dict[str, Any] = dict(row.job or {})
    job["title"], job["company"] = row.role, row.company
    kept_location = location_text(job.get("location"))
    if row.location and row.location != kept_location:
        job["location"] = {"city": row.location}
    elif not row.location:
        job.pop("location", None)
    if row.job_text and row.job_text != _text(row.job or {}):
        job["description"] = row.job_text
    for key, value in (("salary", row.salary), ("url", row.job_url)):
        if value:
            job[key] = value
        else:
            job.pop(key, None)
    return check_job(job)
