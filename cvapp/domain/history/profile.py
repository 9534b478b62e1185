"""Master profile history: every committed change of the profile (its basics and each item of
every section) is a revision, browsable, comparable with now and restorable.

One revision per transaction: ``profile.changed`` marks the profile (``handlers``) and the
revision is written once, just before the transaction commits. So an import, an accepted AI
suggestion or one save of the editor is one revision however many items it touched.

Compact: only the newest revision of a profile (and each named one, which outlives the
retention window) holds the whole state; every revision holds what it changed, each changed
item (or basic field) before and after. The state at revision ``n`` is the nearest whole
state from ``n`` up with the revisions in between taken back, newest first.

Item ids are kept: restoring brings deleted items back with the ids CVs refer to.
"""

from __future__ import annotations

import copy
from typing import Any

import structlog
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from cvapp.domain.events import publish
from cvapp.domain.history import service as history_service
from cvapp.domain.history.actor import acting, actor_of
from cvapp.domain.history.schemas import (
    ChangeView,
    ProfileHistoryPage,
    ProfileRestored,
    RevisionSummary,
    RevisionView,
)
from cvapp.domain.profiles.lookup import get_or_create_profile
from cvapp.domain.sections import SECTIONS
from cvapp.errors import Conflict, NotFound, ValidationFailed
from cvapp.models import ImportBatch, Profile, Revision

log = structlog.get_logger(__name__)

SUBJECT = "profile"
RESTORE = "restore"
LIMIT = 200
_MARK = "cvapp_profile_changed"

BASICS: dict[str, str] = {
    "full_name": "Name",
    "headline": "Headline",
    "summary": "Summary",
    "email": "Email",
    "phone": "Phone",
    "location": "Location",
    "website": "Website",
    "links": "Links",
    "interests": "Interests",
    "references": "References",
}
"""The profile's own fields the history keeps (publication settings and the photo are not
content: restoring an old version never makes a profile public again)."""
_SHORT = {"full_name", "headline", "email", "phone", "website"}
_TITLE_FIELDS: dict[str, tuple[str, ...]] = {
    "experiences": ("title", "company"),
    "projects": ("name",),
    "skills": ("name",),
    "education": ("institution",),
    "certifications": ("name",),
    "achievements": ("title",),
    "languages": ("language",),
    "publications": ("name",),
    "volunteering": ("organization",),
}
_FIELD_NAMES = {
    "responsibilities": "bullets",
    "skill_ids": "skills",
    "project_ids": "projects",
    "experience_ids": "experiences",
    "name_normalized": "",
    "sort_order": "",
}
_OMIT = {"id", "profile_id", "created_at", "updated_at"}
Change = dict[str, Any]


# -- the state -------------------------------------------------------------------------------


def _item_state(key: str, row: Any) -> dict[str, Any]:
    data: dict[str, Any] = row.model_dump(mode="json", exclude=_OMIT)
    for name, link in SECTIONS[key].links.items():
        data[name] = [target.id for target in getattr(row, link.relationship)]
    return data


def state_of(session: Session, profile: Profile) -> dict[str, Any]:
    """The profile's content: ``{"basics": {…}, "items": {section: {id: fields}}}``."""
    basics = profile.model_dump(mode="json", include=set(BASICS))
    items = {
        key: {row.id: _item_state(key, row) for row in service.rows_for_profile(
            session, profile_id=profile.id)}
        for key, service in SECTIONS.items()
    }  # fmt: skip
    return {"basics": basics, "items": items}


def item_title(key: str, data: dict[str, Any] | None) -> str:
    """An item's name in the history ("Staff engineer, Acme"); never a hidden client name."""
    values = (
        [str(data.get(name) or "").strip() for name in _TITLE_FIELDS.get(key, ())] if data else []
    )
    return ", ".join(value for value in values if value) or "an item"


def _words(names: list[str]) -> str:
    shown = [_FIELD_NAMES.get(name, name.replace("_", " ")) for name in names]
    shown = [name for name in dict.fromkeys(shown) if name]
    return ", ".join(shown)


