"""Share links of the CV being edited: one per recipient, optionally expiring, revocable."""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime, time
from typing import Any

import reflex as rx
from reflex.event import EventSpec

from cvapp.domain.public import share_links
from cvapp.domain.public.share_links import ShareLinkView
from cvapp.errors import DomainError, ValidationFailed
from cvapp.state.cvs.editor import CvEditorState
from cvapp.state.forms import describe, limit_of
from cvapp.state.session import off_loop

FORM = "share-link"


@dataclasses.dataclass
class ShareRow:
    id: str = ""
    label: str = ""
    url: str = ""
    status: str = ""  # active | expired | revoked
    expires: str = ""
    views: int = 0
    downloads: int = 0
    created: str = ""


def _day(moment: datetime) -> str:
    return f"{moment:%d %b %Y}"


def share_row(link: ShareLinkView) -> ShareRow:
    status = "revoked" if link.revoked_at else "active" if link.active else "expired"
    return ShareRow(
        id=link.id,
        label=link.label or "Untitled link",
        url=link.url,
        status=status,
        expires=_day(link.expires_at) if link.expires_at else "",
        views=link.views,
        downloads=link.downloads,
        created=_day(link.created_at),
    )


def expiry(value: str) -> datetime | None:
    """The end (UTC) of the day picked in the form's date field; None when left empty."""
    if not value:
        return None
    try:
        day = date.fromisoformat(value)
    except ValueError:
        raise ValidationFailed.field("expires_at", "Pick a date") from None
    return datetime.combine(day, time(23, 59, 59), tzinfo=UTC)


class ShareLinksState(CvEditorState):
    links: list[ShareRow] = []
    share_busy: bool = False
    share_error: str = ""
    share_field_errors: dict[str, str] = {}
    share_notice: str = ""
    share_limit_to: str = ""  # the plan that lifts the share-link limit just hit
    copied: str = ""
    confirm_revoke: str = ""
    confirm_label: str = ""

    @rx.event
    @off_loop
    def load_links(self) -> None:
        """Loader (after the editor's): the CV's links, newest first."""
        self.share_error, self.share_field_errors, self.share_notice = "", {}, ""
        self.copied = self.confirm_revoke = ""
        if not self.loaded:
            self.links = []
            return
        with self._signed_in(quiet=True) as (db, user):
            self._list(db, user.id)

    def _list(self, db: Any, user_id: str) -> None:
        links, _ = share_links.list_share_links(db, user_id=user_id, cv_id=self._cv_id)
        self.links = [share_row(link) for link in links]

    @rx.event
    @off_loop
    def create(self, form: dict[str, Any]) -> list[EventSpec] | None:
        """A new link with the form's label and optional expiry date."""
        self.share_error, self.share_field_errors, self.share_notice = "", {}, ""
        self.share_limit_to = ""
        try:
            data = {
                "label": str(form.get("label", "")).strip() or None,
                "expires_at": expiry(str(form.get("expires_on", ""))),
            }
            with self._signed_in() as (db, user):
                link = share_links.create_share_link(
                    db, user_id=user.id, cv_id=self._cv_id, data=data
                )
                self._list(db, user.id)
        except DomainError as exc:
            self.share_error, self.share_field_errors = describe(
                exc, fields=("label", "expires_at")
            )
            limit, upgrade_to = limit_of(exc)
            self.share_limit_to = upgrade_to if limit else ""
            return None
        self.share_notice = f"“{link.label or 'Untitled link'}” is ready: copy its address below."
        # Empty the form's fields (a client event, not a script: the CSP forbids eval).
        return [rx.set_value(f"{FORM}-label", ""), rx.set_value(f"{FORM}-expires", "")]

    @rx.event
    def mark_copied(self, link_id: str) -> None:
        """The button copies in the browser (compiled code, see the component); this marks it."""
        self.copied = link_id

    @rx.event
    def ask_revoke(self, link_id: str, label: str) -> None:
        self.confirm_revoke, self.confirm_label = link_id, label

    @rx.event
    def set_revoke_open(self, is_open: bool) -> None:
        if not is_open:
            self.confirm_revoke = self.confirm_label = ""

    @rx.event
    @off_loop
    def revoke(self) -> EventSpec | None:
        """Stop the confirmed link from working; its counts stay."""
        link_id, label = self.confirm_revoke, self.confirm_label
        self.set_revoke_open(False)
        self.share_error, self.share_notice = "", ""
        if not link_id:
            return None
        try:
            with self._signed_in() as (db, user):
                share_links.revoke_share_link(db, user_id=user.id, link_id=link_id)
                self._list(db, user.id)
        except DomainError as exc:
            self.share_error = describe(exc, fields=())[0]
            return None
        self.share_notice = f"“{label}” was revoked: its address no longer opens the CV."
        return None
