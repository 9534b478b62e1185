"""An import as the import page shows it: one card per uploaded file, its preview rows
(with the user's choice per row) and, once applied, what was written where."""

from __future__ import annotations

import dataclasses
from typing import Any

from cvapp import routes
from cvapp.state.profile.specs import BY_KEY

SOURCES = {
    ".zip": "linkedin",
    ".json": "jsonresume",
    ".pdf": "resume",
    ".docx": "resume",
    ".txt": "resume",
    ".md": "resume",
}
SOURCE_LABELS = {"linkedin": "LinkedIn export", "jsonresume": "JSON Resume", "resume": "CV file"}
KINDS = ("creates", "updates", "duplicates")
ACTIONS = ("create", "merge", "skip")
PROFILE = "profile"
# Fields whose editor label does not say what the import changes.
_FIELD_NAMES = {
    "full_name": "Full name",
    "contact.email": "Contact email",
    "contact.phone": "Phone",
    "responsibilities": "Bullets",
    "highlights": "Highlights",
    "links": "Links",
}
_MAX_TEXT = 90


@dataclasses.dataclass
class FieldDiff:
    """A field a merge fills in (a change) or that differs (a conflict the user may take)."""

    field: str = ""
    name: str = ""
    current: str = ""
    incoming: str = ""
    overwrite: bool = False


@dataclasses.dataclass
class PreviewRow:
    """One imported item beside its match, with the action chosen for it."""

    item_ref: str = ""
    section: str = ""
    label: str = ""
    source: str = ""
    suggested: str = ""
    choice: str = ""
    match: str = ""
    possible: bool = False
    can_create: bool = True
    # Read from a CV file with low confidence: the row asks to be checked before applying.
    review: bool = False
    changes: list[FieldDiff] = dataclasses.field(default_factory=list)
    conflicts: list[FieldDiff] = dataclasses.field(default_factory=list)


@dataclasses.dataclass
class AppliedRow:
    """An item the import created or merged, and where the editor shows it."""

    label: str = ""
    section: str = ""
    action: str = ""
    href: str = ""


@dataclasses.dataclass
class FileImport:
    """One uploaded file: reading → previewed → applying → applied (or failed / rejected)."""

    key: str = ""
    filename: str = ""
    source: str = ""
    status: str = "reading"
    progress: int = 0
    job_id: str = ""
    error: str = ""
    error_details: list[str] = dataclasses.field(default_factory=list)
    creates: list[PreviewRow] = dataclasses.field(default_factory=list)
    updates: list[PreviewRow] = dataclasses.field(default_factory=list)
    duplicates: list[PreviewRow] = dataclasses.field(default_factory=list)
    warnings: list[str] = dataclasses.field(default_factory=list)
    files_read: str = ""
    apply_error: str = ""
    created: int = 0
    merged: int = 0
    skipped: int = 0
    applied: list[AppliedRow] = dataclasses.field(default_factory=list)
    # What applying changes besides the profile (CV versions, share links, public page).
    affects: str = ""
    undoing: bool = False
    undo_error: str = ""
    undone: str = ""


def source_of(filename: str) -> str | None:
    """``linkedin`` for a .zip, ``jsonresume`` for a .json, ``resume`` for a CV file (.pdf,
    .docx, .txt, .md), None for anything else."""
    lowered = filename.lower()
    return next((source for ext, source in SOURCES.items() if lowered.endswith(ext)), None)


def section_name(section: str) -> str:
    if section == PROFILE:
        return "Basics"
    spec = BY_KEY.get(section)
    return spec.plural if spec else section.replace("_", " ").capitalize()


def section_href(section: str) -> str:
    """The profile editor at the section's tab."""
    if section == PROFILE or section not in BY_KEY:
        return routes.PROFILE
    return routes.profile_section(section)


def field_name(section: str, field: str) -> str:
    if field in _FIELD_NAMES:
        return _FIELD_NAMES[field]
    spec = BY_KEY.get(section)
    for form_field in spec.fields if spec else ():
        if form_field.name == field:
            return form_field.label
        if form_field.end == field:
            return form_field.end_label or "End"
    return field.rsplit(".", 1)[-1].replace("_", " ").capitalize()


def shown(value: Any) -> str:
    """A field's value in one short line."""
    if value is None or value in ("", [], {}):
        return "empty"
    if isinstance(value, list):
        if all(isinstance(entry, str) for entry in value):
            text = "; ".join(value)
        else:
            return f"{len(value)} entr{'y' if len(value) == 1 else 'ies'}"
    elif isinstance(value, dict):
        text = ", ".join(str(part) for part in value.values() if part not in (None, ""))
    else:
        text = " ".join(str(value).split())
    return text if len(text) <= _MAX_TEXT else text[: _MAX_TEXT - 1].rstrip() + "…"


