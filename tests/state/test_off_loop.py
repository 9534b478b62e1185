"""Event handlers that read the database run off the event loop; a lost session ends them alike."""

from __future__ import annotations

import asyncio
import inspect
import re
import threading
from collections.abc import Iterator
from typing import Any

import reflex as rx

from cvapp.state.session import SessionLost, SessionState, off_loop

# What a handler body does that blocks: a database session or the JWT check of the cookies.
BLOCKING = ("session_scope(", "_check(", "_authenticate(", "_signed_in(", "_signed_in_user(")
# The page-load session checks, kept sync on purpose (see cvapp/state/session.py).
ON_THE_LOOP = {"SessionState.check_session", "SessionState.require_login"}


class Page:
    """Stands in for a state: what ``off_loop`` needs of one."""

    def __init__(self) -> None:
        self.threads: list[int] = []
        self.saved = ""

    def _session_lost(self) -> str:
        return "to the login page"

    @off_loop
    def save(self, text: str) -> str:
        self.threads.append(threading.get_ident())
        self.saved = text
        return f"saved {text}"

    @off_loop
    def save_slowly(self, text: str) -> Iterator[str | None]:
        self.threads.append(threading.get_ident())
        yield None
        self.threads.append(threading.get_ident())
        self.saved = text
        return f"saved {text}"

    @off_loop
    def lost(self, *, quiet: bool) -> str:
        raise SessionLost(navigate=not quiet)

    @off_loop
    def lost_midway(self) -> Iterator[str]:
        yield "saving…"
        raise SessionLost(navigate=True)


async def _all(events: Any) -> list[Any]:
    return [event async for event in events]


def test_a_handler_runs_in_a_thread_with_its_arguments_and_answer() -> None:
    page = Page()
    loop_thread = threading.get_ident()
    assert inspect.iscoroutinefunction(Page.save)
    assert asyncio.run(page.save("Zoë Ørsted — 履歴書")) == "saved Zoë Ørsted — 履歴書"
    assert page.saved == "Zoë Ørsted — 履歴書"
    assert page.threads and loop_thread not in page.threads


def test_each_step_of_a_generator_runs_in_a_thread_and_its_return_value_is_sent() -> None:
    page = Page()
    assert inspect.isasyncgenfunction(Page.save_slowly)
    assert asyncio.run(_all(page.save_slowly("Ünal"))) == [None, "saved Ünal"]
    assert page.saved == "Ünal"
    assert len(page.threads) == 2 and threading.get_ident() not in page.threads


def test_a_lost_session_navigates_or_quietly_ends_the_handler() -> None:
    page = Page()
    assert asyncio.run(page.lost(quiet=False)) == "to the login page"
    assert asyncio.run(page.lost(quiet=True)) is None
    assert asyncio.run(_all(page.lost_midway())) == ["saving…", "to the login page"]


def test_the_signature_reflex_reads_is_the_handlers_own() -> None:
    assert list(inspect.signature(Page.save).parameters) == ["self", "text"]
    assert Page.save.__annotations__["text"] == "str"


def _states() -> Iterator[type[rx.State]]:
    import cvapp.cvapp  # noqa: F401  (every page and its state)

    pending: list[type[Any]] = [rx.State]
    while pending:
        state = pending.pop()
        yield state
        pending.extend(state.get_substates())


def _blocks(state: type[Any], source: str, seen: set[str]) -> bool:
    """Whether the source, or a method of ``state`` it calls, opens a session or checks a JWT."""
    return _blocks_by(state, source, seen, BLOCKING)


def _blocks_by(state: type[Any], source: str, seen: set[str], calls: tuple[str, ...]) -> bool:
    if any(call in source for call in calls):
        return True
    for name in re.findall(r"self\.(\w+)\(", source):
        if name in seen:
            continue
        seen.add(name)
        member = state.event_handlers.get(name) or getattr(state, name, None)
        function = getattr(member, "fn", member)
        if inspect.isfunction(function) and _blocks_by(
            state, inspect.getsource(inspect.unwrap(function)), seen, calls
        ):
            return True
    return False


def test_no_event_handler_queries_the_database_on_the_event_loop() -> None:
    blocking_on_loop = []
    checked = 0
    for state in _states():
        for name, handler in state.event_handlers.items():
            function = handler.fn
            if inspect.iscoroutinefunction(function) or inspect.isasyncgenfunction(function):
                continue
            if function.__qualname__ in ON_THE_LOOP:
                continue
            checked += 1
            source = inspect.getsource(inspect.unwrap(function))
            if _blocks(state, source, {name}):
                blocking_on_loop.append(f"{state.__name__}.{name}")
    assert checked > 50  # the setters and other pure-state handlers stay sync
    assert blocking_on_loop == []


def test_only_the_page_load_session_checks_stay_on_the_loop() -> None:
    for name in ("check_session", "require_login"):
        function = SessionState.event_handlers[name].fn
        assert function.__qualname__ in ON_THE_LOOP
        assert not inspect.iscoroutinefunction(function)


def test_only_off_loop_handlers_meet_a_lost_session() -> None:
    """``SessionLost`` is turned into a navigation by ``off_loop`` alone: a handler written
    async by hand must check the session itself."""
    unguarded = []
    for state in _states():
        for name, handler in state.event_handlers.items():
            function = handler.fn
            if inspect.unwrap(function) is not function:
                continue
            source = inspect.getsource(function)
            if any(call in source for call in ("_signed_in(", "_signed_in_user(")) or _blocks_by(
                state, source, {name}, ("_signed_in(", "_signed_in_user(")
            ):
                unguarded.append(f"{state.__name__}.{name}")
    assert unguarded == []


def test_no_handler_calls_an_off_loop_handler_as_a_method() -> None:
    """``self.other_handler(...)`` runs the handler's function: for an ``off_loop`` handler that
    is a coroutine nobody awaits, so nothing happens (a "Use this colour instead" button did
    nothing that way). Shared steps go in a private method both handlers call."""
    calls = []
    for state in _states():
        off = {
            name
            for name, handler in state.event_handlers.items()
            if inspect.iscoroutinefunction(handler.fn) or inspect.isasyncgenfunction(handler.fn)
        }
        methods = {name: handler.fn for name, handler in state.event_handlers.items()}
        methods |= {
            name: member
            for name, member in vars(state).items()
            if inspect.isfunction(member) and name.startswith("_")
        }
        for name, function in methods.items():
            source = inspect.getsource(inspect.unwrap(function))
            calls += [
                f"{state.__name__}.{name} → {called}"
                for called in re.findall(r"self\.(\w+)\(", source)
                if called in off
            ]
    assert calls == []
