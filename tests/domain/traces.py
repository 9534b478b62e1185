"""Searching the database, the file storage and Redis (or the in-process cache) for any trace
of an account (no tests here)."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlparse

from sqlalchemy import select
from sqlmodel import SQLModel

import cvapp.models  # noqa: F401  (fills the metadata)
from cvapp import cache
from cvapp.db import get_engine
from cvapp.redis_client import get_redis
from cvapp.settings import get_settings


def in_database(*needles: str) -> list[str]:
    """``table: row`` for every row that contains one of ``needles``."""
    found = []
    with get_engine().connect() as connection:
        for table in SQLModel.metadata.sorted_tables:
            for row in connection.execute(select(table)).all():
                text = repr(tuple(row))
                if any(needle in text for needle in needles):
                    found.append(f"{table.name}: {text[:200]}")
    return found


def storage_root() -> Path:
    parsed = urlparse(get_settings().storage_url)
    return Path(parsed.netloc + parsed.path)


def in_storage(*needles: str) -> list[str]:
    """Stored files whose path or content contains one of ``needles``."""
    root = storage_root()
    found = []
    for path in root.rglob("*") if root.exists() else []:
        if path.is_file():
            text = str(path.relative_to(root)).encode() + b"\n" + path.read_bytes()
            if any(needle.encode() in text for needle in needles):
                found.append(str(path.relative_to(root)))
    return found


def _redis_value(client: object, key: bytes) -> bytes:
    kind = client.type(key)  # type: ignore[attr-defined]
    kind = kind.decode() if isinstance(kind, bytes) else str(kind)
    if kind == "string":
        return bytes(client.get(key) or b"")  # type: ignore[attr-defined]
    if kind == "hash":
        pairs = client.hgetall(key).items()  # type: ignore[attr-defined]
        return b" ".join(k + b"=" + v for k, v in pairs)
    if kind == "list":
        return b" ".join(client.lrange(key, 0, -1))  # type: ignore[attr-defined]
    if kind == "set":
        return b" ".join(client.smembers(key))  # type: ignore[attr-defined]
    if kind == "zset":
        return b" ".join(client.zrange(key, 0, -1))  # type: ignore[attr-defined]
    return b""


def in_cache(*needles: str) -> list[str]:
    """Redis keys (or in-process cache keys) whose name or value contains one of ``needles``."""
    client = get_redis()
    entries: list[tuple[bytes, bytes]]
    if client is None:
        entries = [(key.encode(), value) for key, (_, value) in cache._local.items()]
    else:
        entries = [(key, _redis_value(client, key)) for key in client.scan_iter(count=500)]
    return [
        key.decode(errors="replace")
        for key, value in entries
        if any(needle.encode() in key + b" " + value for needle in needles)
    ]
