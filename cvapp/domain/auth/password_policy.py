"""What a new password must be: long enough, not too long, and not a common one."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from cvapp.errors import ValidationFailed

MIN_LENGTH = 10
MAX_LENGTH = 128
_COMMON_FILE = Path(__file__).with_name("common_passwords.txt")


@lru_cache
def common_passwords() -> frozenset[str]:
    """The bundled list of common passwords (see the file's header for its source)."""
    lines = _COMMON_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(line for line in lines if line and not line.startswith("#"))


def check_password(password: str, *, field: str = "password", email: str | None = None) -> None:
    """Raise ValidationFailed on ``field`` when ``password`` may not be used."""
    if len(password) < MIN_LENGTH:
        raise ValidationFailed.field(field, f"Use at least {MIN_LENGTH} characters")
    if len(password) > MAX_LENGTH:
        raise ValidationFailed.field(field, f"Use at most {MAX_LENGTH} characters")
    lowered = password.lower()
    if lowered in common_passwords():
        raise ValidationFailed.field(field, "This password is too common; choose another one")
    if email and lowered == email.lower():
        raise ValidationFailed.field(field, "The password must differ from the email address")
