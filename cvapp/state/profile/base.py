"""The signed-in user's master profile as the editor and the welcome wizard show it.

Loaded whole with ``views.my_profile`` (a fixed number of queries) and again after each
change, so completeness, cards and pickers always agree with the database.
"""

from __future__ import annotations

import dataclasses
from typing import Any

import reflex as rx
from sqlmodel import Session

from cvapp.domain.profiles import views
from cvapp.domain.profiles.schemas import ProfileView
from cvapp.state.profile.specs import SPECS, ItemCard, Option
from cvapp.state.session import SessionState, off_loop

PICKER_SOURCES = ("experiences", "projects", "skills")
BASICS_KEYS = (
    "full_name",
    "headline",
    "summary",
    "contact.email",
    "contact.phone",
    "location.city",
    "location.region",
    "location.country_code",
    "website",
)


@dataclasses.dataclass
class LinkRow:
    """One of the profile's links (LinkedIn, GitHub…); ``username`` is kept as it was."""

    network: str = ""
    url: str = ""
    username: str = ""


@dataclasses.dataclass
class InterestRow:
    """One interest; its keywords are edited as one comma-separated text.

    ``saved`` is the keyword list as stored: while the text still reads as it did, that list
    is sent back unchanged (a stored keyword may itself contain a comma).
    """

    name: str = ""
    keywords: str = ""
    saved: list[str] = dataclasses.field(default_factory=list)


@dataclasses.dataclass
class ReferenceRow:
    """One reference: who gives it and what they say (kept in the profile and its export)."""

    name: str = ""
    reference: str = ""


def _option(key: str, item: dict[str, Any]) -> Option:
    if key == "experiences":
        return Option(item["id"], f"{item['title']} at {item['company']}")
    return Option(item["id"], item["name"])


def _basics(view: ProfileView) -> dict[str, str]:
    contact, location = view.contact, view.location
    return {
        "full_name": view.full_name,
        "headline": view.headline or "",
        "summary": view.summary or "",
        "contact.email": (contact.email if contact else None) or "",
        "contact.phone": (contact.phone if contact else None) or "",
        "location.city": location.city or "",
        "location.region": location.region or "",
        "location.country_code": location.country_code or "",
        "website": view.website or "",
    }


class ProfileState(SessionState):
    """Completeness, the cards of every section, picker options and the basics form."""

    completeness: int = 0
    missing: list[str] = []
    cards: dict[str, list[ItemCard]] = {spec.key: [] for spec in SPECS}
    options: dict[str, list[Option]] = {key: [] for key in PICKER_SOURCES}
    basics: dict[str, str] = dict.fromkeys(BASICS_KEYS, "")
    links: list[LinkRow] = []
    interests: list[InterestRow] = []
    references: list[ReferenceRow] = []
    photo_url: str = ""
    # Every item as JSON by section and id: what an edit form or an undo starts from.
    _items: dict[str, dict[str, dict[str, Any]]] = {}
    # Whose profile the vars hold: a tab keeps its state across sign-out and sign-in.
    _owner: str = ""

    @rx.var(cache=False)
    def ready(self) -> bool:
        """The vars hold the signed-in user's profile (never show someone else's)."""
        return bool(self._owner) and self._owner == self._user_id

    @rx.event
    @off_loop
    def load(self) -> None:
        """Loader: the whole profile, the basics form included."""
        with self._signed_in(quiet=True) as (db, user):
            self._refresh(db, user.id, basics=True)

    def _refresh(self, db: Session, user_id: str, *, basics: bool = False) -> None:
        """Read the profile again; the basics form only when asked (it may hold edits)."""
        view = views.my_profile(db, user_id=user_id)
        data = view.model_dump(mode="json")
        self._items = {spec.key: {i["id"]: i for i in data[spec.key]} for spec in SPECS}
        self.cards = {spec.key: [spec.card(i) for i in data[spec.key]] for spec in SPECS}
        self.options = {key: [_option(key, i) for i in data[key]] for key in PICKER_SOURCES}
        self.completeness = view.completeness or 0
        self.missing = list(view.missing)
        self.photo_url = view.photo_url or ""
        if basics:
            self.basics = _basics(view)
            self.links = [
                LinkRow(link.network, link.url or "", link.username or "") for link in view.links
            ]
            self.interests = [
                InterestRow(i.name, ", ".join(i.keywords), list(i.keywords)) for i in view.interests
            ]
            self.references = [ReferenceRow(r.name, r.reference) for r in view.references]
        self._owner = user_id

    def _item(self, section: str, item_id: str) -> dict[str, Any] | None:
        return self._items.get(section, {}).get(item_id)
