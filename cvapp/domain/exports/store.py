"""Content-addressed export cache: a file in storage, found through a cache pointer.

The digest covers everything that shapes the output (rendered content, template files,
options, engine), so a changed CV gets a new digest and a stale file is never served. The
pointer (Redis, or in-process on the embedded default) lives 7 days; a lost pointer only
costs one render.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from cvapp import cache
from cvapp.storage import get_storage

POINTER_TTL = 7 * 24 * 3600


def digest(*parts: str) -> str:
    """The sha256 of ``parts`` (separated so that no two splits collide)."""
    hasher = hashlib.sha256()
    for part in parts:
        hasher.update(part.encode())
        hasher.update(b"\x1f")
    return hasher.hexdigest()


def storage_key(user_id: str, content_digest: str, extension: str) -> str:
    return f"exports/{user_id}/{content_digest}.{extension}"


@dataclass(frozen=True)
class Cached:
    data: bytes
    meta: dict[str, Any]


def lookup(kind: str, content_digest: str) -> Cached | None:
    """The stored output behind a pointer, or None (no pointer, or the file is gone)."""
    raw = cache.get(f"export:{kind}:{content_digest}")
    if raw is None:
        return None
    meta = json.loads(raw)
    data = get_storage().get(meta["key"])
    return None if data is None else Cached(data=data, meta=meta)


def remember(kind: str, name: str, meta: dict[str, Any]) -> None:
    """Keep ``meta`` under ``kind``/``name`` for 7 days (e.g. which content a name is)."""
    cache.set(f"export:{kind}:{name}", json.dumps(meta).encode(), POINTER_TTL)


def recall(kind: str, name: str) -> dict[str, Any] | None:
    raw = cache.get(f"export:{kind}:{name}")
    return None if raw is None else dict(json.loads(raw))


def save(
    kind: str,
    content_digest: str,
    *,
    key: str,
    data: bytes,
    content_type: str,
    meta: dict[str, Any] | None = None,
) -> None:
    """Store ``data`` at ``key`` and point ``kind``/``digest`` at it for 7 days."""
    get_storage().put(key, data, content_type)
    pointer = json.dumps({"key": key, **(meta or {})}).encode()
    cache.set(f"export:{kind}:{content_digest}", pointer, POINTER_TTL)
