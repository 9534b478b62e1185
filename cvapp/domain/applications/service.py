"""Job application services: track, move along the pipeline, archive, delete and restore.

Callable from the API and from UI states alike::

    with session_scope() as session:
        app = applications.create_application(
            session, user_id=uid, data={"company": "Acme", "role": "Data engineer"}
        )
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import case, func, or_
from sqlmodel import Session, col, select

from cvapp.domain.applications.schemas import (
    ApplicationIn,
    ApplicationPatch,
    ApplicationSummary,
    ApplicationView,
    TimelineEntry,
)
from cvapp.domain.cvs import versions
from cvapp.domain.plans import service as plans
from cvapp.domain.sections.fields import validate
from cvapp.errors import Conflict, NotFound, ValidationFailed
from cvapp.models import Application, ApplicationEvent, CvVersion
from cvapp.models.applications import APPLICATION_STATUSES
from cvapp.models.base import utcnow

SORT_FIELDS = ("company", "role", "status", "deadline", "created_at", "updated_at")
NOUN = "application"
REMINDER_FIELDS = ("follow_up_on", "interview_at")
_FIELDS = tuple(name for name in ApplicationIn.model_fields if name != "version")


def get_row(session: Session, *, user_id: str, application_id: str) -> Application:
    """The caller's application; anyone else's answers NotFound."""
    row = session.get(Application, application_id)
    if row is None or row.user_id != user_id:
        raise NotFound("Application not found")
    return row


def timeline(session: Session, *, application_id: str) -> list[TimelineEntry]:
    """What happened to an application, oldest first."""
    events = session.exec(
        select(ApplicationEvent)
        .where(col(ApplicationEvent.application_id) == application_id)
        .order_by(col(ApplicationEvent.at), col(ApplicationEvent.id))
    ).all()
    return [TimelineEntry.model_validate(event) for event in events]


def view(session: Session, row: Application) -> ApplicationView:
    summary = ApplicationSummary.model_validate(row).model_dump()
    return ApplicationView(
        **summary,
        job_url=row.job_url,
        job_text=row.job_text,
        notes=row.notes,
        contacts=list(row.contacts or []),
        cv_id=row.cv_id,
        gap_analysis=row.gap_analysis or None,
        timeline=timeline(session, application_id=row.id),
    )


def get_application(session: Session, *, user_id: str, application_id: str) -> ApplicationView:
    """One of the caller's applications with its timeline."""
    return view(session, get_row(session, user_id=user_id, application_id=application_id))


def list_applications(
    session: Session,
    *,
    user_id: str,
    status: str | None = None,
    query: str | None = None,
    archived: bool | None = False,
    offset: int = 0,
    limit: int | None = None,
    sort: tuple[str, bool] = ("updated_at", True),
) -> tuple[list[ApplicationSummary], int]:
    """The caller's applications, filtered by status, words and archived (None: both)."""
    field, descending = sort
    if field not in SORT_FIELDS:
        raise ValidationFailed.field("sort", f"Use one of {', '.join(SORT_FIELDS)}")
    if status is not None and status not in APPLICATION_STATUSES:
        raise ValidationFailed.field("status", f"Use one of {', '.join(APPLICATION_STATUSES)}")
    conditions: list[Any] = [col(Application.user_id) == user_id]
    if archived is not None:
        conditions.append(col(Application.archived).is_(archived))
    if status:
        conditions.append(col(Application.status) == status)
    words = (query or "").strip().lower()[:200]
    if words:
        searched = (Application.company, Application.role, Application.location, Application.notes)
        conditions.append(
            or_(*(func.lower(column).contains(words, autoescape=True) for column in searched))
        )
    total = session.exec(select(func.count()).select_from(Application).where(*conditions)).one()
    column: Any = getattr(Application, field)
    if field in ("company", "role"):
        column = func.lower(column)
    elif field == "status":
        column = case({name: i for i, name in enumerate(APPLICATION_STATUSES)}, value=column)
    order = column.desc() if descending else column
    if field == "deadline":
        order = order.nulls_last()
    statement = (
        select(Application)
        .where(*conditions)
        .order_by(order, Application.id)
        .offset(offset)
        .limit(limit)
    )
    rows = session.exec(statement).all()
    return [ApplicationSummary.model_validate(row) for row in rows], int(total)


def create_application(
    session: Session,
    *,
    user_id: str,
    data: ApplicationIn | Mapping[str, Any],
    job: Mapping[str, Any] | None = None,
) -> ApplicationView:
    """A new application (counted by the plan unless archived); its timeline starts."""
    values = validate(ApplicationIn, data)
    if not values.archived:
        plans.check(session, user_id=user_id, limit="applications")
    row = Application(user_id=user_id, company=values.company, role=values.role)
    _apply(session, row, values.model_dump(), sent=set(_FIELDS))
    row.job = dict(job or {})
    row.status_changed_at = utcnow()
    session.add(row)
    session.flush()
    record(session, row, "created", to_status=row.status)
    return view(session, row)


def replace_application(
    session: Session,
    *,
    user_id: str,
    application_id: str,
    data: ApplicationIn | Mapping[str, Any],
    if_match: int | None = None,
) -> ApplicationView:
    """Full update (PUT): fields left out go back to their defaults."""
    row = get_row(session, user_id=user_id, application_id=application_id)
    values = validate(ApplicationIn, data)
    return _change(session, row, values.model_dump(), set(_FIELDS), values.version, if_match)


