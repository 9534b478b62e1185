"""Lockout that slows password guessing without handing attackers a lock-out button.

- **Per address and client**: 5 failed sign-ins from one client (IP address) within 15
  minutes lock that client out of that address for 15 minutes. Counted in the cache for
  every address, with or without an account, so a lock never tells whether one exists.
  Someone failing from elsewhere does not lock the owner out of their own device.
- **Per account**: 20 failures from anywhere within 15 minutes (a distributed guess) lock
  the account for 15 minutes, kept on the user row, and the owner is mailed. A *known
  device* (a client address that signed in to this account in the last 30 days) passes
  this lock with the right password, so the owner is never locked out by others.
- **Unlock link**: the lock mail carries a one-time link (valid an hour). Opening it ends the
  lock and makes the client that opened it a known device for ``UNLOCK_PASS``, so the owner
  on a new device gets in even while the guessing goes on and locks the account again.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import math
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from cvapp import cache
from cvapp.errors import AccountLocked
from cvapp.models import User
from cvapp.models.base import utcnow
from cvapp.settings import get_settings

MAX_FAILURES = 5  # per address and client
ACCOUNT_MAX_FAILURES = 20  # per account, from every client together
WINDOW = timedelta(minutes=15)
LOCK_DURATION = timedelta(minutes=15)
KNOWN_DEVICE_DAYS = 30
UNLOCK_LINK = timedelta(hours=1)
UNLOCK_PASS = timedelta(days=1)


@dataclass
class Attempts:
    count: int = 0
    window_start: datetime | None = None
    locked_until: datetime | None = None

    def count_failure(self, now: datetime, *, limit: int = MAX_FAILURES) -> bool:
        """Add a failure at ``now``; True when it is the one that locks."""
        if self.window_start is None or now - self.window_start >= WINDOW:
            self.count, self.window_start = 0, now
        self.count += 1
        if self.count < limit:
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


def _client_key(email: str, client: str | None) -> str:
    material = f"{email}|{client or 'unknown'}".encode()
    digest = hmac.new(
        get_settings().secret_key.get_secret_value().encode(), material, hashlib.sha256
    )
    return f"auth:client-attempts:{digest.hexdigest()[:32]}"


def client_attempts(email: str, client: str | None) -> Attempts:
    """The failures of one client (IP address) at one address, account or not."""
    raw = cache.get(_client_key(email, client))
    if not raw:
        return Attempts()
    data = json.loads(raw)
    return Attempts(
        count=data["count"],
        window_start=_parse(data.get("window_start")),
        locked_until=_parse(data.get("locked_until")),
    )


def count_client_failure(email: str, client: str | None) -> bool:
    """Count a failed sign-in of ``client`` at ``email``; True when it locks that client."""
    attempts = client_attempts(email, client)
    locked = attempts.count_failure(utcnow())
    data = {
        "count": attempts.count,
        "window_start": attempts.window_start and attempts.window_start.isoformat(),
        "locked_until": attempts.locked_until and attempts.locked_until.isoformat(),
    }
    ttl = int((WINDOW + LOCK_DURATION).total_seconds())
    cache.set(_client_key(email, client), json.dumps(data).encode(), ttl)
    return locked


def clear_client(email: str, client: str | None) -> None:
    """A success from this client forgets its failures."""
    cache.delete(_client_key(email, client))


def _parse(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def _unlock_key(token: str) -> str:
    return f"auth:unlock:{hashlib.sha256(token.encode()).hexdigest()}"


def _pass_key(user_id: str, client: str | None) -> str:
    material = f"{user_id}|{client or 'unknown'}".encode()
    digest = hmac.new(
        get_settings().secret_key.get_secret_value().encode(), material, hashlib.sha256
    )
    return f"auth:unlock-pass:{digest.hexdigest()[:32]}"


def mint_unlock_token(user_id: str) -> str:
    """A one-time secret for the lock mail's link."""
    token = secrets.token_urlsafe(32)
    cache.set(_unlock_key(token), user_id.encode(), int(UNLOCK_LINK.total_seconds()))
    return token


def spend_unlock_token(token: str) -> str | None:
    """The account a valid unlock link names (the link is spent), or None."""
    raw = cache.get(_unlock_key(token)) if token else None
    if raw is None:
        return None
    cache.delete(_unlock_key(token))
    return raw.decode()


def grant_pass(user_id: str, client: str | None) -> None:
    """The client that opened the unlock link passes the account lock for a while."""
    cache.set(_pass_key(user_id, client), b"1", int(UNLOCK_PASS.total_seconds()))


def has_pass(user_id: str, client: str | None) -> bool:
    return bool(client) and cache.get(_pass_key(user_id, client)) is not None
