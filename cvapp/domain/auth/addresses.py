"""Email addresses: validated with email-validator, kept in one normal form (lower case)."""

from __future__ import annotations

from email_validator import EmailNotValidError, validate_email

from cvapp.errors import ValidationFailed

MAX_EMAIL_LENGTH = 320


def normalize_email(raw: str, *, field: str = "email") -> str:
    """The address in its stored form; an invalid one raises ValidationFailed on ``field``.

    Addresses are compared case-insensitively (mail providers treat ``Ann@`` and ``ann@``
    alike), so the whole address is lower-cased after email-validator's normalisation.
    """
    try:
        checked = validate_email(raw.strip(), check_deliverability=False)
    except EmailNotValidError as exc:
        raise ValidationFailed.field(field, str(exc) or "Invalid email format") from exc
    normalized = checked.normalized.lower()
    if len(normalized) > MAX_EMAIL_LENGTH:
        raise ValidationFailed.field(field, "Email address is too long")
    return normalized


def lookup_form(raw: str) -> str:
    """The form to look an address up by, without validating it (sign-in, reset requests)."""
    try:
        return normalize_email(raw)
    except ValidationFailed:
        return raw.strip().lower()