def changes_between(before: dict[str, Any], after: dict[str, Any]) -> list[Change]:
    """Each basic field and each item that differs, with its whole value before and after
    (None: the item did not exist), in words for the timeline."""
    found: list[Change] = []
    old_basics, new_basics = before.get("basics") or {}, after.get("basics") or {}
    for name, label in BASICS.items():
        old, new = old_basics.get(name), new_basics.get(name)
        if old == new:
            continue
        if name in _SHORT and old and new:
            words = f"{label}: {old} → {new}"
        else:
            words = f"{label} {'removed' if not new else 'added' if not old else 'edited'}"
        found.append({"field": f"basics.{name}", "label": words[:300], "before": old, "after": new})
    old_items, new_items = before.get("items") or {}, after.get("items") or {}
    for key, service in SECTIONS.items():
        was, now = old_items.get(key) or {}, new_items.get(key) or {}
        for item_id in [*now, *(i for i in was if i not in now)]:
            old, new = was.get(item_id), now.get(item_id)
            if old == new:
                continue
            title = item_title(key, new or old)
            if old is None:
                words = f"{service.label} added: {title}"
            elif new is None:
                words = f"{service.label} deleted: {title}"
            else:
                edited = _words([name for name in new if new.get(name) != old.get(name)])
                words = (
                    f"{service.label} › {title}: {edited} edited"
                    if edited
                    else f"{service.label}: items reordered"
                )
            found.append(
                {
                    "field": f"items.{key}.{item_id}",
                    "label": words[:300],
                    "before": old,
                    "after": new,
                }
            )
    return found


def _take_back(state: dict[str, Any], changes: list[Change]) -> None:
    """Undo ``changes`` on ``state`` (in place): each path gets its value before."""
    for change in changes:
        kind, _, rest = str(change["field"]).partition(".")
        if kind == "basics":
            state.setdefault("basics", {})[rest] = change.get("before")
        elif kind == "items":
            key, _, item_id = rest.partition(".")
            section = state.setdefault("items", {}).setdefault(key, {})
            if change.get("before") is None:
                section.pop(item_id, None)
            else:
                section[item_id] = copy.deepcopy(change["before"])


def summary(changes: list[Change], action: str, *, restored: int | None = None) -> str:
    """One line for the timeline."""
    if action == "created":
        return "History starts here"
    labels = list(dict.fromkeys(change["label"] for change in changes))
    if action == "restored":
        head = f"Restored version {restored}" if restored else "Restored"
        return head if not labels else f"{head}: {_counted(labels)}"[:300]
    return _counted(labels) if labels else "Saved"


def _counted(labels: list[str]) -> str:
    more = len(labels) - 1
    line = labels[0] if not more else f"{labels[0]} (and {more} more change{'s' * (more > 1)})"
    return line[:300]


# -- recording -------------------------------------------------------------------------------


def mark_changed(session: Session, *, profile_id: str, user_id: str, import_id: str | None) -> None:
    """Remember that ``profile_id`` changed in this transaction, and who changed it first
    (an import, an accepted AI suggestion, a restore, an API key or the user)."""
    marks: dict[str, tuple[str, str, str | None]] = session.info.setdefault(_MARK, {})
    kind, actor_id = ("import", import_id) if import_id else actor_of(session)
    held = marks.get(profile_id)
    if held is None or (held[1] == "user" and kind != "user"):
        marks[profile_id] = (user_id, kind, actor_id)


def forget_marks(session: Session) -> None:
    session.info.pop(_MARK, None)


def record_marked(session: Session) -> None:
    """Write one revision per profile changed in this transaction (before it commits)."""
    marks: dict[str, tuple[str, str, str | None]] = session.info.pop(_MARK, {})
    for profile_id, (user_id, kind, actor_id) in marks.items():
        profile = session.get(Profile, profile_id)
        if profile is None:
            continue
        try:
            with session.begin_nested(), acting(session, kind, actor_id):
                record(session, profile)
        except IntegrityError:  # a concurrent transaction took the number: its state is kept
            log.warning("profile_revision_skipped", profile_id=profile_id, user_id=user_id)


