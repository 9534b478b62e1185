"""Sign-ups waiting for their address to be confirmed (``CVAPP_SIGNUP_CONFIRMATION``).

Kept in the cache (Redis when configured), never in a table: what was typed on the form —
address, name, the password's Argon2 hash, the accepted policy version — waits under a
random id until the mail job mints the link's secret, then under that secret's hash for
``LINK_HOURS``. The account is created only when the link is opened *with the password
chosen on the form*, so an address typed by someone else never becomes an account that
person can sign in to.
"""

from __future__ import annotations

import json
import secrets
from datetime import timedelta
from typing import Any

from cvapp import cache
from cvapp.domain.auth.refresh_tokens import hash_token

LINK_HOURS = 24
_QUEUED = timedelta(hours=2)  # time the mail job has to pick the sign-up up


def _queued_key(pending_id: str) -> str:
    return f"auth:signup-queued:{pending_id}"


def _link_key(token: str) -> str:
    return f"auth:signup:{hash_token(token)}"


def hold(data: dict[str, Any]) -> str:
    """Keep a sign-up until its mail is composed; the id names it to the mail job."""
    pending_id = secrets.token_urlsafe(16)
    cache.set(_queued_key(pending_id), json.dumps(data).encode(), int(_QUEUED.total_seconds()))
    return pending_id


def mint_link_token(pending_id: str) -> tuple[str, dict[str, Any]] | None:
    """The link's secret for a held sign-up (moved under it), or None once it is gone."""
    raw = cache.get(_queued_key(pending_id))
    if raw is None:
        return None
    token = secrets.token_urlsafe(32)
    cache.set(_link_key(token), raw, LINK_HOURS * 3600)
    cache.delete(_queued_key(pending_id))
    return token, json.loads(raw)


def find(token: str) -> dict[str, Any] | None:
    raw = cache.get(_link_key(token)) if token else None
    return json.loads(raw) if raw else None


def spend(token: str) -> None:
    cache.delete(_link_key(token))
