"""Optimistic locking of CV versions: two editors never overwrite each other unknowingly.

Every change bumps ``CvVersion.version`` with one conditional UPDATE (``WHERE version = the
one read``). Two concurrent changes cannot both pass it: the second waits for the first's
row lock, then finds another version and is refused. A caller that says which version its
change was made from (the ``version`` field, or ``If-Match`` over HTTP) is refused as well
when the CV has moved on since, with a message saying what to do.
"""

from __future__ import annotations

from sqlalchemy import update
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm.attributes import set_committed_value
from sqlmodel import Session, col, select

from cvapp.errors import Conflict, PreconditionFailed
from cvapp.models import Application, CoverLetter, CvVersion

Versioned = CvVersion | Application | CoverLetter


def _stale(made_from: int, current: int, noun: str) -> str:
    return (
        f"This {noun} was changed elsewhere since you opened it (you had version {made_from}, "
        f"it is now at version {current}). Reload it and make your change again."
    )


def _busy(noun: str) -> str:
    return f"This {noun} is being changed by another request; reload it and try again."


_LOCK_NOT_AVAILABLE = "55P03"


def _lock_or_refuse(session: Session, row: Versioned, noun: str) -> None:
    """Lock the row, or refuse at once if another change holds it (it will move the version
    anyway): waiting would hold a connection and a worker thread per waiting request."""
    table = type(row)
    try:
        session.execute(
            select(table.id).where(col(table.id) == row.id).with_for_update(nowait=True)
        )
    except OperationalError as exc:
        if getattr(exc.orig, "sqlstate", None) == _LOCK_NOT_AVAILABLE:
            busy = _busy(noun)
            raise Conflict(busy, details=[{"field": "version", "message": busy}]) from exc
        raise


def claim(
    session: Session,
    cv: Versioned,
    *,
    made_from: int | None = None,
    if_match: int | None = None,
    noun: str = "CV",
) -> None:
    """Take ``cv`` (or any row with a ``version``, e.g. an application) for one change and
    bump its version; refuse a change made from an older version (``made_from``: Conflict,
    ``if_match``: PreconditionFailed)."""
    current = cv.version
    if if_match is not None and if_match != current:
        raise PreconditionFailed(_stale(if_match, current, noun))
    if made_from is not None and made_from != current:
        details = [{"field": "version", "message": _stale(made_from, current, noun)}]
        raise Conflict(_stale(made_from, current, noun), details=details)
    table = type(cv)
    with session.no_autoflush:  # only the version: the change itself is written later
        _lock_or_refuse(session, cv, noun)
        bumped = session.execute(
            update(table)
            .where(table.id == cv.id, table.version == current)  # type: ignore[arg-type]
            .values(version=current + 1)
            .execution_options(synchronize_session=False)
        )
    if bumped.rowcount != 1:  # type: ignore[attr-defined]
        busy = _busy(noun)
        raise Conflict(busy, details=[{"field": "version", "message": busy}])
    set_committed_value(cv, "version", current + 1)
