"""The account's address: verifying it, and changing it (confirmed from the new mailbox)."""

from __future__ import annotations

from sqlmodel import Session, select

from cvapp import ratelimit
from cvapp.domain.audit import service as audit
from cvapp.domain.auth import email_tokens, notify
from cvapp.domain.auth.addresses import normalize_email
from cvapp.domain.auth.passwords import verify_password
from cvapp.errors import Conflict, Unauthenticated, ValidationFailed
from cvapp.models import User
from cvapp.models.base import utcnow


def verify_email(session: Session, *, token: str) -> User:
    """Mark the address verified with the token from the verification mail."""
    spent = email_tokens.consume(session, plain=token, purpose="verify_email")
    user = _live_user(session, spent.user_id)
    if not user.email_verified:
        user.email_verified, user.email_verified_at = True, utcnow()
        audit.record(session, action="auth.email_verified", user_id=user.id)
    return user


def resend_verification(session: Session, *, user: User) -> None:
    """Send the verification mail again (nothing to do once verified)."""
    if user.email_verified:
        return
    ratelimit.hit("verification_user", user.id)
    notify.send_later(session, kind="verify_email", user_id=user.id)


def request_email_change(
    session: Session, *, user: User, new_email: str, password: str, ip: str | None
) -> None:
    """Mail a confirmation link to ``new_email``; the address changes once it is opened.

    An address that already has an account gets no mail, and the caller is not told.
    """
    ratelimit.hit("email_change_user", user.id)
    if not verify_password(password, user.password_hash):
        raise ValidationFailed.field("password", "Incorrect password")
    address = normalize_email(new_email, field="new_email")
    if address == user.email:
        raise ValidationFailed.field("new_email", "This is already your address")
    audit.record(session, action="auth.email_change_requested", user_id=user.id, ip=ip)
    if _taken(session, address):
        return
    notify.send_later(session, kind="email_change", user_id=user.id, address=address)


def confirm_email_change(session: Session, *, token: str, ip: str | None = None) -> User:
    """Switch to the new address with the token mailed to it; the old address is told."""
    spent = email_tokens.consume(session, plain=token, purpose="email_change")
    user = _live_user(session, spent.user_id)
    address = spent.new_email
    if not address:
        raise ValidationFailed.field("token", "This link is invalid or has expired")
    if _taken(session, address):
        raise Conflict("This email address is already in use")
    old_address = user.email
    user.email, user.email_verified, user.email_verified_at = address, True, utcnow()
    session.flush()
    audit.record(
        session,
        action="auth.email_changed",
        user_id=user.id,
        ip=ip,
        old_email=old_address,
        new_email=address,
    )
    notify.send_later(session, kind="email_changed", user_id=user.id, address=old_address)
    return user


def _taken(session: Session, address: str) -> bool:
    return session.exec(select(User.id).where(User.email == address)).first() is not None


def _live_user(session: Session, user_id: str) -> User:
    user = session.get(User, user_id)
    if user is None or user.deleted_at is not None:
        raise Unauthenticated("This account no longer exists")
    return user