def _diffs(section: str, diffs: list[dict[str, Any]]) -> list[FieldDiff]:
    return [
        FieldDiff(
            field=diff["field"],
            name=field_name(section, diff["field"]),
            current=shown(diff.get("current")),
            incoming=shown(diff.get("incoming")),
        )
        for diff in diffs
    ]


def preview_row(item: dict[str, Any]) -> PreviewRow:
    match = item.get("match") or {}
    section = item["section"]
    return PreviewRow(
        item_ref=item["item_ref"],
        section=section_name(section),
        label=item["label"],
        source="" if section == PROFILE else item.get("source") or "",
        suggested=item["suggested_action"],
        choice=item["suggested_action"],
        match=match.get("label", ""),
        possible=match.get("confidence") == "possible",
        can_create=section != PROFILE,
        review=bool(item.get("review")),
        changes=_diffs(section, item.get("changes") or []),
        conflicts=_diffs(section, item.get("conflicts") or []),
    )


def show_preview(file: FileImport, view: dict[str, Any]) -> None:
    """Fill ``file`` from the import's view (``imports.service.get_preview``)."""
    file.creates, file.updates, file.duplicates = (
        [preview_row(item) for item in view.get(kind) or []] for kind in KINDS
    )
    file.warnings = [warning_text(w) for w in view.get("warnings") or []]
    file.files_read = ", ".join(view.get("files") or [])
    file.affects = affects_text(view.get("affects") or {})


def _names(names: list[str]) -> str:
    quoted = [f"“{name}”" for name in names]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " and " + quoted[-1]


def affects_text(affects: dict[str, Any]) -> str:
    """One sentence on what applying changes besides the profile ("" when nothing)."""
    cvs = [cv["name"] for cv in affects.get("cvs") or []]
    links = [link.get("label") or "Untitled link" for link in affects.get("share_links") or []]
    parts = []
    if cvs:
        parts.append(f"your CV{'s' if len(cvs) > 1 else ''} {_names(cvs)}")
    if links:
        noun = "share link" if len(links) == 1 else "share links"
        parts.append(f"the {noun} {_names(links)}")
    if affects.get("public_page"):
        parts.append("your public page")
    if not parts:
        return ""
    listed = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
    return f"Applying also changes {listed}: they show what you import."


def undone_text(result: dict[str, Any]) -> str:
    removed, restored, kept = (int(result.get(k, 0)) for k in ("removed", "restored", "kept"))
    text = f"Import undone: {removed} removed, {restored} restored."
    if kept:
        fields = "1 field" if kept == 1 else f"{kept} fields"
        text += f" {fields} you changed since the import stayed as you left them."
    return text


def warning_text(warning: dict[str, Any]) -> str:
    """A preview warning in one line: its place first, unless the message starts with it."""
    message, location = str(warning.get("message") or ""), warning.get("location")
    if not location or message.startswith(str(location)):
        return message
    return f"{location}: {message}"


def show_summary(file: FileImport, summary: dict[str, Any]) -> None:
    """Fill ``file`` with what an apply wrote (the summary of ``imports.service.apply``)."""
    file.created, file.merged = int(summary.get("created", 0)), int(summary.get("merged", 0))
    file.skipped = int(summary.get("skipped", 0))
    file.applied = [
        AppliedRow(
            label=item["label"],
            section=section_name(item["section"]),
            action=item["action"],
            href=section_href(item["section"]),
        )
        for item in summary.get("items") or []
        if item["action"] != "skipped"
    ]


def error_lines(error: dict[str, Any] | None) -> tuple[str, list[str]]:
    """The message and the details (``path: message``) of an error as a service gives it."""
    if not error:
        return "", []
    details = [
        f"{d['field']}: {d['message']}" if d.get("field") else str(d.get("message", ""))
        for d in error.get("details") or []
    ]
    return str(error.get("message") or "The file could not be read."), details[:8]


def decisions(file: FileImport) -> list[dict[str, Any]]:
    """The choice of every row, as ``imports.tasks.start_apply`` takes them."""
    return [
        {
            "item_ref": row.item_ref,
            "action": row.choice,
            "overwrite": [c.field for c in row.conflicts if c.overwrite]
            if row.choice == "merge"
            else [],
        }
        for kind in KINDS
        for row in getattr(file, kind)
    ]
