"""Account lockout: 5 failed sign-ins within 15 minutes lock the account for 15 minutes.

Accounts keep their count on the user row. Unknown addresses get the very same treatment,
counted in the cache, so a lock never tells whether an address has an account.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from cvapp import cache
from cvapp.errors import AccountLocked
from cvapp.models import User
from cvapp.models.base import utcnow
from cvapp.observability import metrics
from cvapp.settings import get_settings

MAX_FAILURES = 5
WINDOW = timedelta(minutes=15)
LOCK_DURATION = timedelta(minutes=15)


@dataclass
class Attempts:
    count: int = 0
    window_start: datetime | None = None
    locked_until: datetime | None = None

    def count_failure(self, now: datetime) -> bool:
        """Add a failure at ``now``; True when it is the one that locks."""
        if self.window_start is None or now - self.window_start >= WINDOW:
            self.count, self.window_start = 0, now
        self.count += 1
        if self.count < MAX_FAILURES:
            return False
        self.count, self.window_start, self.locked_until = 0, None, now + LOCK_DURATION
        return True


def raise_if_locked(locked_until: datetime | None, *, now: datetime | None = None) -> None:
    """AccountLocked, with the minutes left, while ``locked_until`` is in the future."""
    now = now or utcnow()
    if locked_until is None or locked_until <= now:
        return
    minutes = max(1, math.ceil((locked_until - now).total_seconds() / 60))
    unit = "minute" if minutes == 1 else "minutes"
    raise AccountLocked(
        f"Too many failed sign-in attempts. The account is locked; try again in {minutes} {unit}."
    )


def user_attempts(user: User) -> Attempts:
    return Attempts(user.failed_login_count, user.failed_login_window_start, user.locked_until)


def store_user_attempts(user: User, attempts: Attempts) -> None:
    user.failed_login_count = attempts.count
    user.failed_login_window_start = attempts.window_start
    user.locked_until = attempts.locked_until


def _unknown_key(email: str) -> str:
    digest = hmac.new(get_settings().secret_key.encode(), email.encode(), hashlib.sha256)
    return f"auth:unknown-attempts:{digest.hexdigest()[:32]}"


def unknown_attempts(email: str) -> Attempts:
    raw = cache.get(_unknown_key(email))
    if not raw:
        return Attempts()
    data = json.loads(raw)
    return Attempts(
        count=data["count"],
        window_start=_parse(data.get("window_start")),
        locked_until=_parse(data.get("locked_until")),
    )


def count_unknown_failure(email: str) -> None:
    """Count a failed sign-in for an address with no account."""
    metrics.LOGIN_FAILURES.labels("unknown_account").inc()
    attempts = unknown_attempts(email)
    attempts.count_failure(utcnow())
    data = {
        "count": attempts.count,
        "window_start": attempts.window_start and attempts.window_start.isoformat(),
        "locked_until": attempts.locked_until and attempts.locked_until.isoformat(),
    }
    ttl = int((WINDOW + LOCK_DURATION).total_seconds())
    cache.set(_unknown_key(email), json.dumps(data).encode(), ttl)


def _parse(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None
