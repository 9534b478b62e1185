"""CV version history: record every saved state, list, compare with now, restore, name.

Recording happens in ``handlers`` (on ``cv.created`` / ``cv.changed`` / ``cv.deleted``), so
every way of changing a CV — the editor, the REST API, an API key, a restore — leaves a
revision without the callers knowing. A restore is itself a revision: it can be undone by
restoring the one before it. A deleted CV's revisions stay for the plan's retention window,
and the CV can be brought back from any of them.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from functools import cache
from typing import Any

from sqlalchemy import delete, func
from sqlmodel import Session, col, select

from cvapp.domain.cvs import service as cvs_service
from cvapp.domain.cvs.schemas import CvView
from cvapp.domain.cvs.views import build_cv_view
from cvapp.domain.history.actor import acting, actor_of
from cvapp.domain.history.diff import changes_between, state_of, summary
from cvapp.domain.history.schemas import (
    ChangeView,
    DeletedCv,
    HistoryPage,
    RevisionSummary,
    RevisionView,
)
from cvapp.domain.plans.entitlements import PLAN_ORDER, for_plan
from cvapp.errors import NotFound
from cvapp.models import CvVersion, Profile, Revision, User
from cvapp.models.base import utcnow

SUBJECT = "cv"
RESTORE = "restore"
LIMIT = 200


def _titles(session: Session, cv: CvVersion) -> Callable[[], dict[str, str]]:
    """The CV's item labels by id, read once and only if a change needs them."""

    @cache
    def read() -> dict[str, str]:
        view = build_cv_view(session, cv=cv)
        return {item.id: item.label for items in view.items.values() for item in items}

    return read


def _of_cv(user_id: str, cv_id: str) -> tuple[Any, ...]:
    """The conditions that select one user's revisions of one CV."""
    return (
        Revision.subject == SUBJECT,
        Revision.subject_id == cv_id,
        Revision.user_id == user_id,
    )


def latest(session: Session, subject_id: str, *, subject: str = SUBJECT) -> Revision | None:
    """The newest revision of a CV (or, with ``subject``, of a profile)."""
    statement = (
        select(Revision)
        .where(Revision.subject == subject, Revision.subject_id == subject_id)
        .order_by(col(Revision.number).desc())
        .limit(1)
    )
    return session.exec(statement).first()


def _add(
    session: Session,
    *,
    user_id: str,
    cv_id: str,
    previous: Revision | None,
    action: str,
    label: str,
    state: dict[str, Any],
    changes: list[dict[str, Any]],
    restore_data: dict[str, Any] | None = None,
) -> Revision:
    kind, actor_id = actor_of(session)
    revision = Revision(
        user_id=user_id,
        subject=SUBJECT,
        subject_id=cv_id,
        number=(previous.number + 1) if previous else 1,
        action=action,
        actor=kind,
        actor_id=actor_id,
        label=label,
        state=state,
        changes=changes,
        restore_data=restore_data or {},
    )
    session.add(revision)
    session.flush()
    return revision


def record(session: Session, cv: CvVersion, *, created: bool = False) -> Revision | None:
    """Keep ``cv``'s state as a new revision, unless it equals the last one kept."""
    previous = latest(session, cv.id)
    state = state_of(cv)
    kind, actor_id = actor_of(session)
    restoring = kind == RESTORE
    if previous is not None and previous.action != "deleted" and previous.state == state:
        return None
    if restoring:
        action = "restored"
    elif previous is not None and previous.action == "deleted":
        action = "restored"  # brought back by the deletion's undo
    else:
        action = "created" if created or previous is None else "changed"
    base = previous.state if previous is not None else None
    changes = changes_between(base, state, _titles(session, cv)) if action != "created" else []
    number = int(actor_id) if restoring and actor_id and actor_id.isdigit() else None
    label = summary(changes, action, restored=number)
    return _add(
        session,
        user_id=cv.user_id,
        cv_id=cv.id,
        previous=previous,
        action=action,
        label=label,
        state=state,
        changes=changes,
    )