def _latest(session: Session, profile_id: str) -> Revision | None:
    return history_service.latest(session, profile_id, subject=SUBJECT)


def record(session: Session, profile: Profile) -> Revision | None:
    """Keep the profile's state as a new revision, unless it equals the last one kept."""
    previous = _latest(session, profile.id)
    state = state_of(session, profile)
    if previous is not None and previous.state == state:
        return None
    kind, actor_id = actor_of(session)
    changes = changes_between(previous.state, state) if previous is not None else []
    if previous is None:
        action = "created"
    elif kind == RESTORE:
        action = "restored"
    elif kind == "import":
        action = "imported"
    else:
        action = "changed"
    restored = int(actor_id) if kind == RESTORE and actor_id and actor_id.isdigit() else None
    label = summary(changes, action, restored=restored)
    if action == "imported":
        label = f"{_import_words(session, actor_id)}: {label}"[:300]
    elif kind == "ai":
        label = f"AI suggestion accepted: {label}"[:300]
    revision = Revision(
        user_id=profile.user_id,
        subject=SUBJECT,
        subject_id=profile.id,
        number=(previous.number + 1) if previous else 1,
        action=action,
        actor=kind,
        actor_id=actor_id,
        label=label,
        state=state,
        changes=changes,
    )
    if previous is not None and previous.name is None:
        previous.state = {}  # only the newest (and named) revisions keep the whole state
        session.add(previous)
    session.add(revision)
    session.flush()
    return revision


def _import_words(session: Session, import_id: str | None) -> str:
    batch = session.get(ImportBatch, import_id) if import_id else None
    if batch is not None and (batch.summary or {}).get("undone_at"):
        return "Import undone"
    return "Imported"


# -- reading ---------------------------------------------------------------------------------


def _of_profile(user_id: str, profile_id: str) -> tuple[Any, ...]:
    return (
        Revision.subject == SUBJECT,
        Revision.subject_id == profile_id,
        Revision.user_id == user_id,
    )


def _summary(revision: Revision, *, current: bool) -> RevisionSummary:
    return RevisionSummary(
        number=revision.number,
        created_at=revision.created_at,
        action=revision.action,
        actor=revision.actor,
        label=revision.label,
        name=revision.name,
        changes=[
            ChangeView(field=c["field"], label=c["label"]) for c in _distinct(revision.changes)
        ],
        current=current,
    )


def _distinct(changes: list[Change]) -> list[Change]:
    """One entry per label (a reorder moves many items, it is one change to read)."""
    seen: set[str] = set()
    kept = []
    for change in changes:
        if change["label"] not in seen:
            seen.add(change["label"])
            kept.append(change)
    return kept


def history(session: Session, *, user_id: str) -> ProfileHistoryPage:
    """The profile's revisions, newest first (at most ``LIMIT``)."""
    profile = get_or_create_profile(session, user_id=user_id)
    revisions = session.exec(
        select(Revision)
        .where(*_of_profile(user_id, profile.id))
        .order_by(col(Revision.number).desc())
        .limit(LIMIT)
    ).all()
    now = _is_now(session, profile, revisions[0]) if revisions else False
    data = [_summary(r, current=now and i == 0) for i, r in enumerate(revisions)]
    return ProfileHistoryPage(
        profile_id=profile.id, kept_days=history_service.kept_days(session, user_id), data=data
    )


def _is_now(session: Session, profile: Profile, newest: Revision) -> bool:
    return bool(newest.state) and newest.state == state_of(session, profile)


