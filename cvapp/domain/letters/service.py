"""Cover letter services: write, list, change (each save a revision), undo, redo, delete.

Callable from the API and from UI states alike::

    with session_scope() as session:
        letter = letters.create_letter(session, user_id=uid, data={"title": "Acme"})
        letters.update_letter(session, user_id=uid, letter_id=letter.id, changes={"body": "…"})
        letters.step(session, user_id=uid, letter_id=letter.id, by=-1)  # undo
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, col, select

from cvapp.domain.cvs import versions
from cvapp.domain.letters.schemas import (
    LETTER_FIELDS,
    LetterIn,
    LetterPatch,
    LetterSummary,
    LetterView,
)
from cvapp.domain.plans import service as plans
from cvapp.domain.sections.fields import validate
from cvapp.errors import NotFound, ValidationFailed
from cvapp.models import Application, CoverLetter, CvVersion
from cvapp.models.base import utcnow

NOUN = "letter"
MAX_REVISIONS = 50
"""Saved states kept per letter for undo; the oldest go first."""
SORT_FIELDS = ("title", "created_at", "updated_at")


def get_row(session: Session, *, user_id: str, letter_id: str) -> CoverLetter:
    """The caller's letter; anyone else's answers NotFound."""
    row = session.get(CoverLetter, letter_id)
    if row is None or row.user_id != user_id:
        raise NotFound("Letter not found")
    return row


def view(row: CoverLetter) -> LetterView:
    count = len(row.revisions or [])
    return LetterView(
        **LetterSummary.model_validate(row).model_dump(),
        recipient=row.recipient,
        greeting=row.greeting,
        body=row.body,
        closing=row.closing,
        can_undo=row.revision > 0,
        can_redo=row.revision < count - 1,
        revisions=count,
    )


def get_letter(session: Session, *, user_id: str, letter_id: str) -> LetterView:
    """One of the caller's letters."""
    return view(get_row(session, user_id=user_id, letter_id=letter_id))


def list_letters(
    session: Session,
    *,
    user_id: str,
    application_id: str | None = None,
    offset: int = 0,
    limit: int | None = None,
    sort: tuple[str, bool] = ("updated_at", True),
) -> tuple[list[LetterSummary], int]:
    """The caller's letters, newest change first; ``application_id``: that job's only."""
    field, descending = sort
    if field not in SORT_FIELDS:
        raise ValidationFailed.field("sort", f"Use one of {', '.join(SORT_FIELDS)}")
    conditions: list[Any] = [col(CoverLetter.user_id) == user_id]
    if application_id:
        conditions.append(col(CoverLetter.application_id) == application_id)
    total = session.exec(select(func.count()).select_from(CoverLetter).where(*conditions)).one()
    column: Any = getattr(CoverLetter, field)
    if field == "title":
        column = func.lower(column)
    statement = (
        select(CoverLetter)
        .where(*conditions)
        .order_by(column.desc() if descending else column, CoverLetter.id)
        .offset(offset)
        .limit(limit)
    )
    rows = session.exec(statement).all()
    return [LetterSummary.model_validate(row) for row in rows], int(total)


def create_letter(
    session: Session, *, user_id: str, data: LetterIn | Mapping[str, Any]
) -> LetterView:
    """A new letter (counted by the plan); its text is the first state undo can go back to."""
    values = validate(LetterIn, data)
    plans.check(session, user_id=user_id, limit="letters")
    row = CoverLetter(user_id=user_id, title=values.title)
    cv_id = values.cv_id
    if cv_id is None and values.application_id:  # the CV sent for the job, when there is one
        application = session.get(Application, values.application_id)
        cv_id = application.cv_id if application and application.user_id == user_id else None
    _link(session, row, application_id=values.application_id, cv_id=cv_id)
    for name in LETTER_FIELDS:
        if name != "cv_id":
            setattr(row, name, getattr(values, name) or ("" if name == "body" else None))
    row.language = values.language
    _remember(row)
    session.add(row)
    session.flush()
    return view(row)


