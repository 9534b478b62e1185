"""The profile's basics: name, headline, summary, contact, location, links and photo."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator
from typing import Any
from urllib.parse import urlsplit

import reflex as rx
from reflex.event import EventSpec

from cvapp.db import session_scope
from cvapp.domain.profiles import photo, service
from cvapp.errors import DomainError
from cvapp.state.profile.base import BASICS_KEYS, LinkRow, ProfileState
from cvapp.state.profile.drafts import explain
from cvapp.state.profile.onboarding import OnboardingState
from cvapp.state.session import Caller, signed_in_user

FIELDS = (*BASICS_KEYS, "links")
# Networks recognised from a link's address when the user leaves "Network" empty.
_NETWORKS = {
    "linkedin": "LinkedIn",
    "github": "GitHub",
    "gitlab": "GitLab",
    "x": "X",
    "twitter": "Twitter",
    "medium": "Medium",
    "stackoverflow": "Stack Overflow",
}


def network_of(url: str) -> str:
    """``"https://www.linkedin.com/in/ada"`` → ``"LinkedIn"``; else the bare host."""
    host = urlsplit(url).hostname or ""
    host = host.removeprefix("www.")
    return _NETWORKS.get(host.split(".")[0], host)


def _changes(basics: dict[str, str], links: list[LinkRow]) -> dict[str, Any]:
    def value(name: str) -> str | None:
        return basics.get(name, "").strip() or None

    rows = [row for row in links if row.network.strip() or row.url.strip()]
    return {
        "full_name": basics.get("full_name", "").strip(),
        "headline": value("headline"),
        "summary": value("summary"),
        "contact": {"email": value("contact.email"), "phone": value("contact.phone")},
        "location": {
            "city": value("location.city"),
            "region": value("location.region"),
            "country_code": value("location.country_code"),
        },
        "website": value("website"),
        "links": [
            {
                "network": row.network.strip() or network_of(row.url.strip()),
                "url": row.url.strip() or None,
                "username": row.username or None,
            }
            for row in rows
        ],
    }


def _store_photo(caller: Caller, data: bytes) -> bool:
    """Re-encode and keep the photo; False when the caller is not signed in (any more)."""
    with session_scope() as db:
        found = signed_in_user(db, caller)
        if found is None:
            return False
        photo.set_photo(db, user_id=found[0].id, data=data)
        return True


class BasicsState(ProfileState):
    errors: dict[str, str] = {}
    form_error: str = ""
    notice: str = ""
    saving: bool = False
    photo_error: str = ""
    uploading: bool = False

    @rx.event
    def set_basic(self, name: str, value: str) -> None:
        self.basics[name] = value
        self.errors.pop(name, None)
        self.notice = ""

    @rx.event
    def add_link(self) -> None:
        self.links.append(LinkRow())

    @rx.event
    def set_link(self, index: int, field: str, value: str) -> None:
        if 0 <= index < len(self.links) and field in ("network", "url"):
            setattr(self.links[index], field, value)
            self.links = list(self.links)
            self.errors.pop("links", None)

    @rx.event
    def remove_link(self, index: int) -> None:
        if 0 <= index < len(self.links):
            self.links.pop(index)

    @rx.event
    def save_basics(self, form: dict[str, Any]) -> Iterator[EventSpec | None]:
        """PATCH the profile with the whole form; ``form["then"]`` is a wizard step to go to."""
        if self.saving:
            return
        self.saving, self.errors, self.form_error, self.notice = True, {}, "", ""
        yield
        try:
            with session_scope() as db:
                user = self._check(db)
                if user is None:
                    yield self._session_lost()
                    return
                service.update_profile(
                    db, user_id=user.id, changes=_changes(self.basics, self.links)
                )
                self._refresh(db, user.id, basics=True)
        except DomainError as exc:
            self.form_error, self.errors = explain(exc, FIELDS)
            return
        finally:
            self.saving = False
        self.notice = "Basics saved."
        then = str(form.get("then", ""))
        if then:
            yield OnboardingState.go(then)

    @rx.event
    async def upload_photo(self, files: list[rx.UploadFile]) -> AsyncIterator[EventSpec | None]:
        """Replace the photo with the chosen image (re-encoded by the domain)."""
        if not files or self.uploading:
            return
        self.uploading, self.photo_error = True, ""
        yield
        try:
            data = await files[0].read()
            stored = await asyncio.to_thread(_store_photo, self._caller(), data)
        except DomainError as exc:
            self.photo_error = exc.message
            return
        finally:
            self.uploading = False
        if not stored:
            yield self._session_lost()
            return
        with session_scope() as db:
            user = self._check(db)
            if user is not None:
                self._refresh(db, user.id)