def state_at(session: Session, *, user_id: str, profile_id: str, number: int) -> dict[str, Any]:
    """The profile's content as it was at revision ``number``."""
    revisions = session.exec(
        select(Revision)
        .where(*_of_profile(user_id, profile_id), col(Revision.number) >= number)
        .order_by(col(Revision.number).desc())
    ).all()
    if not revisions or revisions[-1].number != number:
        raise NotFound("This version is not in the profile's history")
    # The nearest revision from ``number`` up that holds a whole state (the newest, or a
    # named one), then the revisions between taken back, newest first.
    full = next(r for r in reversed(revisions) if r.state)
    state = copy.deepcopy(full.state)
    for revision in revisions:
        if number < revision.number <= full.number:
            _take_back(state, revision.changes)
    return state


def revision(session: Session, *, user_id: str, number: int) -> RevisionView:
    """One revision: the profile's content then, and what differs from the profile now."""
    profile = get_or_create_profile(session, user_id=user_id)
    then = state_at(session, user_id=user_id, profile_id=profile.id, number=number)
    now = state_of(session, profile)
    found = session.exec(
        select(Revision).where(*_of_profile(user_id, profile.id), Revision.number == number)
    ).one()
    differences = [
        ChangeView(field=c["field"], label=c["label"], before=c["before"], after=c["after"])
        for c in _distinct(changes_between(then, now))
    ]
    base = _summary(found, current=then == now)
    return RevisionView(**base.model_dump(), state=then, differences=differences)


def step_back(session: Session, *, user_id: str, before: int | None) -> tuple[int, int]:
    """Where one Undo goes: ``(from, to)``, the revision undone (``before``, or the newest)
    and the one before it (0: nothing left to undo)."""
    profile = get_or_create_profile(session, user_id=user_id)
    numbers = session.exec(
        select(Revision.number)
        .where(*_of_profile(user_id, profile.id))
        .order_by(col(Revision.number).desc())
    ).all()
    start = before or (numbers[0] if numbers else 0)
    return start, next((number for number in numbers if number < start), 0)


def latest_number(session: Session, *, user_id: str) -> int:
    """The newest revision's number (0: none yet), for ``restore``'s ``expected``."""
    profile = get_or_create_profile(session, user_id=user_id)
    newest = _latest(session, profile.id)
    return newest.number if newest is not None else 0


def name_revision(
    session: Session, *, user_id: str, number: int, name: str | None
) -> RevisionSummary:
    """Name a version of the profile ("before the big rewrite")."""
    profile = get_or_create_profile(session, user_id=user_id)
    found = session.exec(
        select(Revision).where(*_of_profile(user_id, profile.id), Revision.number == number)
    ).first()
    if found is None:
        raise NotFound("This version is not in the profile's history")
    if not found.state:  # a named version keeps its whole state: it outlives the others
        found.state = state_at(session, user_id=user_id, profile_id=profile.id, number=number)
    found.name = (name or "").strip() or None
    session.add(found)
    session.flush()
    newest = _latest(session, profile.id)
    now = newest is not None and newest.number == number and _is_now(session, profile, newest)
    return _summary(found, current=now)


# -- restoring -------------------------------------------------------------------------------


def deleted_item_version(session: Session, *, user_id: str, item_id: str) -> int:
    """The revision just before ``item_id`` was last deleted (restore it from there)."""
    profile = get_or_create_profile(session, user_id=user_id)
    revisions = session.exec(
        select(Revision)
        .where(*_of_profile(user_id, profile.id))
        .order_by(col(Revision.number).desc())
        .limit(LIMIT)
    ).all()
    for found in revisions:
        for change in found.changes:
            field = str(change.get("field", ""))
            if field.endswith(f".{item_id}") and change.get("after") is None:
                return found.number - 1
    raise NotFound("This item was not deleted recently")