def update_letter(
    session: Session,
    *,
    user_id: str,
    letter_id: str,
    changes: Mapping[str, Any],
    if_match: int | None = None,
) -> LetterView:
    """Partial update (PATCH): only the fields sent change; a changed text is a new revision
    (what was undone before it is dropped, as in an editor)."""
    row = get_row(session, user_id=user_id, letter_id=letter_id)
    values = validate(LetterPatch, changes)
    sent = values.model_fields_set - {"version"}
    data = values.model_dump()
    for name in ("title", "body", "language"):
        if name in sent and data[name] is None:
            raise ValidationFailed.field(name, "This field cannot be empty")
    versions.claim(session, row, made_from=data.get("version"), if_match=if_match, noun=NOUN)
    if "application_id" in sent or "cv_id" in sent:
        _link(
            session,
            row,
            application_id=data["application_id"]
            if "application_id" in sent
            else row.application_id,
            cv_id=data["cv_id"] if "cv_id" in sent else row.cv_id,
        )
    before = snapshot(row)
    for name in LETTER_FIELDS:
        if name in sent and name != "cv_id":
            setattr(row, name, data[name])
    if snapshot(row) != before:
        _remember(row)
    row.updated_at = utcnow()
    session.add(row)
    session.flush()
    return view(row)


def save_text(
    session: Session, *, row: CoverLetter, greeting: str, body: str, closing: str
) -> LetterView:
    """Put a drafted text into the letter as a new revision (undo brings the old one back)."""
    versions.claim(session, row, noun=NOUN)
    row.greeting, row.body, row.closing = greeting, body, closing
    _remember(row)
    row.updated_at = utcnow()
    session.add(row)
    session.flush()
    return view(row)


def delete_letter(session: Session, *, user_id: str, letter_id: str) -> dict[str, Any]:
    """Delete a letter; returns what ``restore_letter`` needs to bring it back."""
    row = get_row(session, user_id=user_id, letter_id=letter_id)
    deleted = row.model_dump(mode="json")
    session.delete(row)
    session.flush()
    return deleted


def restore_letter(session: Session, *, user_id: str, deleted: Mapping[str, Any]) -> LetterView:
    """Undo ``delete_letter``: the same id, text and history (PlanLimit when full)."""
    row = CoverLetter.model_validate(deleted)
    if row.user_id != user_id:
        raise NotFound("Letter not found")
    if session.get(CoverLetter, row.id) is None:
        plans.check(session, user_id=user_id, limit="letters")
        if row.application_id and session.get(Application, row.application_id) is None:
            row.application_id = None
        if row.cv_id and session.get(CvVersion, row.cv_id) is None:
            row.cv_id = None
        session.add(row)
        session.flush()
    return view(row)


def snapshot(row: CoverLetter) -> dict[str, Any]:
    """The letter's own words and choices (what a revision keeps)."""
    return {name: getattr(row, name) for name in LETTER_FIELDS}


def step(
    session: Session, *, user_id: str, letter_id: str, by: int, version: int | None = None
) -> LetterView:
    """Undo (``by=-1``: back to the previous saved state) or redo (``by=1``: forward to the
    state an undo left); ValidationFailed when there is none."""
    row = get_row(session, user_id=user_id, letter_id=letter_id)
    target = row.revision + by
    if not 0 <= target < len(row.revisions or []):
        raise ValidationFailed.field("revision", "Nothing to undo" if by < 0 else "Nothing to redo")
    versions.claim(session, row, made_from=version, noun=NOUN)
    state = row.revisions[target]
    for name in LETTER_FIELDS:
        if name == "cv_id":
            cv_id = state.get("cv_id")
            row.cv_id = cv_id if cv_id and session.get(CvVersion, cv_id) is not None else None
        elif name in state:
            setattr(row, name, state[name])
    row.revision = target
    row.updated_at = utcnow()
    session.add(row)
    session.flush()
    return view(row)


# -- helpers -------------------------------------------------------------------------------


def _remember(row: CoverLetter) -> None:
    kept = list(row.revisions or [])[: row.revision + 1] if row.revisions else []
    kept.append({**snapshot(row), "at": utcnow().isoformat()})
    kept = kept[-MAX_REVISIONS:]
    row.revisions = kept
    row.revision = len(kept) - 1


def _link(
    session: Session, row: CoverLetter, *, application_id: str | None, cv_id: str | None
) -> None:
    if application_id is not None:
        application = session.get(Application, application_id)
        if application is None or application.user_id != row.user_id:
            raise ValidationFailed.field("application_id", "Not one of your applications")
    if cv_id is not None:
        cv = session.get(CvVersion, cv_id)
        if cv is None or cv.user_id != row.user_id:
            raise ValidationFailed.field("cv_id", "Not one of your CVs")
    row.application_id, row.cv_id = application_id, cv_id
