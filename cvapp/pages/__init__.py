"""One module per page; importing this package registers them all."""

from cvapp.pages import dashboard, landing, not_found, privacy
from cvapp.pages.account import activity, security, settings
from cvapp.pages.auth import (
    confirm_email,
    forgot_password,
    login,
    register,
    reset_password,
    verify_email,
)

__all__ = [
    "activity",
    "confirm_email",
    "dashboard",
    "forgot_password",
    "landing",
    "login",
    "not_found",
    "privacy",
    "register",
    "reset_password",
    "security",
    "settings",
    "verify_email",
]
