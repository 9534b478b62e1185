"""Who is changing things in a session: the app's user, an API key, a restore…

Kept on the database session (``session.info``), which the request and its handlers share,
so an event handler deep in a service knows who made the change it records.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlmodel import Session

_KEY = "cvapp_actor"
USER = ("user", None)


def act_as(session: Session, kind: str, actor_id: str | None = None) -> None:
    """Changes made through ``session`` from now on are ``kind``'s (e.g. an API key's)."""
    session.info[_KEY] = (kind, actor_id)


def actor_of(session: Session) -> tuple[str, str | None]:
    found: tuple[str, str | None] = session.info.get(_KEY, USER)
    return found


@contextmanager
def acting(session: Session, kind: str, actor_id: str | None = None) -> Iterator[None]:
    """Within the block, changes are ``kind``'s; the previous actor comes back after."""
    before = session.info.get(_KEY)
    act_as(session, kind, actor_id)
    try:
        yield
    finally:
        if before is None:
            session.info.pop(_KEY, None)
        else:
            session.info[_KEY] = before
