"""The embedded mail sink, read back: the recent messages and the links they carry."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, select

from cvapp.models import OutboxEmail

_LINK = re.compile(r"https?://[^\s<>\"')]+")


@dataclass(frozen=True)
class OutboxEntry:
    created_at: datetime
    to: str
    subject: str
    links: list[str]


def recent_entries(
    session: Session, *, limit: int = 20, to: str | None = None
) -> list[OutboxEntry]:
    """The newest outbox messages (optionally to one address), each with the links in it."""
    query = select(OutboxEmail).order_by(col(OutboxEmail.created_at).desc()).limit(limit)
    if to:
        query = query.where(OutboxEmail.to_address == to.strip().lower())
    return [
        OutboxEntry(
            created_at=row.created_at,
            to=row.to_address,
            subject=row.subject,
            links=list(dict.fromkeys(_LINK.findall(row.body_text))),
        )
        for row in session.exec(query).all()
    ]


def format_entries(entries: list[OutboxEntry]) -> str:
    """Plain text for the ``cvapp outbox`` command: one block per message, newest first."""
    if not entries:
        return "outbox is empty"
    blocks = []
    for entry in entries:
        lines = [f"{entry.created_at:%Y-%m-%d %H:%M:%S} UTC  to {entry.to}  — {entry.subject}"]
        lines += [f"    {link}" for link in entry.links] or ["    (no links)"]
        blocks.append("\n".join(lines))
    return "\n".join(blocks)
