"""The profile's basics: name, headline, summary, contact, location, links, interests,
references and photo."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator
from typing import Any
from urllib.parse import urlsplit

import reflex as rx
from reflex.event import EventSpec

from cvapp.db import session_scope
from cvapp.domain.profiles import photo, service
from cvapp.domain.profiles.schemas import ProfileUpdate
from cvapp.domain.sections.fields import validate
from cvapp.errors import DomainError, ValidationFailed
from cvapp.state.profile.base import (
    BASICS_KEYS,
    InterestRow,
    LinkRow,
    ProfileState,
    ReferenceRow,
)
from cvapp.state.profile.drafts import FIX_FIELDS, explain
from cvapp.state.profile.onboarding import OnboardingState
from cvapp.state.session import Caller, off_loop, signed_in_user

FIELDS = (*BASICS_KEYS, "links", "interests", "references")
# What the user types in each kind of row (a link's username is kept, not edited).
ROW_FIELDS = {
    "links": ("network", "url"),
    "interests": ("name", "keywords"),
    "references": ("name", "reference"),
}
# The empty row each group's "Add" button appends.
ROW_TYPES: dict[str, type[LinkRow | InterestRow | ReferenceRow]] = {
    "links": LinkRow,
    "interests": InterestRow,
    "references": ReferenceRow,
}
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


def keywords_of(row: InterestRow) -> list[str]:
    """The keywords typed in ``row``: split on commas, trimmed, each once (case ignored).

    While the text still reads as loaded, the stored list is kept as it was.
    """
    if row.saved and row.keywords == ", ".join(row.saved):
        return list(row.saved)
    kept: dict[str, str] = {}
    for part in row.keywords.split(","):
        keyword = part.strip()
        if keyword:
            kept.setdefault(keyword.casefold(), keyword)
    return list(kept.values())


def _changes(
    basics: dict[str, str],
    links: list[LinkRow],
    interests: list[InterestRow],
    references: list[ReferenceRow],
) -> dict[str, Any]:
    """The PATCH body of the whole basics form; rows left entirely empty are dropped."""

    def value(name: str) -> str | None:
        return basics.get(name, "").strip() or None

    rows = [row for row in links if row.network.strip() or row.url.strip()]
    typed = [{"name": row.name.strip(), "keywords": keywords_of(row)} for row in interests]
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
        "interests": [entry for entry in typed if entry["name"] or entry["keywords"]],
        "references": [
            {"name": row.name.strip(), "reference": row.reference}
            for row in references
            if row.name.strip() or row.reference.strip()
        ],
    }


def _unnamed(interests: list[InterestRow], references: list[ReferenceRow]) -> dict[str, str]:
    """A message per group whose first filled-in row lacks a name, numbered as on screen."""
    errors: dict[str, str] = {}
    for number, interest in enumerate(interests, start=1):
        if keywords_of(interest) and not interest.name.strip():
            errors["interests"] = f"Interest {number} needs a name (or remove its keywords)."
            break
    for number, reference in enumerate(references, start=1):
        if reference.reference.strip() and not reference.name.strip():
            errors["references"] = f"Reference {number} needs the name of who gives it."
            break
    return errors


def edit_row(rows: list[Any], index: int, field: str, value: str, fields: tuple[str, ...]) -> bool:
    """Set ``field`` of row ``index`` to ``value``; False (nothing changed) when either is
    not one of the form's (an index from a stale page, a field the row does not edit)."""
    if _valid(rows, index) and field in fields and isinstance(value, str):
        setattr(rows[index], field, value)
        return True
    return False


def remove_row(rows: list[Any], index: int) -> bool:
    """Drop row ``index``; False when there is no such row."""
    if _valid(rows, index):
        rows.pop(index)
        return True
    return False


def _valid(rows: list[Any], index: int) -> bool:
    return isinstance(index, int) and not isinstance(index, bool) and 0 <= index < len(rows)


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
    def clear_messages(self) -> None:
        """Page loader: a notice or errors of an earlier visit do not show again."""
        self.errors, self.form_error, self.notice, self.photo_error = {}, "", "", ""

    @rx.event
    def set_basic(self, name: str, value: str) -> None:
        self.basics[name] = value
        self.errors.pop(name, None)
        self.notice = ""

    @rx.event
    def add_row(self, key: str) -> None:
        """A new empty row in the group ``key`` (links, interests or references)."""
        if key in ROW_TYPES:
            getattr(self, key).append(ROW_TYPES[key]())

    @rx.event
    def set_row(self, key: str, index: int, field: str, value: str) -> None:
        if key not in ROW_FIELDS:
            return
        rows = getattr(self, key)
        if edit_row(rows, index, field, value, ROW_FIELDS[key]):
            setattr(self, key, list(rows))  # a row's field changed: mark the list dirty
            self.errors.pop(key, None)

    @rx.event
    def drop_row(self, key: str, index: int) -> None:
        if key in ROW_FIELDS and remove_row(getattr(self, key), index):
            self.errors.pop(key, None)

    @rx.event
    @off_loop
    def save_basics(self, form: dict[str, Any]) -> Iterator[EventSpec | None]:
        """PATCH the profile with the whole form; ``form["then"]`` is a wizard step to go to."""
        if self.saving:
            return
        changes = _changes(self.basics, self.links, self.interests, self.references)
        unnamed = _unnamed(self.interests, self.references)
        if unnamed:  # with the schema's messages about the other fields at the same time
            try:
                validate(ProfileUpdate, changes)
            except ValidationFailed as exc:
                unnamed = {**explain(exc, FIELDS)[1], **unnamed}
            self.errors, self.form_error, self.notice = unnamed, FIX_FIELDS, ""
            return
        self.saving, self.errors, self.form_error, self.notice = True, {}, "", ""
        yield
        try:
            with self._signed_in() as (db, user):
                service.update_profile(db, user_id=user.id, changes=changes)
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
