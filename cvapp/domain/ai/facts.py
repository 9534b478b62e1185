"""The user's own data as the AI features see it: every item, its skills, whether a CV
shows it (read by :mod:`cvapp.domain.ai.profile_reader`)."""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, replace


@dataclass(frozen=True)
class Item:
    """One entry of the profile, flattened for matching and fact checking."""

    section: str
    id: str
    label: str
    texts: tuple[str, ...]
    skills: frozenset[str]
    start: str | None = None
    end: str | None = None
    title: str | None = None
    organisation: str | None = None
    years: float | None = None
    level: int | None = None
    on_cv: bool = True

    @property
    def text(self) -> str:
        return "\n".join(self.texts)


@dataclass(frozen=True)
class CvFacts:
    id: str
    name: str
    target_role: str | None
    summary_override: str | None


@dataclass(frozen=True)
class ProfileFacts:
    """A snapshot of one user's master profile (and of a CV's choices when one is given)."""

    user_id: str
    headline: str | None = None
    summary: str | None = None
    places: tuple[str, ...] = ()
    items: tuple[Item, ...] = ()
    private_terms: tuple[str, ...] = ()
    cv: CvFacts | None = None

    def section(self, key: str) -> list[Item]:
        return [item for item in self.items if item.section == key]

    def on_cv(self) -> ProfileFacts:
        """Only what the CV shows (everything when there is no CV)."""
        return replace(self, items=tuple(item for item in self.items if item.on_cv))

    @property
    def current_summary(self) -> str | None:
        return (self.cv.summary_override if self.cv else None) or self.summary

    def fingerprint(self) -> str:
        """A hash of everything here: any change to the data changes it (cache keys)."""
        payload = json.dumps(asdict(self), sort_keys=True, default=sorted)
        return hashlib.sha256(payload.encode()).hexdigest()
