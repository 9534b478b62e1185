"""The privacy policy users consent to: its version (a setting), text and publication date."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import lru_cache
from pathlib import Path

from cvapp.settings import get_settings

PRIVACY_POLICY_FILE = Path(__file__).with_name("privacy_policy.md")
CONSENT_PRIVACY_POLICY = "privacy_policy"


@dataclass(frozen=True)
class PrivacyPolicy:
    version: str
    text: str
    published_at: datetime


@lru_cache
def _text() -> str:
    return PRIVACY_POLICY_FILE.read_text(encoding="utf-8")


def _published_at(version: str) -> datetime:
    """Versions are publication dates (``YYYY-MM-DD``); otherwise the text file's date."""
    try:
        day = date.fromisoformat(version)
    except ValueError:
        return datetime.fromtimestamp(PRIVACY_POLICY_FILE.stat().st_mtime, UTC)
    return datetime(day.year, day.month, day.day, tzinfo=UTC)


def current_privacy_policy() -> PrivacyPolicy:
    """The policy in force; registration must accept exactly this version."""
    version = get_settings().privacy_policy_version
    return PrivacyPolicy(version=version, text=_text(), published_at=_published_at(version))
