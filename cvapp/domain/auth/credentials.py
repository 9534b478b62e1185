"""Passwords: change (signed in) and reset (by mail). Both sign every session out."""

from __future__ import annotations

from sqlmodel import Session

from cvapp import ratelimit
from cvapp.domain.audit import service as audit
from cvapp.domain.auth import email_tokens, lockout, notify, refresh_tokens
from cvapp.domain.auth.addresses import lookup_form
from cvapp.domain.auth.password_policy import check_password
from cvapp.domain.auth.passwords import hash_password, verify_password
from cvapp.domain.auth.schemas import AuthTokens
from cvapp.errors import Unauthenticated, ValidationFailed
from cvapp.models import User
from cvapp.models.base import utcnow


def change_password(
    session: Session,
    *,
    user: User,
    current_password: str,
    new_password: str,
    ip: str | None,
    user_agent: str | None = None,
) -> AuthTokens:
    """Set a new password, sign out every session, and return a fresh one for this device."""
    ratelimit.hit("reauth_user", user.id)
    if not verify_password(current_password, user.password_hash):
        raise ValidationFailed.field("current_password", "Incorrect password")
    check_password(new_password, field="new_password", email=user.email)
    if new_password == current_password:
        raise ValidationFailed.field("new_password", "Choose a password you have not used here")
    _set_password(session, user=user, password=new_password, ip=ip, action="auth.password_changed")
    return refresh_tokens.issue(session, user=user, ip=ip, user_agent=user_agent)


def request_password_reset(session: Session, *, email: str, ip: str | None) -> None:
    """Mail a reset link if the address has an account; the caller learns nothing either way."""
    address = lookup_form(email)
    ratelimit.hit("password_reset_ip", ip or "unknown")
    ratelimit.hit("password_reset_email", address)
    notify.send_later(session, kind="password_reset", email=address)


def confirm_password_reset(
    session: Session, *, token: str, new_password: str, ip: str | None
) -> User:
    """Set the password from a reset link (single use, one hour); unlocks the account."""
    check_password(new_password, field="new_password")
    spent = email_tokens.consume(session, plain=token, purpose="password_reset")
    user = session.get(User, spent.user_id)
    if user is None or user.deleted_at is not None:
        raise Unauthenticated("This account no longer exists")
    check_password(new_password, field="new_password", email=user.email)
    lockout.store_user_attempts(user, lockout.Attempts())
    if not user.email_verified:  # the link reached the mailbox: the address is proven
        user.email_verified, user.email_verified_at = True, utcnow()
    _set_password(session, user=user, password=new_password, ip=ip, action="auth.password_reset")
    return user


def _set_password(
    session: Session, *, user: User, password: str, ip: str | None, action: str
) -> None:
    user.password_hash = hash_password(password)
    revoked = refresh_tokens.revoke_all(session, user_id=user.id)
    audit.record(session, action=action, user_id=user.id, ip=ip, sessions_revoked=revoked)
    notify.send_later(session, kind="password_changed", user_id=user.id)
