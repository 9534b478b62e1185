"""Handing a new sign-in from a Reflex event handler to the browser's httpOnly cookies.

An event handler answers over the websocket and cannot set cookies. It parks the new token
pair here under a random one-time code for a minute; the page stores the code in a
short-lived cookie and navigates to ``GET /api/v1/auth/session/handoff``, which takes the pair
out (once) and sets the session cookies. The code never appears in a URL, and another site
cannot plant one in the browser (no login CSRF).
"""

from __future__ import annotations

import hashlib
import json
import secrets
from dataclasses import asdict, dataclass

from cvapp import cache
from cvapp.domain.auth.schemas import AuthTokens

HANDOFF_COOKIE = "cvapp_handoff"
HANDOFF_COOKIE_PATH = "/api/v1/auth/session"
HANDOFF_SECONDS = 60


@dataclass(frozen=True)
class ParkedSignIn:
    user_id: str
    access_token: str
    refresh_token: str
    expires_in: int
    session_id: str


def park(tokens: AuthTokens) -> str:
    """Keep ``tokens`` for a minute; returns the one-time code that takes them back."""
    code = secrets.token_urlsafe(32)
    parked = ParkedSignIn(
        user_id=tokens.user.id,
        access_token=tokens.access_token,
        refresh_token=tokens.refresh_token,
        expires_in=tokens.expires_in,
        session_id=tokens.session_id,
    )
    cache.set(_key(code), json.dumps(asdict(parked)).encode(), HANDOFF_SECONDS)
    return code


def take(code: str) -> ParkedSignIn | None:
    """The sign-in parked under ``code``, once; None when unknown, used or expired."""
    if not code:
        return None
    key = _key(code)
    raw = cache.get(key)
    if raw is None:
        return None
    cache.delete(key)
    return ParkedSignIn(**json.loads(raw))


def _key(code: str) -> str:
    return "ui:session-handoff:" + hashlib.sha256(code.encode()).hexdigest()
