"""The account emails of this feature: export ready, deletion confirmed, inactivity warning."""

from __future__ import annotations

from datetime import datetime

from cvapp.domain.auth.messages import SIGNATURE, link
from cvapp.domain.mail.message import Message
from cvapp.models import User

LOGIN_PATH = "/login"


def _greeting(user: User) -> str:
    return f"Hello {user.full_name}," if user.full_name else "Hello,"


def export_ready(user: User, *, url: str, expires_at: datetime) -> Message:
    text = (
        f"{_greeting(user)}\n\nthe archive of your cvapp data is ready. Download it here "
        f"(the link works until {expires_at:%Y-%m-%d %H:%M} UTC):\n\n{url}{SIGNATURE}"
    )
    return Message(to=user.email, subject="Your data export is ready", text=text, secrets=(url,))


def account_deleted(user: User, *, purge_after: datetime) -> Message:
    text = (
        f"{_greeting(user)}\n\nyour cvapp account was deleted: you can no longer sign in, "
        f"and your public page and share links are gone. Everything is erased for good on "
        f"{purge_after:%Y-%m-%d}. Until then, reply to this message if you want the account "
        f"back.{SIGNATURE}"
    )
    return Message(to=user.email, subject="Your account was deleted", text=text)


def inactivity_warning(user: User, *, deletion_on: datetime) -> Message:
    text = (
        f"{_greeting(user)}\n\nyou have not used your cvapp account for two years. We keep "
        f"no data longer than needed, so the account will be deleted on {deletion_on:%Y-%m-%d} "
        f"unless you sign in before then:\n\n{link(LOGIN_PATH)}{SIGNATURE}"
    )
    return Message(to=user.email, subject="Your cvapp account will be deleted", text=text)
