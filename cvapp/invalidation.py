"""Cross-process invalidation messages for the caches each app process keeps in memory.

A process that changes something publishes ``(topic, key)``; every process (itself included)
runs the callbacks registered for that topic. With Redis, messages travel over a pub/sub
channel that a daemon thread per process listens to; without Redis there is a single process
and the callbacks run at once.

Pub/sub delivers nothing that was published while a listener was disconnected, so the local
caches must only trust what they stored *during the current connection*: ``epoch()`` changes
on every (re)connection and is ``None`` while disconnected; an entry is usable only while the
epoch it was stored under is the current one. ``generation()`` counts every message received,
so a reader can refuse to store a value that an invalidation may have overtaken.
"""

from __future__ import annotations

import os
import secrets
import threading
import time
from collections import defaultdict
from collections.abc import Callable

import redis
import structlog

from cvapp.redis_client import get_redis
from cvapp.settings import get_settings

log = structlog.get_logger(__name__)

CHANNEL = "cvapp:invalidate"  # + ":<db>": pub/sub ignores database numbers, apps sharing a
# server on different databases must not hear each other
RETRY_SECONDS = 1.0

Callback = Callable[[str], None]

_callbacks: dict[str, list[Callback]] = defaultdict(list)
_lock = threading.Lock()
_state = {"epoch": 0, "connected": False, "generation": 0}
_listener: threading.Thread | None = None
_stop = threading.Event()
_me: dict[str, object] = {"pid": None, "name": ""}


def on(topic: str, callback: Callback) -> None:
    """Run ``callback(key)`` in this process whenever ``topic`` is published (any process)."""
    with _lock:
        if callback not in _callbacks[topic]:
            _callbacks[topic].append(callback)


def publish(topic: str, key: str) -> None:
    """Tell every process that ``key`` of ``topic`` changed (this one at once)."""
    _deliver(topic, key)
    client = get_redis()
    if client is None:
        return
    try:
        client.publish(channel(), f"{topic}\n{key}\n{_origin()}")
    except redis.RedisError as exc:
        # The other processes' listeners lost the connection too (same server): they distrust
        # their entries until they reconnect, so nothing stale is served.
        log.warning("invalidation_unpublished", topic=topic, error=str(exc))


def channel() -> str:
    """The pub/sub channel of this app's Redis database."""
    url = get_settings().redis_url or ""
    db = redis.connection.parse_url(url).get("db", 0) if url else 0  # type: ignore[no-untyped-call]
    return f"{CHANNEL}:{db}"


def _origin() -> str:
    """This process's name on the channel (its own messages, already applied, are skipped);
    renewed after a fork, which copies the parent's."""
    pid = os.getpid()
    if _me["pid"] != pid:
        _me.update(pid=pid, name=f"{pid}-{secrets.token_hex(6)}")
    return str(_me["name"])


def epoch() -> int | None:
    """The current connection's number, or None while local entries must not be trusted."""
    if get_settings().redis_url is None:
        return 0  # one process: every change is delivered directly
    _ensure_listener()
    return _state["epoch"] if _state["connected"] else None


def generation() -> int:
    """How many invalidations this process has received so far."""
    return _state["generation"]


def _deliver(topic: str, key: str) -> None:
    with _lock:
        _state["generation"] += 1
        callbacks = list(_callbacks.get(topic, ()))
    for callback in callbacks:
        try:
            callback(key)
        except Exception:  # one cache's bug must not keep the others stale
            log.exception("invalidation_callback_failed", topic=topic)


def _set_connected(connected: bool) -> None:
    with _lock:
        _state["connected"] = connected
        _state["epoch"] += 1
        _state["generation"] += 1
        callbacks = [cb for cbs in _callbacks.values() for cb in cbs]
    for callback in callbacks:  # whatever was stored before may have missed messages
        callback("")


def _ensure_listener() -> None:
    global _listener
    if _listener is not None and _listener.is_alive():
        return
    with _lock:
        if _listener is not None and _listener.is_alive():
            return
        _stop.clear()
        _listener = threading.Thread(target=_listen, name="cvapp-invalidation", daemon=True)
        _listener.start()


def _listen() -> None:
    url = get_settings().redis_url
    assert url is not None
    while not _stop.is_set():
        client = redis.Redis.from_url(url, socket_connect_timeout=2, health_check_interval=10)
        pubsub = client.pubsub(ignore_subscribe_messages=False)  # type: ignore[no-untyped-call]
        try:
            pubsub.subscribe(channel())
            while not _stop.is_set():
                message = pubsub.get_message(timeout=1.0)
                if message is None:
                    continue
                if message["type"] == "subscribe":
                    _set_connected(True)
                elif message["type"] == "message":
                    topic, _, rest = bytes(message["data"]).decode().partition("\n")
                    key, _, origin = rest.partition("\n")
                    if origin != _origin():
                        _deliver(topic, key)
        except (redis.RedisError, OSError) as exc:
            if _state["connected"]:  # once per outage, not once per retry
                log.warning("invalidation_listener_down", error=str(exc))
        finally:
            if _state["connected"]:
                _set_connected(False)
            try:
                pubsub.close()
                client.close()
            except (redis.RedisError, OSError):
                pass
        time.sleep(0 if _stop.is_set() else RETRY_SECONDS)


def stop_listener() -> None:
    """Stop this process's listener (tests); the next ``epoch()`` starts a new one."""
    global _listener
    _stop.set()
    if _listener is not None:
        _listener.join(timeout=5)
    _listener = None
    with _lock:
        _state["connected"] = False
        _state["epoch"] += 1


class Memo:
    """Values kept in this process's memory and dropped by invalidation messages.

    Each value carries tags; a message on ``topic`` whose key is one of them drops it (an
    empty key drops everything). A value is returned only while the listener connection it
    was stored under is still the current one, for at most ``max_age`` seconds, and never
    after its own ``until`` (a monotonic time) — so a lost message costs at most ``max_age``.
    """

    def __init__(self, topic: str, *, max_age: float, max_entries: int = 4096) -> None:
        self.topic = topic
        self.max_age = max_age
        self.max_entries = max_entries
        self._entries: dict[str, tuple[object, frozenset[str], int, float]] = {}
        self._memo_lock = threading.Lock()
        on(topic, self.drop)

    def get(self, key: str) -> object | None:
        entry = self._entries.get(key)
        if entry is None:
            return None
        value, _, stored_epoch, until = entry
        if stored_epoch != epoch() or time.monotonic() > until:
            with self._memo_lock:
                if self._entries.get(key) is entry:
                    del self._entries[key]
            return None
        return value

    def put(
        self,
        key: str,
        value: object,
        *,
        tags: tuple[str, ...],
        since: int,
        until: float | None = None,
    ) -> None:
        """Keep ``value`` unless an invalidation arrived after ``since`` (a ``generation()``
        read before the value was computed) or the listener is not connected."""
        current = epoch()
        if current is None:
            return
        deadline = time.monotonic() + self.max_age
        with self._memo_lock:
            if generation() != since:
                return
            if key not in self._entries and len(self._entries) >= self.max_entries:
                self._entries.pop(next(iter(self._entries)))
            limit = deadline if until is None else min(deadline, until)
            self._entries[key] = (value, frozenset(tags), current, limit)

    def drop(self, tag: str) -> None:
        with self._memo_lock:
            if not tag:
                self._entries.clear()
                return
            for key in [k for k, e in self._entries.items() if tag in e[1]]:
                del self._entries[key]

    def __len__(self) -> int:
        return len(self._entries)
