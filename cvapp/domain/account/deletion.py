"""Deleting an account: confirmed with the password (and 2FA), soft at once, restorable by an
admin for 30 days, then purged for good (see ``purge``)."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlmodel import Session, select

from cvapp import ratelimit
from cvapp.domain.account import messages
from cvapp.domain.apikeys import service as api_keys
from cvapp.domain.audit import service as audit
from cvapp.domain.auth import service as auth
from cvapp.domain.auth.passwords import verify_password
from cvapp.domain.auth.totp import verify_second_factor
from cvapp.domain.events import after_commit, publish
from cvapp.domain.mail.tasks import queue_email
from cvapp.domain.public.pages import forget_page
from cvapp.errors import Conflict, NotFound, ValidationFailed
from cvapp.models import Profile, User
from cvapp.models.base import utcnow

RESTORE_WINDOW = timedelta(days=30)


def delete_account(
    session: Session,
    *,
    user: User,
    password: str,
    totp_code: str | None = None,
    ip: str | None = None,
) -> datetime:
    """The user deletes their own account; returns when it will be purged."""
    ratelimit.hit("reauth_user", user.id)
    if not verify_password(password, user.password_hash):
        raise ValidationFailed.field("password", "Incorrect password")
    if user.totp_enabled and verify_second_factor(session, user=user, code=totp_code or "") is None:
        message = "Enter a current code from your authenticator app (or a recovery code)"
        raise ValidationFailed.field("totp_code", message)
    return soft_delete(session, user=user, ip=ip, reason="user_request")


def soft_delete(session: Session, *, user: User, ip: str | None, reason: str) -> datetime:
    """Close the account now: no sign-in, sessions and API keys revoked, public pages gone."""
    if user.deleted_at is not None:
        raise Conflict("This account is already deleted")
    now = utcnow()
    user.deleted_at, user.purge_after = now, now + RESTORE_WINDOW
    session.add(user)
    session.flush()
    keys = api_keys.revoke_all(session, user_id=user.id)
    auth.revoke_all_sessions(session, user_id=user.id, ip=ip)
    audit.record(
        session,
        action="account.deleted",
        user_id=user.id,
        ip=ip,
        reason=reason,
        api_keys_revoked=keys,
        purge_after=user.purge_after.isoformat(),
    )
    _drop_public_page(session, user.id)
    publish(session, "account.deleted", user_id=user.id)
    queue_email(
        session,
        message=messages.account_deleted(user, purge_after=user.purge_after),
        user_id=user.id,
    )
    return user.purge_after


def _drop_public_page(session: Session, user_id: str) -> None:
    profile_id = session.exec(select(Profile.id).where(Profile.user_id == user_id)).first()
    if profile_id:
        after_commit(session, lambda: forget_page(profile_id))


def find_account(session: Session, *, email: str) -> User:
    """An account by its address, deleted or not (admin tools)."""
    user = session.exec(select(User).where(User.email == email.strip().lower())).first()
    if user is None:
        raise NotFound(f"No account for {email}")
    return user


def restore_account(session: Session, *, user_id: str, actor: str = "admin") -> User:
    """Undo a deletion within the 30 days (admin): the user signs in again and makes new
    API keys; the public page and share links come back as they were."""
    user = session.get(User, user_id)
    if user is None:
        raise NotFound("No such account (already purged?)")
    if user.deleted_at is None:
        raise Conflict("This account is not deleted")
    now = utcnow()
    user.deleted_at = user.purge_after = None
    user.last_active_at, user.inactivity_warned_at = now, None
    session.add(user)
    session.flush()
    audit.record(session, action="account.restored", user_id=user.id, by=actor)
    _drop_public_page(session, user.id)
    return user
