"""One module per page; importing this package registers them all."""

from cvapp.pages import dashboard, landing, not_found, privacy, public_settings
from cvapp.pages.account import activity, api_keys, plan, privacy_data, security, settings
from cvapp.pages.ai import gaps, improve, skills, summary
from cvapp.pages.applications import detail, tracker
from cvapp.pages.auth import (
    confirm_email,
    confirm_signup,
    forgot_password,
    login,
    register,
    reset_password,
    unlock_account,
    verify_email,
)
from cvapp.pages.cvs import cv_editor, cv_list
from cvapp.pages.imports import importer
from cvapp.pages.letters import editor as letter_editor
from cvapp.pages.letters import letter_list
from cvapp.pages.onboarding import welcome
from cvapp.pages.profile import editor

__all__ = [
    "activity",
    "api_keys",
    "detail",
    "confirm_email",
    "confirm_signup",
    "cv_editor",
    "cv_list",
    "dashboard",
    "editor",
    "forgot_password",
    "gaps",
    "importer",
    "improve",
    "landing",
    "letter_editor",
    "letter_list",
    "login",
    "not_found",
    "plan",
    "privacy",
    "privacy_data",
    "public_settings",
    "register",
    "reset_password",
    "security",
    "settings",
    "skills",
    "summary",
    "tracker",
    "unlock_account",
    "verify_email",
    "welcome",
]
