"""JSON Resume 1.3.1 export, validated against the schema (draft-07, formats checked).

Our own extras (the CV's settings, project client aliases, skill evidence) go under
``meta.cvapp`` where JSON Resume tools ignore them.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

from jsonschema import Draft7Validator  # type: ignore[import-untyped]

from cvapp.domain.exports.resolve import ResolvedCv
from cvapp.errors import ValidationFailed

SCHEMA_PATH = Path(__file__).parent / "resources" / "jsonresume-schema.json"
SCHEMA_VERSION = "v1.3.1"
SCHEMA_URL = (
    f"https://raw.githubusercontent.com/jsonresume/resume-schema/{SCHEMA_VERSION}/schema.json"
)
"""``$schema`` names the same release as ``meta.version``."""
_LEVELS = {1: "Beginner", 2: "Intermediate", 3: "Advanced", 4: "Expert", 5: "Master"}


@lru_cache(maxsize=1)
def validator() -> Draft7Validator:
    schema = json.loads(SCHEMA_PATH.read_text())
    return Draft7Validator(schema, format_checker=Draft7Validator.FORMAT_CHECKER)


def validate_resume(document: dict[str, Any]) -> None:
    """Raise ValidationFailed listing every schema violation of ``document``."""
    errors = sorted(validator().iter_errors(document), key=lambda e: list(e.absolute_path))
    if errors:
        details = [
            {"field": ".".join(str(p) for p in e.absolute_path) or "resume", "message": e.message}
            for e in errors[:20]
        ]
        raise ValidationFailed("The JSON Resume export is not valid", details=details)


def _clean(value: Any) -> Any:
    """Without None, empty strings and empty lists/objects (the schema wants strings)."""
    if isinstance(value, dict):
        cleaned = {k: _clean(v) for k, v in value.items()}
        return {k: v for k, v in cleaned.items() if v not in (None, "", [], {})}
    if isinstance(value, list):
        return [_clean(v) for v in value if v not in (None, "")]
    return value


def _items(cv: ResolvedCv, key: str) -> list[dict[str, Any]]:
    section = cv.section(key)
    return section.items if section else []


def build_resume(cv: ResolvedCv, *, last_modified: str | None = None) -> dict[str, Any]:
    """The JSON Resume document of a resolved (anonymized) CV, validated."""
    b = cv.basics
    location = b.get("location") or {}
    summary = _items(cv, "summary")
    resume = {
        "$schema": SCHEMA_URL,
        "basics": {
            "name": b.get("full_name"),
            "label": cv.title() or None,
            "email": (b.get("contact") or {}).get("email"),
            "phone": (b.get("contact") or {}).get("phone"),
            "url": b.get("website"),
            "summary": summary[0]["text"] if summary else None,
            "location": {
                "address": location.get("address"),
                "postalCode": location.get("postal_code"),
                "city": location.get("city"),
                "countryCode": location.get("country_code"),
                "region": location.get("region"),
            },
            "profiles": [
                {"network": p.get("network"), "username": p.get("username"), "url": p.get("url")}
                for p in b.get("links") or []
            ],
        },
        "work": [_work(i) for i in _items(cv, "experiences")],
        "volunteer": [_volunteer(i) for i in _items(cv, "volunteering")],
        "education": [_education(i) for i in _items(cv, "education")],
        "awards": [
            {"title": i["title"], "date": i.get("date"), "awarder": i.get("awarder"),
             "summary": i.get("summary")}
            for i in _items(cv, "achievements")
        ],
        "certificates": [
            {"name": i["name"], "date": i.get("date"), "url": i.get("url"),
             "issuer": i.get("issuer")}
            for i in _items(cv, "certifications")
        ],
        "publications": [
            {"name": i["name"], "publisher": i.get("publisher"),
             "releaseDate": i.get("release_date"), "url": i.get("url"),
             "summary": i.get("summary")}
            for i in _items(cv, "publications")
        ],
        "skills": [
            {"name": i["name"], "level": i.get("level_label") or _LEVELS.get(i.get("level") or 0),
             "keywords": i.get("keywords")}
            for i in _items(cv, "skills")
        ],
        "languages": [
            {"language": i["language"], "fluency": i.get("fluency")}
            for i in _items(cv, "languages")
        ],
        "interests": [
            {"name": i["name"], "keywords": i.get("keywords")} for i in _items(cv, "interests")
        ],
        "references": [
            {"name": i["name"], "reference": i.get("reference")} for i in _items(cv, "references")
        ],
        "projects": [_project(i) for i in _items(cv, "projects")],
        "meta": {
            "version": SCHEMA_VERSION,
            "lastModified": last_modified,
            "cvapp": _extras(cv),
        },
    }  # fmt: skip
    document: dict[str, Any] = _clean(resume)
    validate_resume(document)
    return document


def _work(i: dict[str, Any]) -> dict[str, Any]:
    return {
        "name": i.get("company"),
        "position": i.get("title"),
        "location": i.get("location"),
        "description": i.get("company_description"),
        "url": i.get("url"),
        "startDate": i.get("start_date"),
        "endDate": i.get("end_date"),
        "summary": i.get("description"),
        "highlights": i.get("responsibilities"),
    }


def _volunteer(i: dict[str, Any]) -> dict[str, Any]:
    return {
        "organization": i.get("organization"),
        "position": i.get("position"),
        "url": i.get("url"),
        "startDate": i.get("start_date"),
        "endDate": i.get("end_date"),
        "summary": i.get("summary"),
        "highlights": i.get("highlights"),
    }


def _education(i: dict[str, Any]) -> dict[str, Any]:
    return {
        "institution": i.get("institution"),
        "url": i.get("url"),
        "area": i.get("area"),
        "studyType": i.get("study_type"),
        "startDate": i.get("start_date"),
        "endDate": i.get("end_date"),
        "score": i.get("score"),
        "courses": i.get("courses"),
    }


def _project(i: dict[str, Any]) -> dict[str, Any]:
    return {
        "name": i.get("name"),
        "description": i.get("description"),
        "highlights": i.get("highlights"),
        "keywords": i.get("keywords"),
        "startDate": i.get("start_date"),
        "endDate": i.get("end_date"),
        "url": i.get("url"),
        # The import joins a roles list with ", " (one text field): split back into the list.
        "roles": [r.strip() for r in i["role"].split(", ") if r.strip()] if i.get("role") else [],
        "entity": i.get("entity") or (i.get("client_alias") if i.get("anonymize") else None),
        "type": i.get("type"),
    }


def _extras(cv: ResolvedCv) -> dict[str, Any]:
    aliases = [
        {"project": i.get("name"), "client_alias": i.get("client_alias")}
        for i in _items(cv, "projects")
        if i.get("anonymize")
    ]
    evidence = {
        i["name"]: {
            "experiences": [f"{e['title']} — {e['company']}" for e in i["evidence"]["experiences"]],
            "projects": [p["name"] for p in i["evidence"]["projects"]],
        }
        for i in _items(cv, "skills")
        if i.get("evidence")
    }
    return {
        "cv_id": cv.cv_id,
        "template": cv.template,
        "locale": cv.locale,
        "aliases": aliases,
        "evidence": evidence,
    }
