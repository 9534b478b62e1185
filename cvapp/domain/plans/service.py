"""Plan rules: ``check`` before creating something limited, ``change_plan`` (admin only).

Services call ``check`` so the UI and the API refuse alike (402 ``PLAN_LIMIT``). A downgrade
deletes nothing: CV versions over the new limits become read-only (``apply_limits``) and API
keys stop authenticating until the plan allows them again.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, or_, update
from sqlmodel import Session, col, select

from cvapp.domain.audit import service as audit
from cvapp.domain.plans.entitlements import PLAN_ORDER, Limit, allows_template, for_plan
from cvapp.domain.plans.limits import plan_limit
from cvapp.errors import NotFound, ValidationFailed
from cvapp.models import Application, CoverLetter, CvVersion, ShareLink, User
from cvapp.models.base import utcnow


def _plan_of(session: Session, user_id: str) -> str:
    user = session.get(User, user_id)
    if user is None:
        raise NotFound("User not found")
    return user.plan


def count_cv_versions(session: Session, *, user_id: str) -> int:
    statement = select(func.count()).select_from(CvVersion).where(CvVersion.user_id == user_id)
    return int(session.exec(statement).one())


def count_active_share_links(session: Session, *, user_id: str) -> int:
    """Links that still open: not revoked, not expired."""
    statement = (
        select(func.count())
        .select_from(ShareLink)
        .where(
            ShareLink.user_id == user_id,
            col(ShareLink.revoked_at).is_(None),
            or_(col(ShareLink.expires_at).is_(None), col(ShareLink.expires_at) > utcnow()),
        )
    )
    return int(session.exec(statement).one())


def count_applications(session: Session, *, user_id: str) -> int:
    """Applications on the board: archived ones do not count."""
    statement = (
        select(func.count())
        .select_from(Application)
        .where(Application.user_id == user_id, col(Application.archived).is_(False))
    )
    return int(session.exec(statement).one())


def count_letters(session: Session, *, user_id: str) -> int:
    statement = select(func.count()).select_from(CoverLetter).where(CoverLetter.user_id == user_id)
    return int(session.exec(statement).one())


COUNTED: frozenset[Limit] = frozenset({"cv_versions", "share_links", "applications", "letters"})
"""Limits on how many of a thing a user has: checked under the user's row lock."""


def lock_user(session: Session, *, user_id: str) -> None:
    """Hold the user's row until this transaction ends, so two requests that each count and
    then add (ten parallel ``POST /cvs``) take turns instead of both seeing room for one more.

    A no-op UPDATE: a row lock on PostgreSQL, the database's write lock on SQLite (where a
    ``SELECT … FOR UPDATE`` would lock nothing)."""
    session.execute(update(User).where(col(User.id) == user_id).values(updated_at=User.updated_at))


def check(session: Session, *, user_id: str, limit: Limit, template: str | None = None) -> None:
    """Raise PlanLimit when the user's plan does not allow one more of ``limit``.

    ``templates`` checks ``template``; ``ai_calls_per_day`` is metered by ``ai.quotas``.
    """
    plan = _plan_of(session, user_id)
    entitlements = for_plan(plan)
    if limit in COUNTED:
        lock_user(session, user_id=user_id)
    if limit == "cv_versions":
        cap = entitlements.cv_versions
        if cap is not None and count_cv_versions(session, user_id=user_id) >= cap:
            raise plan_limit(plan, limit)
    elif limit == "share_links":
        cap = entitlements.share_links
        if cap is not None and count_active_share_links(session, user_id=user_id) >= cap:
            raise plan_limit(plan, limit, why="Revoke a share link to make another.")
    elif limit == "applications":
        cap = entitlements.applications
        if cap is not None and count_applications(session, user_id=user_id) >= cap:
            raise plan_limit(plan, limit, why=_ARCHIVE_TO_MAKE_ROOM)
    elif limit == "letters":
        cap = entitlements.letters
        if cap is not None and count_letters(session, user_id=user_id) >= cap:
            raise plan_limit(plan, limit)
    elif limit == "templates":
        if template is None or not allows_template(plan, template):
            raise plan_limit(plan, limit, why=f"The {template} template is not in your plan.")
    elif limit == "api_access":
        if not entitlements.api_access:
            raise plan_limit(plan, limit)
    else:
        raise ValueError(f"{limit} is not checked here")


_ARCHIVE_TO_MAKE_ROOM = (
    "You have reached the tracked applications of your plan; archive finished ones to make room."
)


def check_writable(session: Session, *, cv: CvVersion) -> None:
    """Refuse changes to a CV version kept read-only after a downgrade."""
    if cv.read_only:
        plan = _plan_of(session, cv.user_id)
        limit: Limit = "cv_versions" if allows_template(plan, cv.template) else "templates"
        why = "This CV version is read-only: it is over your plan's limits."
        raise plan_limit(plan, limit, why=why)


def apply_limits(session: Session, *, user_id: str) -> int:
    """Make CV versions over the plan read-only and the others editable; returns the former.

    The most recently changed versions in an included template stay editable, up to the
    plan's number; nothing is deleted. ``updated_at`` is left as it was.
    """
    plan = _plan_of(session, user_id)
    cap = for_plan(plan).cv_versions
    rows = session.exec(
        select(CvVersion.id, CvVersion.template, CvVersion.read_only)
        .where(CvVersion.user_id == user_id)
        .order_by(col(CvVersion.updated_at).desc(), col(CvVersion.id).desc())
    ).all()
    included = [cv_id for cv_id, template, _ in rows if allows_template(plan, template)]
    editable = set(included if cap is None else included[:cap])
    for cv_id, _, read_only in rows:
        wanted = cv_id not in editable
        if read_only != wanted:
            session.execute(
                update(CvVersion)
                .where(col(CvVersion.id) == cv_id)
                .values(read_only=wanted, updated_at=CvVersion.updated_at)
                .execution_options(synchronize_session="fetch")
            )
    return len(rows) - len(editable)


@dataclass(frozen=True)
class PlanChange:
    user_id: str
    old_plan: str
    new_plan: str
    read_only_cvs: int


def change_plan(session: Session, *, user_id: str, plan: str, actor: str = "admin") -> PlanChange:
    """Move a user to ``plan`` (there is no payment provider: the admin CLI calls this)."""
    if plan not in PLAN_ORDER:
        raise ValidationFailed.field("plan", f"Use one of {', '.join(PLAN_ORDER)}")
    user = session.get(User, user_id)
    if user is None:
        raise NotFound("User not found")
    old_plan, user.plan = user.plan, plan
    session.add(user)
    session.flush()
    read_only = apply_limits(session, user_id=user_id)
    audit.record(session, action="plans.changed", user_id=user_id, old=old_plan, new=plan, by=actor)
    return PlanChange(user_id, old_plan, plan, read_only)