def record_deletion(session: Session, *, user_id: str, deleted: dict[str, Any]) -> Revision:
    """The CV was deleted: keep what bringing it back needs."""
    row = deleted["cv"]
    return _add(
        session,
        user_id=user_id,
        cv_id=row["id"],
        previous=latest(session, row["id"]),
        action="deleted",
        label="CV deleted",
        state=state_of(row),
        changes=[],
        restore_data=deleted,
    )


def _revisions(session: Session, *, user_id: str, cv_id: str) -> list[Revision]:
    statement = (
        select(Revision)
        .where(
            *_of_cv(user_id, cv_id),
        )
        .order_by(col(Revision.number).desc())
        .limit(LIMIT)
    )
    return list(session.exec(statement).all())


def _own_cv(session: Session, *, user_id: str, cv_id: str) -> CvVersion | None:
    cv = session.get(CvVersion, cv_id)
    return cv if cv is not None and cv.user_id == user_id else None


def _summary(revision: Revision, current: dict[str, Any] | None) -> RevisionSummary:
    return RevisionSummary(
        number=revision.number,
        created_at=revision.created_at,
        action=revision.action,
        actor=revision.actor,
        label=revision.label,
        name=revision.name,
        changes=[ChangeView(**change) for change in revision.changes],
        current=current is not None and revision.action != "deleted" and revision.state == current,
    )


def kept_days(session: Session, user_id: str) -> int:
    """How long the user's plan keeps revisions."""
    user = session.get(User, user_id)
    return for_plan(user.plan if user else "free").history_days


def history(session: Session, *, user_id: str, cv_id: str) -> HistoryPage:
    """The newest revisions first (at most ``LIMIT``); NotFound for someone else's CV."""
    cv = _own_cv(session, user_id=user_id, cv_id=cv_id)
    revisions = _revisions(session, user_id=user_id, cv_id=cv_id)
    if cv is None and not revisions:
        raise NotFound("CV not found")
    current = state_of(cv) if cv is not None else None
    latest_current = next(
        (r.number for r in revisions if current is not None and r.state == current), None
    )
    data = [_summary(r, current) for r in revisions]
    for entry in data:  # only the newest revision equal to now is "current"
        entry.current = entry.current and entry.number == latest_current
    return HistoryPage(
        cv_id=cv_id, exists=cv is not None, kept_days=kept_days(session, user_id), data=data
    )


def deleted_cvs(session: Session, *, user_id: str) -> list[DeletedCv]:
    """The user's deleted CVs that can still be restored, the latest deleted first."""
    rows = session.exec(
        select(Revision)
        .where(
            Revision.subject == SUBJECT,
            Revision.user_id == user_id,
            Revision.action == "deleted",
            col(Revision.subject_id).not_in(select(CvVersion.id)),
        )
        .order_by(col(Revision.created_at).desc(), col(Revision.number).desc())
    ).all()
    days = timedelta(days=kept_days(session, user_id))
    found: dict[str, DeletedCv] = {}
    for row in rows:
        if row.subject_id in found or not row.restore_data:
            continue
        cv = row.restore_data.get("cv") or {}
        found[row.subject_id] = DeletedCv(
            id=row.subject_id,
            name=str(cv.get("name") or "Untitled CV"),
            target_role=cv.get("target_role"),
            deleted_at=row.created_at,
            kept_until=row.created_at + days,
            revision=row.number,
        )
    return list(found.values())


def step_back(session: Session, *, user_id: str, cv_id: str, before: int | None) -> tuple[int, int]:
    """Where one Undo goes: ``(from, to)``, the revision undone (``before``, or the newest)
    and the one before it (0: nothing left to undo). A deletion is no state to go back to."""
    numbers = session.exec(
        select(Revision.number)
        .where(
            *_of_cv(user_id, cv_id),
            Revision.action != "deleted",
        )
        .order_by(col(Revision.number).desc())
    ).all()
    start = before or (numbers[0] if numbers else 0)
    return start, next((number for number in numbers if number < start), 0)


def _get(session: Session, *, user_id: str, cv_id: str, number: int) -> Revision:
    revision = session.exec(
        select(Revision).where(
            *_of_cv(user_id, cv_id),
            Revision.number == number,
        )
    ).first()
    if revision is None:
        raise NotFound("This version is not in the CV's history")
    return revision


