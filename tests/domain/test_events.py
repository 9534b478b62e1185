"""Domain events: handlers run in the publishing transaction; after-commit work waits."""

from __future__ import annotations

from typing import Any

import pytest
from sqlmodel import Session

from cvapp.db import session_scope
from cvapp.domain import events


def test_handlers_receive_events_and_wildcards() -> None:
    seen: list[tuple[str, Any]] = []

    @events.subscribe("probe.changed")
    def on_change(session: Session, event: events.DomainEvent) -> None:
        seen.append(("named", event.payload["n"]))

    @events.subscribe("*")
    def on_any(session: Session, event: events.DomainEvent) -> None:
        if event.name.startswith("probe."):
            seen.append(("any", event.name))

    with session_scope() as session:
        events.publish(session, "probe.changed", user_id="u1", n=1)
        events.publish(session, "probe.other")
    assert seen == [("named", 1), ("any", "probe.changed"), ("any", "probe.other")]


def test_after_commit_runs_only_on_commit() -> None:
    ran: list[str] = []
    with session_scope() as session:
        events.after_commit(session, lambda: ran.append("committed"))
        assert ran == []
    assert ran == ["committed"]

    with pytest.raises(RuntimeError), session_scope() as session:
        events.after_commit(session, lambda: ran.append("rolled back"))
        raise RuntimeError("abort")
    with session_scope():
        pass
    assert ran == ["committed"]


def test_a_released_savepoint_is_not_the_commit() -> None:
    """SQLAlchemy reports a savepoint's release as a commit too: a job sent then would run
    before its data is visible to the worker (a verification mail found no user, once)."""
    ran: list[str] = []
    with session_scope() as session:
        events.after_commit(session, lambda: ran.append("committed"))
        with session.begin_nested():
            pass
        assert ran == []
    assert ran == ["committed"]


def test_a_failing_side_effect_does_not_undo_the_commit() -> None:
    def boom() -> None:
        raise ConnectionError("broker down")

    with session_scope() as session:
        events.after_commit(session, boom)
    # reaching here means the commit stood and the error was logged, not raised


def test_feature_handlers_are_loaded_before_the_first_event() -> None:
    events.load_handlers()
    names = {handler.__module__ for handler in events._handlers["profile.changed"]}
    assert "cvapp.domain.profiles.handlers" in names


def test_coalesced_events_are_published_once_at_the_end() -> None:
    seen: list[object] = []

    @events.subscribe("probe.bulk")
    def on_bulk(session: Session, event: events.DomainEvent) -> None:
        seen.append(event.payload["profile_id"])

    with session_scope() as session:
        with events.coalesced(session):
            for _ in range(50):
                events.publish(session, "probe.bulk", profile_id="p1")
            events.publish(session, "probe.bulk", profile_id="p2")
            assert seen == []
        assert sorted(seen) == ["p1", "p2"]
