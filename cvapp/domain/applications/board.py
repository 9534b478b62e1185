"""The board's columns: one per status, named as the user likes ("Dream jobs" for wishlist)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlmodel import Session, select

from cvapp.domain.applications.schemas import StatusLabel, StatusLabelsIn
from cvapp.domain.sections.fields import validate
from cvapp.models import ApplicationBoard
from cvapp.models.applications import APPLICATION_STATUSES

DEFAULT_LABELS = {
    "wishlist": "Wishlist",
    "applied": "Applied",
    "interview": "Interview",
    "offer": "Offer",
    "accepted": "Accepted",
    "rejected": "Rejected",
    "withdrawn": "Withdrawn",
}


def _board(session: Session, user_id: str) -> ApplicationBoard | None:
    return session.exec(select(ApplicationBoard).where(ApplicationBoard.user_id == user_id)).first()


def status_labels(session: Session, *, user_id: str) -> list[StatusLabel]:
    """Every status in pipeline order with the user's name for it."""
    board = _board(session, user_id)
    own = board.labels if board else {}
    return [
        StatusLabel(status=status, label=own.get(status) or DEFAULT_LABELS[status], order=index)
        for index, status in enumerate(APPLICATION_STATUSES)
    ]


def set_status_labels(
    session: Session, *, user_id: str, data: StatusLabelsIn | Mapping[str, Any]
) -> list[StatusLabel]:
    """Rename statuses; a label left empty goes back to the default name."""
    values = validate(StatusLabelsIn, data)
    board = _board(session, user_id) or ApplicationBoard(user_id=user_id, labels={})
    labels = dict(board.labels or {})
    for status, label in values.labels.items():
        if label and label != DEFAULT_LABELS[status]:
            labels[status] = label
        else:
            labels.pop(status, None)
    board.labels = labels
    session.add(board)
    session.flush()
    return status_labels(session, user_id=user_id)
