"""Process memory dropped by invalidation messages (``cvapp.invalidation.Memo``)."""

from __future__ import annotations

import time

import pytest

from cvapp import invalidation
from tests.services import needs_redis


def _connected(timeout: float = 10.0) -> int:
    deadline = time.monotonic() + timeout
    while (epoch := invalidation.epoch()) is None:
        assert time.monotonic() < deadline, "the invalidation listener did not connect"
        time.sleep(0.02)
    return epoch


@pytest.fixture
def memo() -> invalidation.Memo:
    _connected()
    return invalidation.Memo("test-topic", max_age=60)


def test_values_are_dropped_by_tag_or_all_at_once(memo: invalidation.Memo) -> None:
    since = invalidation.generation()
    memo.put("a", "A", tags=("t1", "shared"), since=since)
    memo.put("b", "B", tags=("t2", "shared"), since=since)
    assert memo.get("a") == "A" and memo.get("b") == "B"
    invalidation.publish("test-topic", "t1")
    assert memo.get("a") is None and memo.get("b") == "B"
    invalidation.publish("other-topic", "t2")
    assert memo.get("b") == "B", "another topic's message is not for this memo"
    since = invalidation.generation()
    memo.put("c", "C", tags=("t3",), since=since)
    invalidation.publish("test-topic", "")
    assert memo.get("b") is None and memo.get("c") is None and len(memo) == 0


def test_a_value_overtaken_by_an_invalidation_is_not_kept(memo: invalidation.Memo) -> None:
    since = invalidation.generation()  # read before computing the value…
    invalidation.publish("test-topic", "anything")  # …which a change may have overtaken
    memo.put("a", "stale?", tags=("t",), since=since)
    assert memo.get("a") is None and len(memo) == 0


def test_values_end_at_their_deadline(memo: invalidation.Memo) -> None:
    since = invalidation.generation()
    memo.put("a", "A", tags=("t",), since=since, until=time.monotonic() - 1)
    assert memo.get("a") is None
    short = invalidation.Memo("test-topic", max_age=0.05)
    short.put("b", "B", tags=("t",), since=invalidation.generation())
    assert short.get("b") == "B"
    time.sleep(0.1)
    assert short.get("b") is None


def test_the_oldest_value_makes_room(memo: invalidation.Memo) -> None:
    small = invalidation.Memo("test-topic", max_age=60, max_entries=2)
    for key in "abc":
        small.put(key, key.upper(), tags=(key,), since=invalidation.generation())
    assert small.get("a") is None and small.get("b") == "B" and small.get("c") == "C"


@needs_redis  # one process without Redis has no connection to lose
def test_nothing_from_before_a_reconnection_is_trusted(memo: invalidation.Memo) -> None:
    memo.put("a", "A", tags=("t",), since=invalidation.generation())
    assert memo.get("a") == "A"
    invalidation.stop_listener()
    assert memo.get("a") is None or invalidation.epoch() is None
    _connected()
    assert memo.get("a") is None, "stored under the previous connection"
    memo.put("a", "A2", tags=("t",), since=invalidation.generation())
    assert memo.get("a") == "A2"