def revision(session: Session, *, user_id: str, cv_id: str, number: int) -> RevisionView:
    """One revision: the CV's state then, and what differs from the CV now."""
    found = _get(session, user_id=user_id, cv_id=cv_id, number=number)
    cv = _own_cv(session, user_id=user_id, cv_id=cv_id)
    current = state_of(cv) if cv is not None else None
    differences = (
        changes_between(found.state, current, _titles(session, cv))
        if cv is not None and current is not None
        else []
    )
    base = _summary(found, current)
    return RevisionView(
        **base.model_dump(),
        state=found.state,
        differences=[ChangeView(**change) for change in differences],
    )


def restore(
    session: Session,
    *,
    user_id: str,
    cv_id: str,
    number: int,
    made_from: int | None = None,
    if_match: int | None = None,
) -> CvView:
    """Bring the CV back to revision ``number`` (a deleted CV comes back first); recorded as
    a new revision, so the restore itself can be undone. Returns the CV's view."""
    found = _get(session, user_id=user_id, cv_id=cv_id, number=number)
    with acting(session, RESTORE, str(number)):
        if _own_cv(session, user_id=user_id, cv_id=cv_id) is None:
            deletion = session.exec(
                select(Revision)
                .where(
                    *_of_cv(user_id, cv_id),
                    Revision.action == "deleted",
                )
                .order_by(col(Revision.number).desc())
            ).first()
            if deletion is None or not deletion.restore_data:
                raise NotFound("CV not found")
            data = deletion.restore_data
            row = {**data["cv"], **_restorable(found.state)}
            return cvs_service.restore_cv(session, user_id=user_id, deleted={**data, "cv": row})
        return cvs_service.apply_state(
            session,
            user_id=user_id,
            cv_id=cv_id,
            state=_restorable(found.state),
            made_from=made_from,
            if_match=if_match,
        )


def _restorable(state: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in state.items() if value is not None or key in _NULLABLE}


_NULLABLE = {"target_role", "summary_override"}


def name_revision(
    session: Session, *, user_id: str, cv_id: str, number: int, name: str | None
) -> RevisionSummary:
    """Name a version ("sent to Acme"); named versions stay while the CV exists."""
    found = _get(session, user_id=user_id, cv_id=cv_id, number=number)
    found.name = (name or "").strip() or None
    session.add(found)
    session.flush()
    cv = _own_cv(session, user_id=user_id, cv_id=cv_id)
    return _summary(found, state_of(cv) if cv is not None else None)


def purge_expired(session: Session, *, now: datetime | None = None) -> int:
    """Drop revisions older than their owner's plan keeps them: named versions of existing
    CVs and profiles and the newest revision of each (the profile's holds its whole state)
    stay."""
    moment = now or utcnow()
    existing = select(CvVersion.id)
    newest = select(func.max(Revision.number), Revision.subject_id).group_by(
        col(Revision.subject_id)
    )
    removed = 0
    for plan in PLAN_ORDER:
        cutoff = moment - timedelta(days=for_plan(plan).history_days)
        owners = select(User.id).where(User.plan == plan)
        candidates = session.exec(
            select(Revision.id, Revision.number, Revision.subject_id, Revision.name).where(
                col(Revision.user_id).in_(owners), col(Revision.created_at) < cutoff
            )
        ).all()
        if not candidates:
            continue
        subjects = {c[2] for c in candidates}
        alive = set(session.exec(existing.where(col(CvVersion.id).in_(subjects))).all())
        alive |= set(session.exec(select(Profile.id).where(col(Profile.id).in_(subjects))).all())
        latest = {
            subject: number for number, subject in session.execute(newest).all() if subject in alive
        }
        doomed = [
            rid
            for rid, number, subject, name in candidates
            if subject not in alive or (name is None and latest.get(subject) != number)
        ]
        for start in range(0, len(doomed), 500):
            chunk = doomed[start : start + 500]
            session.execute(delete(Revision).where(col(Revision.id).in_(chunk)))
            removed += len(chunk)
    return removed
