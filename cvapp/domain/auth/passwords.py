"""Password hashing with Argon2 (libpass, the maintained passlib fork)."""

from __future__ import annotations

from passlib.context import CryptContext

_context = CryptContext(schemes=["argon2"], deprecated="auto")
# Verified when the email is unknown, so a miss costs the same time as a wrong password.
_DUMMY_HASH = _context.hash("not-a-real-password-cvapp")


def hash_password(password: str) -> str:
    return str(_context.hash(password))


def verify_password(password: str, password_hash: str | None) -> bool:
    """True when ``password`` matches; with no hash, burns the same time and answers False."""
    if not password_hash:
        _context.verify(password, _DUMMY_HASH)
        return False
    return bool(_context.verify(password, password_hash))


def needs_rehash(password_hash: str) -> bool:
    return bool(_context.needs_update(password_hash))
