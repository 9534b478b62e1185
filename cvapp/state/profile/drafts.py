"""An item being edited, as the form holds it (strings), and the request body it becomes.

Form values live in one ``dict[str, str]``: a field's value under its name, a date's
pickers under ``<name>.year`` / ``<name>.month`` (its stored value under ``<name>.value``)
and the "Present" box under ``<end>.present``. Bullets, sensitive terms and linked ids are
lists of their own. Only what a form cannot express is checked here (a month without a
year, a number that is not one); everything else is the domain's to judge.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from cvapp.errors import DomainError, RateLimited
from cvapp.state.profile.dates import join, split
from cvapp.state.profile.specs import SectionSpec

ON = "on"
FIX_FIELDS = "Please correct the fields marked in red."
_PRETTY = {
    "Field required": "This is required",
    "Input should be a valid string": "This is required",
    "String should have at least 1 character": "This can’t be empty",
}


@dataclasses.dataclass
class Draft:
    """The form of one item: field values, bullets, sensitive terms and linked ids."""

    values: dict[str, str]
    bullets: list[str]
    terms: list[str]
    picked: dict[str, list[str]]


def _date_keys(name: str, value: str | None) -> dict[str, str]:
    year, month = split(value)
    return {f"{name}.year": year, f"{name}.month": month, f"{name}.value": value or ""}


def new_draft(spec: SectionSpec, view: dict[str, Any] | None = None) -> Draft:
    """The form of ``view`` (a section item as JSON), or of a new, empty item."""
    item = view or {}
    values: dict[str, str] = {}
    for f in spec.fields:
        current = item.get(f.name)
        if f.kind in ("month", "range"):
            values.update(_date_keys(f.name, current))
        elif f.kind == "tags":
            values[f.name] = ", ".join(current or [])
        elif f.kind == "number":
            values[f.name] = "" if current is None else f"{current:g}"
        else:
            values[f.name] = "" if current is None else str(current)
        if f.kind == "range":
            end = item.get(f.end)
            values.update(_date_keys(f.end, end))
            values[f"{f.end}.present"] = ON if f.present and view and not end else ""
    if spec.anonymization:
        values["client_name"] = item.get("client_name") or ""
        values["client_alias"] = item.get("client_alias") or ""
        values["anonymize"] = ON if item.get("anonymize") else ""
    bullets = list(item.get(spec.bullets.name) or []) if spec.bullets else []
    picked = {link.name: list(item.get(link.name) or []) for link in spec.links}
    return Draft(values, bullets, list(item.get("sensitive_terms") or []), picked)


def _date(values: dict[str, str], name: str, errors: dict[str, str]) -> str | None:
    year, month = values.get(f"{name}.year", ""), values.get(f"{name}.month", "")
    if month and not year:
        errors[name] = "Choose a year too"
    return join(year, month, values.get(f"{name}.value", ""))


def _number(raw: str, name: str, errors: dict[str, str]) -> float | None:
    if not raw.strip():
        return None
    try:
        return float(raw.replace(",", "."))
    except ValueError:
        errors[name] = "Enter a number, e.g. 3 or 1.5"
        return None


def _end_date(
    values: dict[str, str], name: str, errors: dict[str, str], *, present: bool, started: bool
) -> str | None:
    """The end of a range: None when "Present" is ticked; once started, one or the other."""
    if present and values.get(f"{name}.present") == ON:
        return None
    end = _date(values, name, errors)
    if end is None and present and started:
        errors.setdefault(name, "Choose an end date, or tick “Present”")
    return end


def body(spec: SectionSpec, draft: Draft) -> tuple[dict[str, Any], dict[str, str]]:
    """The request body of ``draft`` and the errors found before sending it."""
    values = draft.values
    data: dict[str, Any] = {}
    errors: dict[str, str] = {}
    for f in spec.fields:
        raw = values.get(f.name, "")
        if f.kind in ("month", "range"):
            data[f.name] = _date(values, f.name, errors)
        elif f.kind == "tags":
            data[f.name] = [part.strip() for part in raw.split(",") if part.strip()]
        elif f.kind == "number":
            data[f.name] = _number(raw, f.name, errors)
        elif f.kind == "level":
            data[f.name] = int(raw) if raw.isdigit() else None
        else:
            data[f.name] = raw.strip() or None
        if f.kind == "range":
            started = data[f.name] is not None
            data[f.end] = _end_date(values, f.end, errors, present=f.present, started=started)
    if spec.bullets:
        data[spec.bullets.name] = [text.strip() for text in draft.bullets if text.strip()]
    for link in spec.links:
        data[link.name] = list(draft.picked.get(link.name, []))
    if spec.anonymization:
        data["client_name"] = values.get("client_name", "").strip() or None
        data["client_alias"] = values.get("client_alias", "").strip() or None
        data["anonymize"] = values.get("anonymize") == ON
        data["sensitive_terms"] = list(draft.terms)
    return data, errors


def _field(path: str) -> str:
    """``"responsibilities.2"`` → ``"responsibilities"``; ``"contact.email"`` stays."""
    parts = []
    for part in path.split("."):
        if part.isdigit():
            break
        parts.append(part)
    return ".".join(parts)


def _message(text: str) -> str:
    text = text.removeprefix("Value error, ")
    return _PRETTY.get(text, text)


def explain(exc: DomainError, fields: tuple[str, ...]) -> tuple[str, dict[str, str]]:
    """A form-level message and one message per field of the form, from a domain error."""
    if isinstance(exc, RateLimited):
        return "Too many changes at once. Try again in a moment.", {}
    by_field: dict[str, str] = {}
    elsewhere: list[str] = []
    for detail in exc.details:
        name = _field(str(detail.get("field", "")))
        message = _message(str(detail.get("message", "")))
        if name in fields:
            by_field.setdefault(name, message)
        elif message:
            elsewhere.append(message)
    if elsewhere:
        return " ".join(dict.fromkeys(elsewhere)), by_field
    if by_field:
        return FIX_FIELDS, by_field
    return exc.message, by_field
