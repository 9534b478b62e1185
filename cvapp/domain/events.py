"""Domain events: services publish small named events; handlers react.

Handlers run synchronously inside the publishing transaction (e.g. recompute completeness);
work that must only happen once the data is committed (enqueue a job, invalidate a cache)
is deferred with :func:`after_commit`. One mechanism, used by every feature: a feature
subscribes in its ``handlers`` module, which is loaded before the first event is published.
"""

from __future__ import annotations

import importlib
import importlib.util
import pkgutil
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import structlog
from sqlalchemy import event
from sqlmodel import Session

log = structlog.get_logger(__name__)


@dataclass(frozen=True)
class DomainEvent:
    name: str
    user_id: str | None = None
    payload: dict[str, Any] = field(default_factory=dict)


Handler = Callable[[Session, DomainEvent], None]
_handlers: dict[str, list[Handler]] = defaultdict(list)
_PENDING_KEY = "cvapp_after_commit"
_COALESCE_KEY = "cvapp_coalesced_events"
_loaded = False


def subscribe(*names: str) -> Callable[[Handler], Handler]:
    """Register a handler for one or more event names (``"*"`` receives every event)."""

    def register(handler: Handler) -> Handler:
        for name in names:
            if handler not in _handlers[name]:
                _handlers[name].append(handler)
        return handler

    return register


def load_handlers() -> None:
    """Import ``cvapp.domain.<feature>.handlers`` modules once, so their subscriptions exist."""
    global _loaded
    if _loaded:
        return
    _loaded = True
    import cvapp.domain

    for module in pkgutil.iter_modules(cvapp.domain.__path__):
        name = f"cvapp.domain.{module.name}.handlers"
        if module.ispkg and importlib.util.find_spec(name) is not None:
            importlib.import_module(name)


@contextmanager
def coalesced(session: Session) -> Iterator[None]:
    """Within the block, identical events are held and published once when it ends.

    For bulk work (an import creating a hundred items) whose per-item events would otherwise
    repeat the same reaction a hundred times.
    """
    if _COALESCE_KEY in session.info:
        yield
        return
    held: dict[tuple[str, str | None, str], DomainEvent] = {}
    session.info[_COALESCE_KEY] = held
    try:
        yield
    finally:
        session.info.pop(_COALESCE_KEY, None)
    # Only reached when the block succeeded: a failed block publishes nothing.
    for domain_event in held.values():
        publish(session, domain_event.name, user_id=domain_event.user_id, **domain_event.payload)


def publish(session: Session, name: str, *, user_id: str | None = None, **payload: Any) -> None:
    """Publish an event: every handler for ``name`` (and ``"*"``) runs now, in this session."""
    held = session.info.get(_COALESCE_KEY)
    if held is not None:
        key = (name, user_id, repr(sorted(payload.items())))
        held[key] = DomainEvent(name=name, user_id=user_id, payload=payload)
        return
    load_handlers()
    domain_event = DomainEvent(name=name, user_id=user_id, payload=payload)
    for handler in [*_handlers.get(name, []), *_handlers.get("*", [])]:
        handler(session, domain_event)


def after_commit(session: Session, callback: Callable[[], None]) -> None:
    """Run ``callback`` once the session's transaction commits; dropped on rollback."""
    pending: list[Callable[[], None]] = session.info.setdefault(_PENDING_KEY, [])
    pending.append(callback)


@event.listens_for(Session, "after_commit")
def _run_after_commit(session: Session) -> None:
    if session.in_nested_transaction():
        return  # a savepoint was released: the data is not committed yet
    for callback in session.info.pop(_PENDING_KEY, []):
        try:
            callback()
        except Exception:  # the data is committed; a failed side effect must not undo it
            log.exception("after_commit_failed", callback=getattr(callback, "__name__", ""))


@event.listens_for(Session, "after_soft_rollback")
def _drop_after_rollback(session: Session, previous_transaction: Any) -> None:
    if previous_transaction.parent is None:
        session.info.pop(_PENDING_KEY, None)