def update_application(
    session: Session,
    *,
    user_id: str,
    application_id: str,
    changes: Mapping[str, Any],
    if_match: int | None = None,
) -> ApplicationView:
    """Partial update (PATCH): only the fields sent change; a status change is dated."""
    row = get_row(session, user_id=user_id, application_id=application_id)
    values = validate(ApplicationPatch, changes)
    sent = values.model_fields_set - {"version"}
    data = values.model_dump()
    for name in ("company", "role", "status", "archived", "contacts"):
        if name in sent and data[name] is None:
            raise ValidationFailed.field(name, "This field cannot be empty")
    return _change(session, row, data, sent, data.get("version"), if_match)


def move_application(
    session: Session, *, user_id: str, application_id: str, status: str, version: int | None = None
) -> ApplicationView:
    """Move an application to another status (a column of the board)."""
    changes: dict[str, Any] = {"status": status}
    if version is not None:
        changes["version"] = version
    return update_application(
        session, user_id=user_id, application_id=application_id, changes=changes
    )


def set_archived(
    session: Session, *, user_id: str, application_id: str, archived: bool
) -> ApplicationView:
    """Archive (off the board, frees its place in the plan) or bring back an application."""
    return update_application(
        session, user_id=user_id, application_id=application_id, changes={"archived": archived}
    )


def delete_application(session: Session, *, user_id: str, application_id: str) -> dict[str, Any]:
    """Delete an application and its timeline; returns what ``restore_application`` needs."""
    row = get_row(session, user_id=user_id, application_id=application_id)
    events = session.exec(
        select(ApplicationEvent).where(col(ApplicationEvent.application_id) == row.id)
    ).all()
    deleted = {
        "application": row.model_dump(mode="json"),
        "events": [event.model_dump(mode="json") for event in events],
    }
    session.delete(row)
    session.flush()
    return deleted


def restore_application(
    session: Session, *, user_id: str, deleted: Mapping[str, Any]
) -> ApplicationView:
    """Undo ``delete_application``: the same id, fields and timeline (PlanLimit when the plan
    has no room for it any more)."""
    row = Application.model_validate(deleted["application"])
    if row.user_id != user_id:
        raise NotFound("Application not found")
    if session.get(Application, row.id) is not None:
        raise Conflict("This application is already there")
    if not row.archived:
        plans.check(session, user_id=user_id, limit="applications")
    if row.cv_id is not None and session.get(CvVersion, row.cv_id) is None:
        row.cv_id = None
    session.add(row)
    session.flush()
    for data in deleted.get("events") or []:
        event = ApplicationEvent.model_validate(data)
        if event.application_id == row.id and event.user_id == user_id:
            session.add(event)
    session.flush()
    return view(session, row)


def record(
    session: Session,
    row: Application,
    kind: str,
    *,
    from_status: str | None = None,
    to_status: str | None = None,
    detail: str | None = None,
) -> ApplicationEvent:
    """Add an entry to the application's timeline, dated now."""
    event = ApplicationEvent(
        application_id=row.id,
        user_id=row.user_id,
        kind=kind,
        from_status=from_status,
        to_status=to_status,
        at=utcnow(),
        detail=detail[:300] if detail else None,
    )
    session.add(event)
    session.flush()
    return event


# -- helpers -------------------------------------------------------------------------------


def _change(
    session: Session,
    row: Application,
    data: dict[str, Any],
    sent: set[str],
    made_from: int | None,
    if_match: int | None,
) -> ApplicationView:
    old_status, was_archived = row.status, row.archived
    if "archived" in sent and was_archived and not data["archived"]:
        plans.check(session, user_id=row.user_id, limit="applications")
    versions.claim(session, row, made_from=made_from, if_match=if_match, noun=NOUN)
    _apply(session, row, data, sent=sent)
    if row.status != old_status:
        row.status_changed_at = utcnow()
        record(session, row, "status", from_status=old_status, to_status=row.status)
    if row.archived != was_archived:
        record(session, row, "archived" if row.archived else "unarchived")
    session.add(row)
    session.flush()
    return view(session, row)


def _apply(session: Session, row: Application, data: dict[str, Any], *, sent: set[str]) -> None:
    if "cv_id" in sent and data["cv_id"] is not None:
        cv = session.get(CvVersion, data["cv_id"])
        if cv is None or cv.user_id != row.user_id:
            raise ValidationFailed.field("cv_id", "Not one of your CVs")
    changed_dates = {
        name for name in REMINDER_FIELDS if name in sent and data[name] != getattr(row, name)
    }
    for name in _FIELDS:
        if name not in sent:
            continue
        value = data[name]
        if name == "interview_at" and value is not None and value.tzinfo is None:
            raise ValidationFailed.field(name, "Give the time with its offset (Z or +01:00)")
        setattr(row, name, value)
    if changed_dates:  # a changed date is a new reminder: the old one's mark goes
        sent_marks = row.reminders_sent or {}
        row.reminders_sent = {k: v for k, v in sent_marks.items() if k not in changed_dates}
