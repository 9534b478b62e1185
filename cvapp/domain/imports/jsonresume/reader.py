"""A validated JSON Resume document as a draft: ``basics``, ``interests`` and ``references``
go to the profile, every other section to its cvapp section (see ``mapping``)."""

from __future__ import annotations

import re
from typing import Any

from cvapp.domain.imports.conform import conform
from cvapp.domain.imports.draft import Draft, compact, text
from cvapp.domain.imports.duplicates import merge_duplicates
from cvapp.domain.imports.jsonresume import extras, lenient, mapping, validation
from cvapp.domain.imports.jsonresume.validation import json_path

SOURCE = "jsonresume"
_DATE_KEYS = lenient.DATE_KEYS
_IGNORED = {"$schema", "meta", "basics", "interests", "references", *mapping.SECTIONS}


def _renamed(item: dict[str, Any], aliases: dict[str, str]) -> dict[str, Any]:
    """Pre-1.0 names (``company``, ``website``…) read as today's when those are absent."""
    renamed = dict(item)
    for old, new in aliases.items():
        if old in renamed and new not in renamed:
            renamed[new] = renamed.pop(old)
    return renamed


def _compatible(document: dict[str, Any], draft: Draft) -> dict[str, Any]:
    """The document with old names renamed and empty dates ("" meant unknown) dropped."""
    fixed = dict(document)
    if isinstance(fixed.get("basics"), dict):
        fixed["basics"] = _renamed(fixed["basics"], mapping.ALIASES["basics"])
    for key in mapping.SECTIONS:
        items = fixed.get(key)
        if not isinstance(items, list):
            continue
        renamed = []
        for index, item in enumerate(items):
            if isinstance(item, dict):
                item = _renamed(item, mapping.ALIASES.get(key, {}))
                for date_key in _DATE_KEYS:
                    if item.get(date_key) == "":
                        del item[date_key]
                        where = json_path([key, index, date_key])
                        draft.warn("empty_date", f"{where} is empty; read as no date", where)
            renamed.append(item)
        fixed[key] = renamed
    return fixed


def _level(value: Any, draft: Draft, where: str) -> int | None:
    """A skill level word or number ("Master", "4", "3/5") as 1–5."""
    if value in (None, ""):
        return None
    folded = str(value).strip().casefold()
    if folded in mapping.LEVEL_WORDS:
        return mapping.LEVEL_WORDS[folded]
    match = re.fullmatch(r"([1-5])(?:\s*/\s*5)?", folded)
    if match:
        return int(match.group(1))
    draft.warn("unknown_level", f"{where}.level {value!r}: kept as written, no 1–5 level", where)
    return None


def _item(key: str, index: int, raw: dict[str, Any], draft: Draft) -> dict[str, Any] | None:
    where = json_path([key, index])
    missing = [name for name in mapping.REQUIRED.get(key, ()) if not raw.get(name)]
    if missing:
        needs = ", ".join(mapping.REQUIRED[key])
        message = f"{where} has no {', '.join(missing)} (cvapp needs {needs}); not imported"
        draft.warn("invalid_item", message, where)
        return None
    _, fields = mapping.SECTIONS[key]
    data = {field: raw[name] for name, field in fields.items() if name in raw}
    if key == "projects" and isinstance(data.get("role"), list):
        data["role"] = ", ".join(str(role) for role in data["role"] if role) or None
    if key == "skills":
        written = raw.get("level")
        data["level"] = _level(written, draft, where)
        if isinstance(written, str) and written.strip():
            data["level_label"] = written.strip()  # kept as written, exported as written
    return compact(data)


def _profile(document: dict[str, Any], draft: Draft) -> dict[str, Any]:
    basics = document.get("basics") or {}
    if text(basics.get("image")):
        draft.warn("not_imported", "basics.image: upload your photo in the editor", "basics.image")
    location = basics.get("location") or {}
    links = [
        compact({name: text(link.get(name)) for name in ("network", "username", "url")})
        for link in basics.get("profiles") or []
        if isinstance(link, dict)
    ]
    interests = [
        compact({"name": text(entry.get("name")), "keywords": entry.get("keywords") or []})
        for entry in document.get("interests") or []
        if isinstance(entry, dict) and text(entry.get("name"))
    ]
    references = [
        compact({"name": text(entry.get("name")), "reference": text(entry.get("reference"))})
        for entry in document.get("references") or []
        if isinstance(entry, dict) and text(entry.get("name"))
    ]
    contact = compact({"email": text(basics.get("email")), "phone": text(basics.get("phone"))})
    return compact(
        {
            "full_name": text(basics.get("name")),
            "headline": text(basics.get("label")),
            "summary": text(basics.get("summary")),
            "contact": contact,
            "location": compact(
                {ours: text(location.get(k)) for k, ours in mapping.LOCATION.items()}
            ),
            "website": text(basics.get("url")),
            "links": [link for link in links if link.get("network")],
            "interests": interests,
            "references": references,
        }
    )


def _document(data: bytes, draft: Draft) -> dict[str, Any]:
    """The parsed document with old names read, odd values repaired and what the schema
    still refuses left out (each with a warning): one bad field never refuses the file."""
    document = lenient.repair(_compatible(validation.parse(data), draft), draft)
    validation.validate(document)
    return document


def inspect(data: bytes) -> Draft:
    """Parse and repair; raises ValidationFailed only for what is no JSON Resume at all."""
    draft = Draft(source=SOURCE)
    _document(data, draft)
    return draft


def read(data: bytes) -> Draft:
    """The draft of a JSON Resume document."""
    draft = Draft(source=SOURCE)
    document = _document(data, draft)
    draft.profile = _profile(document, draft)
    for key, (section, _) in mapping.SECTIONS.items():
        for index, raw in enumerate(document.get(key) or []):
            mapped = _item(key, index, raw, draft)
            if mapped is not None:
                draft.add(section, mapped, json_path([key, index]))
    extra = sorted(key for key in document if key not in _IGNORED)
    if extra:
        draft.warn("unknown_field", f"Not imported (not JSON Resume sections): {', '.join(extra)}")
    merge_duplicates(draft, ("skills", "languages"), "listed twice in the document")
    extras.read_aliases(document, draft)
    conform(draft).numbered()
    extras.read_evidence(document, draft)
    return draft
