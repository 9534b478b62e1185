"""Access tokens this process has fully checked recently, so a hot read can skip the checks.

``service.authenticate`` checks a token against the blacklist, the user row and its session
(three round trips). When all pass, it records the token here, tagged with its ``jti``, its
session and its user; every revocation publishes those tags (``publish_revoked``) after its
transaction commits, which drops the record in every process. Records also end with the
session's last refresh token and after ``MAX_AGE_SECONDS``, and are not trusted while the
invalidation listener is disconnected (see ``cvapp.invalidation``). Only the web layer's
fast read path (``cvapp.api.fastpath``) uses them; every other request checks everything.
"""

from __future__ import annotations

import time
from datetime import datetime
from typing import Any

from sqlmodel import Session

from cvapp import invalidation
from cvapp.domain.events import after_commit
from cvapp.models.base import utcnow

TOPIC = "auth"
MAX_AGE_SECONDS = 10.0

checked = invalidation.Memo(TOPIC, max_age=MAX_AGE_SECONDS)


def remember(claims: dict[str, Any], *, session_ends: datetime | None, since: int) -> None:
    """Record a token that just passed every check (``since``: the generation read first)."""
    sid = claims.get("sid")
    if not sid or session_ends is None:
        return  # a token without a session is checked every time
    until = time.monotonic() + (session_ends - utcnow()).total_seconds()
    tags = (f"jti:{claims['jti']}", f"sid:{sid}", f"user:{claims['sub']}")
    checked.put(str(claims["jti"]), str(claims["sub"]), tags=tags, since=since, until=until)


def user_of(claims: dict[str, Any]) -> str | None:
    """The user id when this token passed every check recently and nothing revoked it since."""
    user_id = checked.get(str(claims.get("jti")))
    return user_id if isinstance(user_id, str) and user_id == claims.get("sub") else None


def publish_revoked(session: Session, tag: str) -> None:
    """After commit, drop the records tagged ``jti:…``, ``sid:…`` or ``user:…`` everywhere."""
    after_commit(session, lambda: invalidation.publish(TOPIC, tag))
