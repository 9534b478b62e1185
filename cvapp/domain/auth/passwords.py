"""Password hashing with Argon2 (libpass, the maintained passlib fork)."""

from __future__ import annotations

from passlib.context import CryptContext

from cvapp.settings import get_settings


def _argon2() -> CryptContext:
    """Argon2id at the configured costs; a hash made with other costs needs an update."""
    settings = get_settings()
    return CryptContext(
        schemes=["argon2"],
        deprecated="auto",
        argon2__type="ID",
        argon2__memory_cost=settings.argon2_memory_kib,
        argon2__rounds=settings.argon2_time_cost,
        argon2__parallelism=settings.argon2_parallelism,
    )


_context = _argon2()
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
