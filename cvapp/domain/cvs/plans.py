"""Where plan limits hook in: every CV creation, template choice and change passes through
these functions, which ask the entitlements (``cvapp.domain.plans``)."""

from __future__ import annotations

from sqlmodel import Session

from cvapp.domain.plans import service as plans
from cvapp.errors import PlanLimit
from cvapp.models import Application, CvVersion, ShareLink
from cvapp.models.base import utcnow


def check_can_create(session: Session, *, user_id: str) -> None:
    """Raise PlanLimit when the user may not create another CV version."""
    plans.check(session, user_id=user_id, limit="cv_versions")


def check_template_allowed(session: Session, *, user_id: str, template: str) -> None:
    """Raise PlanLimit when the user's plan does not include ``template``."""
    plans.check(session, user_id=user_id, limit="templates", template=template)


def check_can_edit(session: Session, *, cv: CvVersion) -> None:
    """Raise PlanLimit when ``cv`` is read-only (over the plan's limits after a downgrade)."""
    plans.check_writable(session, cv=cv)


def restore_link(session: Session, *, user_id: str, link: ShareLink) -> None:
    """Add a share link coming back with its CV: revoked if the plan has no room for another
    active link (its counts stay visible); no longer tied to an application deleted since."""
    if link.application_id is not None and session.get(Application, link.application_id) is None:
        link.application_id = None
    if link.revoked_at is None:
        try:
            plans.check(session, user_id=user_id, limit="share_links")
        except PlanLimit:
            link.revoked_at = utcnow()
    session.add(link)


def refresh_read_only(session: Session, *, user_id: str) -> None:
    """Read-only marks after a version came back with its old one (the plan may have
    changed meanwhile)."""
    plans.apply_limits(session, user_id=user_id)
