"""Applying an import: the user's decision per item, in one transaction, at most once.

The preview is rebuilt against the profile as it is now, so applying is idempotent: an item
already present (an earlier import, a second upload of the same file) is skipped even when
"create" was chosen, and a clear match in a one-per-name section is merged instead.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlmodel import Session, select

from cvapp.domain.events import coalesced, publish
from cvapp.domain.imports import preview
from cvapp.domain.imports.draft import Draft
from cvapp.domain.imports.labels import label
from cvapp.domain.imports.preview import UNIQUE_SECTIONS, Entry
from cvapp.domain.profiles.lookup import get_or_create_profile
from cvapp.domain.profiles.service import update_profile
from cvapp.domain.sections import SECTIONS
from cvapp.errors import Conflict, DomainError, NotFound, ValidationFailed
from cvapp.models import ImportBatch
from cvapp.models.base import utcnow

ACTIONS = ("create", "merge", "skip")


def locked_batch(session: Session, *, user_id: str, import_id: str) -> ImportBatch:
    """The caller's import, locked against a concurrent apply; anyone else's is not found."""
    statement = (
        select(ImportBatch)
        .where(ImportBatch.id == import_id, ImportBatch.user_id == user_id)
        .with_for_update()
    )
    batch = session.exec(statement).first()
    if batch is None:
        raise NotFound("Import not found")
    return batch


@dataclass(frozen=True)
class Choice:
    """A decision: the action and, for a merge, the conflicting fields to take from the file."""

    action: str
    overwrite: tuple[str, ...] = ()


def _chosen(entries: list[Entry], decisions: Iterable[Mapping[str, Any]]) -> dict[str, Choice]:
    by_ref = {entry.item_ref: entry for entry in entries}
    chosen: dict[str, Choice] = {}
    details = []
    for index, decision in enumerate(decisions):
        ref, action = str(decision.get("item_ref", "")), decision.get("action")
        overwrite = tuple(decision.get("overwrite") or ())
        where = f"decisions[{index}]"
        entry = by_ref.get(ref)
        if entry is None:
            details.append({"field": f"{where}.item_ref", "message": f"No item {ref!r} here"})
        elif action not in ACTIONS:
            details.append({"field": f"{where}.action", "message": "Use create, merge or skip"})
        elif action == "merge" and entry.match is None:
            message = f"{ref} matches nothing in your profile; create or skip it"
            details.append({"field": f"{where}.action", "message": message})
        elif overwrite and (action != "merge" or not set(overwrite) <= _conflicting(entry)):
            message = f"Only a merge may overwrite, and only {ref}'s conflicting fields"
            details.append({"field": f"{where}.overwrite", "message": message})
        else:
            chosen[ref] = Choice(str(action), overwrite)
    if details:
        raise ValidationFailed("Invalid decisions", details=details)
    return chosen


def _conflicting(entry: Entry) -> set[str]:
    return {conflict["field"] for conflict in entry.plan.conflicts}


def _effective(entry: Entry, choice: Choice) -> Choice:
    """What is really done: creating what is already there skips or merges it."""
    action = choice.action
    clear = entry.match is not None and entry.match.clear
    if action == "create" and entry.section == "profile":
        action = "merge"
    elif action == "create" and clear and entry.kind == "duplicates":
        return Choice("skip")
    elif action == "create" and clear and entry.section in UNIQUE_SECTIONS:
        action = "merge"
    if action == "merge" and not entry.plan.overwriting(choice.overwrite):
        return Choice("skip")
    return Choice(action, choice.overwrite if action == "merge" else ())


@dataclass
class UndoLog:
    """What an apply did, so that ``undoing`` can take it back: the items it created, and
    per merged item the values before and after (``[section, id, before, after]``)."""

    created: list[list[str]]
    restore: list[list[Any]]

    def merged(
        self, section: str, item_id: str, existing: dict[str, Any], values: dict[str, Any]
    ) -> None:
        before = {
            name: {key: (existing.get(name) or {}).get(key) for key in value}
            if name in _NESTED and isinstance(value, dict)
            else existing.get(name)
            for name, value in values.items()
        }
        self.restore.append([section, item_id, before, values])


_NESTED = ("contact", "location")


def _write(
    session: Session, user_id: str, entry: Entry, choice: Choice, log: UndoLog
) -> str | None:
    """Create or merge one item; the id written (None when skipped)."""
    matched = str(entry.match.existing["id"]) if entry.match else None
    if choice.action == "skip":
        return matched
    values = entry.plan.overwriting(choice.overwrite)
    if entry.section == "profile":
        log.merged("profile", str(matched), entry.match.existing if entry.match else {}, values)
        update_profile(session, user_id=user_id, changes=values)
        return matched
    service = SECTIONS[entry.section]
    if choice.action == "merge" and matched is not None and entry.match is not None:
        log.merged(entry.section, matched, entry.match.existing, values)
        service.update(session, user_id=user_id, item_id=matched, changes=values)
        return matched
    created = str(service.create(session, user_id=user_id, data=entry.data).id)
    log.created.append([entry.section, created])
    return created


def _link(
    session: Session,
    user_id: str,
    entries: list[Entry],
    written: dict[str, tuple[str, str | None]],
    log: UndoLog,
) -> None:
    """Link skills to the experiences and projects the upload says they were used in
    (when either side was written now and both exist)."""
    for entry in entries:
        done, skill_id = written.get(entry.item_ref, ("skipped", None))
        for section, refs in entry.links.items():
            service = SECTIONS[section]
            for ref in refs:
                target_done, target_id = written.get(ref, ("skipped", None))
                if skill_id is None or target_id is None or done == target_done == "skipped":
                    continue
                current = service.get(session, user_id=user_id, item_id=target_id).skill_ids
                if skill_id not in current:
                    changes = {"skill_ids": [*current, skill_id]}
                    if target_done != "created":
                        log.restore.append([section, target_id, {"skill_ids": current}, changes])
                    service.update(session, user_id=user_id, item_id=target_id, changes=changes)


def _with_ref(exc: DomainError, entry: Entry) -> DomainError:
    exc.message = f"{label(entry.section, entry.data)}: {exc.message}"
    exc.details = [
        {**detail, "field": f"{entry.item_ref}.{detail.get('field', '')}".rstrip(".")}
        for detail in exc.details
    ] or [{"field": entry.item_ref, "message": exc.message}]
    return exc


def apply(
    session: Session,
    *,
    user_id: str,
    import_id: str,
    decisions: Iterable[Mapping[str, Any]] = (),
) -> dict[str, Any]:
    """Write the import as decided (undecided items take the suggested action); the summary."""
    batch = locked_batch(session, user_id=user_id, import_id=import_id)
    if batch.status == "applied" and batch.summary is not None:
        return batch.summary
    if batch.status != "previewed":
        state = "could not be read" if batch.status == "failed" else "is still being read"
        raise Conflict(f"This import {state}; it cannot be applied")
    draft = Draft.from_dict(batch.preview["draft"])
    entries = preview.entries(session, user_id=user_id, draft=draft)
    chosen = _chosen(entries, decisions)
    items = []
    written: dict[str, tuple[str, str | None]] = {}
    log = UndoLog(created=[], restore=[])
    with coalesced(session):  # one completeness recompute for the whole import, not one per item
        for entry in entries:
            choice = _effective(entry, chosen.get(entry.item_ref, Choice(entry.suggested)))
            try:
                item_id = _write(session, user_id, entry, choice, log)
            except (ValidationFailed, Conflict, NotFound) as exc:
                raise _with_ref(exc, entry) from None
            done = {"create": "created", "merge": "merged", "skip": "skipped"}[choice.action]
            written[entry.item_ref] = (done, item_id)
            items.append(
                {"item_ref": entry.item_ref, "section": entry.section, "action": done,
                 "id": item_id, "label": label(entry.section, entry.data)}
            )  # fmt: skip
        _link(session, user_id, entries, written, log)
    now = utcnow()
    summary = _summary(batch, items, applied_at=now.isoformat())
    # Kept beside the stored draft (never shown): what ``undoing.undo`` takes back.
    batch.preview = {**batch.preview, "undo": {"created": log.created, "restore": log.restore}}
    batch.status, batch.summary, batch.applied_at = "applied", summary, now
    saved(session, batch)
    return summary


def saved(session: Session, batch: ImportBatch) -> None:
    """Store ``batch`` and tell the rest of the app its user's profile changed (public page,
    search text, caches), as an apply or an undo does."""
    session.add(batch)
    session.flush()
    profile = get_or_create_profile(session, user_id=batch.user_id)
    publish(
        session,
        "profile.changed",
        user_id=batch.user_id,
        profile_id=profile.id,
        section="imports",
        import_id=batch.id,
    )


def _summary(batch: ImportBatch, items: list[dict[str, Any]], *, applied_at: str) -> dict[str, Any]:
    counts = {done: sum(1 for item in items if item["action"] == done)
              for done in ("created", "merged", "skipped")}  # fmt: skip
    return {
        "import_id": batch.id,
        "status": "applied",
        "applied_at": applied_at,
        **counts,
        "items": items,
    }
