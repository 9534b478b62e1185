"""The preview of an import: each item beside its match in the profile, with the action we
suggest — create new items, merge clear matches, skip exact duplicates.

Built when the file is read and again when the import is applied (the profile may have
changed in between), from the same stored draft.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any, Literal

from sqlmodel import Session, select

from cvapp.domain.imports import merging
from cvapp.domain.imports.draft import REVIEW_BELOW, SECTION_ORDER, Draft
from cvapp.domain.imports.keys import line_key
from cvapp.domain.imports.labels import label
from cvapp.domain.imports.matching import Match, match_section
from cvapp.domain.profiles.lookup import get_or_create_profile
from cvapp.domain.sections import SECTIONS
from cvapp.models import ImportBatch, Profile

Action = Literal["create", "merge", "skip"]
PROFILE_REF = "profile"
UNIQUE_SECTIONS = frozenset({"skills", "languages"})
"""Sections where the database allows one item per name: a clear match is never created."""


@dataclass
class Entry:
    """One imported item and what importing it would do."""

    item_ref: str
    section: str
    data: dict[str, Any]
    source: str
    match: Match | None
    plan: merging.Plan
    kind: Literal["creates", "updates", "duplicates"]
    suggested: Action
    links: dict[str, list[str]] = field(default_factory=dict)
    confidence: float = 1.0

    def public(self) -> dict[str, Any]:
        match = None
        if self.match is not None:
            match = {
                "id": self.match.existing["id"],
                "label": label(self.section, self.match.existing),
                "score": self.match.score,
                "confidence": "clear" if self.match.clear else "possible",
            }
        return {
            "item_ref": self.item_ref,
            "section": self.section,
            "label": label(self.section, self.data),
            "source": self.source,
            "data": self.data,
            "suggested_action": self.suggested,
            "match": match,
            "changes": self.plan.changes,
            "conflicts": self.plan.conflicts,
            "links": self.links,
            "confidence": self.confidence,
            "review": self.confidence < REVIEW_BELOW,
        }


def _classify(match: Match | None, plan: merging.Plan) -> tuple[Any, Action]:
    if match is None:
        return "creates", "create"
    if plan.changes:
        return "updates", "merge"
    if plan.conflicts or not match.clear:
        return "updates", "skip"
    return "duplicates", "skip"


def profile_fields(profile: Profile) -> dict[str, Any]:
    return {
        **profile.model_dump(include={"full_name", "headline", "summary", "website"}),
        "contact": {"email": profile.email, "phone": profile.phone},
        "location": profile.location or {},
        "links": profile.links or [],
        "interests": profile.interests or [],
        "references": profile.references or [],
    }


def entries(session: Session, *, user_id: str, draft: Draft) -> list[Entry]:
    """Every item of ``draft`` matched against the user's profile as it is now."""
    profile = get_or_create_profile(session, user_id=user_id)
    found: list[Entry] = []
    if draft.profile:
        plan = merging.profile_plan(profile_fields(profile), draft.profile)
        itself = Match({"id": profile.id, **profile_fields(profile)}, 100.0, True)
        kind, suggested = _classify(itself, plan)
        found.append(
            Entry(PROFILE_REF, "profile", draft.profile, "profile", itself, plan, kind, suggested)
        )
    imported = _imported_lines(session, user_id=user_id)
    for section in SECTION_ORDER:
        items = draft.section(section)
        if not items:
            continue
        views = SECTIONS[section].for_profile(session, profile_id=profile.id)
        existing = [view.model_dump() for view in views]
        matches = match_section(section, [item.data for item in items], existing)
        for item, match in zip(items, matches, strict=True):
            plan = merging.Plan()
            if match is not None:
                forgotten = _deleted_since(imported.get(match.existing["id"], set()), match)
                dropped = forgotten & _lines(item.data)
                if dropped:
                    count = f"{len(dropped)} {'entry' if len(dropped) == 1 else 'entries'}"
                    message = (
                        f"{label(section, item.data)}: {count} you deleted after an earlier "
                        "import are not added again"
                    )
                    draft.warn("deleted_not_restored", message, item.source)
                plan = merging.item_plan(match.existing, item.data, frozenset(forgotten))
            kind, suggested = _classify(match, plan)
            found.append(
                Entry(
                    item.item_ref,
                    section,
                    item.data,
                    item.source,
                    match,
                    plan,
                    kind,
                    suggested,
                    links=item.links,
                    confidence=item.confidence,
                )
            )
    return found


def _lines(data: dict[str, Any]) -> set[str]:
    """The list entries (bullets, highlights, keywords, courses) of an item, as line keys."""
    return {
        line_key(entry)
        for name in merging.LIST_FIELDS
        for entry in data.get(name) or []
        if isinstance(entry, str)
    }


def _imported_lines(session: Session, *, user_id: str) -> dict[str, set[str]]:
    """Per profile item, the list entries earlier applied imports wrote into it."""
    found: dict[str, set[str]] = defaultdict(set)
    batches = session.exec(
        select(ImportBatch).where(ImportBatch.user_id == user_id, ImportBatch.status == "applied")
    )
    for batch in batches:
        if (batch.summary or {}).get("undone_at"):
            continue  # taken back: what it wrote is gone
        drafted = {
            item.get("item_ref"): item.get("data") or {}
            for item in (batch.preview.get("draft") or {}).get("items", [])
        }
        for done in (batch.summary or {}).get("items", []):
            if done.get("action") in ("created", "merged") and done.get("id"):
                found[done["id"]] |= _lines(drafted.get(done.get("item_ref"), {}))
    return found


def _deleted_since(imported: set[str], match: Match) -> set[str]:
    """Entries an earlier import wrote into the matched item that it no longer has in any
    wording: the user deleted them."""
    current = _lines(match.existing)
    return {
        key for key in imported - current if not any(merging.same_line(key, c) for c in current)
    }


def build(entries_: list[Entry], draft: Draft) -> dict[str, Any]:
    """The preview's lists: creates, updates, duplicates and warnings."""
    preview: dict[str, Any] = {"creates": [], "updates": [], "duplicates": []}
    for entry in entries_:
        preview[entry.kind].append(entry.public())
    preview["warnings"] = [
        {"code": notice.code, "message": notice.message, "location": notice.location}
        for notice in draft.warnings
    ]
    preview["files"] = draft.files
    preview["counts"] = {key: len(preview[key]) for key in ("creates", "updates", "duplicates")}
    return preview
