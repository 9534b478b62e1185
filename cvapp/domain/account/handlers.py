"""Account reactions to domain events (loaded by ``events.load_handlers``)."""

from __future__ import annotations

from sqlmodel import Session

from cvapp.domain.account.export import revoke_downloads
from cvapp.domain.events import DomainEvent, subscribe


@subscribe("auth.sessions_revoked")
def cancel_export_links(session: Session, event: DomainEvent) -> None:
    """A data export's 7-day link is a bearer credential: it ends with the sessions."""
    if event.user_id:
        revoke_downloads(session, user_id=event.user_id)
