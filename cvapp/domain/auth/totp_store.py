"""Where a user's TOTP secret and hashed recovery codes are kept.

Interim layout, until a ``totp_recovery_codes`` table exists (asked for): both live in
``users.totp_secret`` as ``"<base32 secret>:<hash>,<hash>,…"``. Each hash is the first 16 hex
digits of an HMAC-SHA256 (keyed with the app secret) of a 50-bit random code, so ten fit in the
column's 255 characters and a leaked database alone cannot be searched for the codes. Only
this module knows the layout.
"""

from __future__ import annotations

import hashlib
import hmac

from cvapp.models import User
from cvapp.settings import get_settings

_SEP, _CODES_SEP = ":", ","


def secret_of(user: User) -> str | None:
    return (user.totp_secret or "").partition(_SEP)[0] or None


def recovery_hashes(user: User) -> list[str]:
    codes = (user.totp_secret or "").partition(_SEP)[2]
    return [code for code in codes.split(_CODES_SEP) if code]


def store(user: User, *, secret: str | None, hashes: list[str] | None = None) -> None:
    """Keep ``secret`` (None clears everything) with these recovery-code hashes."""
    user.totp_secret = f"{secret}{_SEP}{_CODES_SEP.join(hashes or [])}" if secret else None


def hash_recovery_code(code: str) -> str:
    key = get_settings().secret_key.get_secret_value().encode()
    return hmac.new(key, normalize_recovery_code(code).encode(), hashlib.sha256).hexdigest()[:16]


def normalize_recovery_code(code: str) -> str:
    return "".join(code.split()).replace("-", "").lower()