def restore(
    session: Session,
    *,
    user_id: str,
    number: int,
    items: list[str] | None = None,
    expected: int | None = None,
) -> ProfileRestored:
    """Put the profile back as it was at ``number``: all of it, or only the ``items`` named
    (with their links). Deleted items come back with their ids. The restore is recorded as a
    revision of its own, so restoring the one before it undoes it."""
    profile = get_or_create_profile(session, user_id=user_id)
    newest = _latest(session, profile.id)
    if expected is not None and (newest.number if newest else 0) != expected:
        raise Conflict(
            "Your profile changed since this was decided (another tab, the API or an import): "
            "reload its history and choose again"
        )
    target = state_at(session, user_id=user_id, profile_id=profile.id, number=number)
    wanted = set(items) if items is not None else None
    if wanted is not None:
        known = {i for section in target.get("items", {}).values() for i in section}
        unknown = sorted(wanted - known)
        if unknown:
            raise ValidationFailed.field("item", f"Not in version {number}: {unknown[0]}")
    with acting(session, RESTORE, str(number)):
        restored = _apply(session, profile, target, wanted)
        publish(session, "profile.changed", user_id=user_id, profile_id=profile.id)
    return ProfileRestored(number=number, items=restored)


def _apply(
    session: Session, profile: Profile, target: dict[str, Any], wanted: set[str] | None
) -> int:
    """Make the live profile equal ``target`` (only ``wanted`` items when given); how many
    items were created, changed or deleted."""
    if wanted is None:
        for name, value in (target.get("basics") or {}).items():
            if name in BASICS and getattr(profile, name) != value:
                setattr(profile, name, copy.deepcopy(value))
        session.add(profile)
    goal = target.get("items") or {}
    live = {
        key: {row.id: row for row in service.rows_for_profile(session, profile_id=profile.id)}
        for key, service in SECTIONS.items()
    }
    touched = 0
    for key in SECTIONS:  # deletions first: a restored skill may take back its name
        for item_id in list(live[key]):
            if item_id not in (goal.get(key) or {}) and (wanted is None or item_id in wanted):
                session.delete(live[key].pop(item_id))
                touched += 1
    session.flush()
    created: dict[str, Any] = {}
    for key, service in SECTIONS.items():
        for item_id, data in (goal.get(key) or {}).items():
            if wanted is not None and item_id not in wanted:
                continue
            values = {k: v for k, v in data.items() if k not in service.links}
            row = live[key].get(item_id)
            if row is None:
                created[item_id] = _create(session, key, profile.id, item_id, values)
                touched += 1
            elif _item_state(key, row) != data:
                for name, value in values.items():
                    if getattr(row, name) != value:
                        setattr(row, name, copy.deepcopy(value))
                touched += 1
    session.flush()
    _relink(session, profile, goal, live, created, wanted)
    session.flush()
    return touched


def _create(
    session: Session, key: str, profile_id: str, item_id: str, values: dict[str, Any]
) -> Any:
    model: Any = SECTIONS[key].model
    row = model(id=item_id, profile_id=profile_id, **values)
    try:
        with session.begin_nested():
            session.add(row)
    except IntegrityError:
        raise Conflict(
            f"{SECTIONS[key].label} “{item_title(key, values)}” exists again under the same "
            "name: rename or delete that one first"
        ) from None
    return row


def _relink(
    session: Session,
    profile: Profile,
    goal: dict[str, Any],
    live: dict[str, dict[str, Any]],
    created: dict[str, Any],
    wanted: set[str] | None,
) -> None:
    """Set the links of restored items; a partial restore also puts back the links other
    items had to them (a deleted skill comes back in the experiences that used it)."""
    rows: dict[str, Any] = {}
    for key in SECTIONS:
        for item_id, row in live[key].items():
            rows[item_id] = row
    rows.update(created)
    for key, service in SECTIONS.items():
        for item_id, data in (goal.get(key) or {}).items():
            row = rows.get(item_id)
            if row is None or not service.links:
                continue
            for name, link in service.links.items():
                ids = [i for i in data.get(name) or [] if i in rows]
                if wanted is None or item_id in wanted:
                    targets = [rows[i] for i in ids]
                else:  # an item left as it is gets back only its links to restored items
                    have = list(getattr(row, link.relationship))
                    present = {target.id for target in have}
                    targets = have + [rows[i] for i in ids if i in wanted and i not in present]
                if [t.id for t in getattr(row, link.relationship)] != [t.id for t in targets]:
                    setattr(row, link.relationship, targets)
