"""Accounts and sign-in: register, log in (with the 2FA step), refresh, log out, authenticate.

The other account services live beside this module and are re-exported here, so callers
(REST routes, Reflex handlers) need one import: ``from cvapp.domain.auth import service``.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from cvapp import invalidation, ratelimit
from cvapp.domain.audit import service as audit
from cvapp.domain.auth import (
    lockout,
    memo,
    notify,
    pending_signups,
    refresh_tokens,
    revocation,
    totp,
)
from cvapp.domain.auth.accounts import claim_address, find_by_email, find_deleted_by_email
from cvapp.domain.auth.addresses import lookup_form, normalize_email
from cvapp.domain.auth.credentials import (
    change_password,
    confirm_password_reset,
    request_password_reset,
)
from cvapp.domain.auth.legal import CONSENT_PRIVACY_POLICY, current_privacy_policy
from cvapp.domain.auth.mailbox import (
    confirm_email_change,
    request_email_change,
    resend_verification,
    verify_email,
)
from cvapp.domain.auth.own_transaction import run_in_own_transaction
from cvapp.domain.auth.password_policy import check_password
from cvapp.domain.auth.passwords import hash_password, needs_rehash, verify_password
from cvapp.domain.auth.schemas import AuthTokens, MfaChallenge
from cvapp.domain.auth.sessions import list_sessions, revoke_all_sessions, revoke_session
from cvapp.domain.auth.tokens import (
    MFA_TOKEN_MINUTES,
    create_mfa_token,
    decode_access_token,
    decode_mfa_token,
)
from cvapp.domain.auth.totp import begin_setup as begin_totp_setup
from cvapp.domain.auth.totp import confirm_setup as confirm_totp_setup
from cvapp.domain.auth.totp import disable as disable_totp
from cvapp.domain.auth.totp import regenerate_recovery_codes
from cvapp.domain.demo.account import DEMO_EMAIL
from cvapp.domain.events import publish
from cvapp.domain.profiles.lookup import get_or_create_profile
from cvapp.errors import (
    AccountDeleted,
    Conflict,
    InvalidCredentials,
    NotFound,
    TokenRevoked,
    Unauthenticated,
    ValidationFailed,
)
from cvapp.models import ConsentRecord, RefreshToken, User
from cvapp.models.base import as_utc, utcnow
from cvapp.observability import metrics
from cvapp.settings import get_settings

__all__ = [
    "authenticate",
    "begin_totp_setup",
    "change_password",
    "complete_mfa_login",
    "confirm_signup",
    "confirm_email_change",
    "confirm_password_reset",
    "confirm_totp_setup",
    "current_privacy_policy",
    "disable_totp",
    "list_audit_events",
    "list_sessions",
    "login",
    "logout",
    "refresh",
    "regenerate_recovery_codes",
    "register",
    "request_email_change",
    "request_password_reset",
    "request_signup",
    "resend_verification",
    "revoke_all_sessions",
    "revoke_session",
    "sign_in_demo",
    "unlock_account",
    "verify_email",
]

list_audit_events = audit.list_events
_BAD_CREDENTIALS = "Incorrect email or password"
_UNKNOWN_IP = "unknown"


def register(
    session: Session,
    *,
    email: str,
    password: str,
    full_name: str,
    accept_privacy_version: str,
    ip: str | None,
    user_agent: str | None = None,
) -> AuthTokens:
    """A Free account with its master profile and consent record, signed in at once; sends
    the verification mail. (With ``CVAPP_SIGNUP_CONFIRMATION`` see ``request_signup``.)"""
    ratelimit.hit("register_ip", ip or _UNKNOWN_IP)
    address, name = _valid_registration(email, password, full_name, accept_privacy_version)
    user = _create_account(
        session,
        address=address,
        name=name,
        password_hash=hash_password(password),
        privacy_version=accept_privacy_version,
        ip=ip,
        verified=False,
    )
    notify.send_later(session, kind="verify_email", user_id=user.id)
    return _sign_in(session, user=user, ip=ip, user_agent=user_agent, method="register")


def request_signup(
    session: Session,
    *,
    email: str,
    password: str,
    full_name: str,
    accept_privacy_version: str,
    ip: str | None,
) -> None:
    """Sign-up that says nothing about the address: the same answer, after the same work,
    whether or not it has an account. A new address gets a link that creates the account
    (``confirm_signup``); a registered one gets a note to its owner instead."""
    ratelimit.hit("register_ip", ip or _UNKNOWN_IP)
    address, name = _valid_registration(email, password, full_name, accept_privacy_version)
    password_hash = hash_password(password)
    if find_by_email(session, email=address) or find_deleted_by_email(session, email=address):
        notify.send_later(session, kind="signup_existing", email=address)
        return
    data = {
        "email": address,
        "full_name": name,
        "password_hash": password_hash,
        "privacy_version": accept_privacy_version,
    }
    notify.send_later(session, kind="confirm_signup", pending=pending_signups.hold(data))


def confirm_signup(
    session: Session,
    *,
    token: str,
    password: str,
    ip: str | None,
    user_agent: str | None = None,
) -> AuthTokens:
    """Create the account of a held sign-up from its mailed link and the password chosen on
    the form; the address counts as verified (the link reached it). Signs the user in."""
    ratelimit.hit("login_ip", ip or _UNKNOWN_IP)
    data = pending_signups.find(token)
    if data is None:
        raise ValidationFailed.field(
            "token", "This link is invalid or has expired: sign up again to get a new one"
        )
    if not verify_password(password, data["password_hash"]):
        raise ValidationFailed.field(
            "password", "This is not the password you chose when you signed up"
        )
    user = _create_account(
        session,
        address=data["email"],
        name=data["full_name"],
        password_hash=data["password_hash"],
        privacy_version=data["privacy_version"],
        ip=ip,
        verified=True,
    )
    pending_signups.spend(token)
    return _sign_in(session, user=user, ip=ip, user_agent=user_agent, method="register")


def _create_account(
    session: Session,
    *,
    address: str,
    name: str,
    password_hash: str,
    privacy_version: str,
    ip: str | None,
    verified: bool,
) -> User:
    claim_address(session, email=address)
    if session.exec(select(User.id).where(User.email == address)).first() is not None:
        raise Conflict("An account with this email already exists")
    user = User(email=address, full_name=name, password_hash=password_hash, plan="free")
    if verified:
        user.email_verified, user.email_verified_at = True, utcnow()
    session.add(user)
    try:
        session.flush()
    except IntegrityError as exc:  # registered by a concurrent request
        raise Conflict("An account with this email already exists") from exc
    get_or_create_profile(session, user_id=user.id)
    session.add(
        ConsentRecord(
            user_id=user.id,
            kind=CONSENT_PRIVACY_POLICY,
            version=privacy_version,
            granted=True,
            ip=(ip or None) and ip[:45],
        )
    )
    audit.record(session, action="auth.registered", user_id=user.id, ip=ip)
    publish(session, "auth.user_registered", user_id=user.id)
    return user


def _valid_registration(
    email: str, password: str, full_name: str, accept_privacy_version: str
) -> tuple[str, str]:
    details: list[dict[str, Any]] = []
    address = ""
    try:
        address = normalize_email(email)
    except ValidationFailed as exc:
        details += exc.details
    name = " ".join(full_name.split())
    if not name or len(name) > 200:
        details.append({"field": "full_name", "message": "Enter your name (up to 200 characters)"})
    try:
        check_password(password, email=address or None)
    except ValidationFailed as exc:
        details += exc.details
    version = current_privacy_policy().version
    if accept_privacy_version != version:
        message = f"Accept the current privacy policy (version {version})"
        details.append({"field": "accept_privacy_version", "message": message})
    if details:
        raise ValidationFailed("Invalid input data", details=details)
    return address, name


def login(
    session: Session,
    *,
    email: str,
    password: str,
    ip: str | None,
    user_agent: str | None = None,
    totp_code: str | None = None,
) -> AuthTokens | MfaChallenge:
    """Sign in. Accounts with 2FA get an MfaChallenge, unless ``totp_code`` is given at once.

    Unknown address and wrong password answer alike, after the same password-hash work.
    """
    address = lookup_form(email)
    ratelimit.hit("login_ip", ip or _UNKNOWN_IP)
    ratelimit.hit("login_email", address)
    # This client's failures at this address lock it alike for every address (see lockout).
    lockout.raise_if_locked(lockout.client_attempts(address, ip).locked_until)
    user = find_by_email(session, email=address)
    if user is None:
        deleted = find_deleted_by_email(session, email=address)
        if verify_password(password, deleted.password_hash if deleted else None) and deleted:
            raise _deleted(deleted)
        metrics.LOGIN_FAILURES.labels("unknown_account").inc()
        lockout.count_client_failure(address, ip)
        raise InvalidCredentials(_BAD_CREDENTIALS)
    if not _known_device(session, user_id=user.id, ip=ip):
        lockout.raise_if_locked(user.locked_until)  # a distributed guess; the owner passes
    if not verify_password(password, user.password_hash):
        lockout.count_client_failure(address, ip)
        _record_failure(user.id, ip=ip, reason="password")
        raise InvalidCredentials(_BAD_CREDENTIALS)
    lockout.clear_client(address, ip)
    if user.totp_enabled:
        if totp_code is None:
            token = create_mfa_token(user_id=user.id)
            return MfaChallenge(mfa_token=token, expires_in=MFA_TOKEN_MINUTES * 60)
        _require_second_factor(session, user=user, code=totp_code, ip=ip)
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    return _sign_in(session, user=user, ip=ip, user_agent=user_agent, method="password")


def _known_device(session: Session, *, user_id: str, ip: str | None) -> bool:
    """Whether ``ip`` signed in to this account in the last 30 days (a session began there),
    or opened the lock mail's unlock link."""
    if not ip:
        return False
    if lockout.has_pass(user_id, ip):
        return True
    since = utcnow() - timedelta(days=lockout.KNOWN_DEVICE_DAYS)
    statement = select(RefreshToken.id).where(
        RefreshToken.user_id == user_id,
        RefreshToken.ip == ip[:45],
        col(RefreshToken.created_at) >= since,
    )
    return session.exec(statement.limit(1)).first() is not None


def unlock_account(session: Session, *, token: str, ip: str | None) -> User:
    """Open the lock mail's link: the account lock ends, and this client passes it from now
    on (see ``lockout``). The link works once."""
    ratelimit.hit("login_ip", ip or _UNKNOWN_IP)
    user_id = lockout.spend_unlock_token(token)
    user = session.get(User, user_id) if user_id else None
    if user is None or user.deleted_at is not None:
        raise ValidationFailed.field("token", "This link is invalid or has expired")
    lockout.store_user_attempts(user, lockout.Attempts())
    lockout.grant_pass(user.id, ip)
    audit.record(session, action="auth.unlocked", user_id=user.id, ip=ip)
    return user


def demo_user(session: Session) -> User | None:
    """The seeded demo account, when this server offers it (``CVAPP_DEMO_SIGN_IN``)."""
    if not get_settings().offers_demo:
        return None
    return find_by_email(session, email=DEMO_EMAIL)


def sign_in_demo(session: Session, *, ip: str | None, user_agent: str | None = None) -> AuthTokens:
    """A session of the demo account for any visitor ("Try the demo"), no password needed:
    it is a shared showcase, which the operator turns off with ``CVAPP_DEMO_SIGN_IN``."""
    ratelimit.hit("login_ip", ip or _UNKNOWN_IP)
    user = demo_user(session)
    if user is None:
        raise NotFound("There is no demo account on this server")
    return _sign_in(session, user=user, ip=ip, user_agent=user_agent, method="demo")


def _deleted(user: User) -> AccountDeleted:
    """Only the right password learns that the account was deleted, and until when."""
    message = "This account was deleted, so it can no longer sign in."
    if user.purge_after is not None:
        message += f" Contact support before {user.purge_after:%Y-%m-%d} to restore it."
    return AccountDeleted(message)


def complete_mfa_login(
    session: Session, *, mfa_token: str, code: str, ip: str | None, user_agent: str | None = None
) -> AuthTokens:
    """Second step of a 2FA sign-in: the MfaChallenge's token and a TOTP or recovery code."""
    claims = decode_mfa_token(mfa_token)
    user = session.get(User, claims["sub"])
    if user is None or user.deleted_at is not None or not user.totp_enabled:
        raise Unauthenticated("Sign in again")
    lockout.raise_if_locked(user.locked_until)
    ratelimit.hit("reauth_user", user.id)
    _require_second_factor(session, user=user, code=code, ip=ip)
    return _sign_in(session, user=user, ip=ip, user_agent=user_agent, method="totp")


def _require_second_factor(session: Session, *, user: User, code: str, ip: str | None) -> None:
    if totp.verify_second_factor(session, user=user, code=code) is None:
        lockout.count_client_failure(lookup_form(user.email), ip)
        _record_failure(user.id, ip=ip, reason="second_factor")
        raise InvalidCredentials("Invalid two-factor code")


def _record_failure(user_id: str, *, ip: str | None, reason: str) -> None:
    """Count a failed sign-in (and maybe lock), in its own transaction: the caller raises."""
    metrics.LOGIN_FAILURES.labels(reason).inc()

    def work(own: Session) -> None:
        user = own.get(User, user_id, with_for_update=True)
        if user is None:
            return
        attempts = lockout.user_attempts(user)
        locked = attempts.count_failure(utcnow(), limit=lockout.ACCOUNT_MAX_FAILURES)
        lockout.store_user_attempts(user, attempts)
        audit.record(own, action="auth.login_failed", user_id=user_id, ip=ip, reason=reason)
        if locked:
            minutes = int(lockout.LOCK_DURATION.total_seconds() // 60)
            audit.record(own, action="auth.locked", user_id=user_id, ip=ip, minutes=minutes)
            notify.send_later(own, kind="account_locked", user_id=user_id)

    run_in_own_transaction(work)


def _sign_in(
    session: Session, *, user: User, ip: str | None, user_agent: str | None, method: str
) -> AuthTokens:
    now = utcnow()
    lockout.store_user_attempts(user, lockout.Attempts())
    user.last_login_at = user.last_active_at = now
    tokens = refresh_tokens.issue(session, user=user, ip=ip, user_agent=user_agent)
    audit.record(
        session,
        action="auth.login",
        user_id=user.id,
        ip=ip,
        method=method,
        session_id=tokens.session_id,
    )
    return tokens


def refresh(
    session: Session, *, refresh_token: str, ip: str | None, user_agent: str | None = None
) -> AuthTokens:
    """Rotate: spend ``refresh_token`` for a new pair in the same session.

    A spent token presented again means it was copied: the whole session is revoked. Within
    ``refresh_reuse_grace_seconds`` of its spending it is a second tab that refreshed at the
    same moment as the first (they share the cookies): it gets a new pair of the same live
    session instead.
    """
    token = refresh_tokens.find(session, plain=refresh_token)
    if token is None or token.expires_at <= utcnow():
        raise Unauthenticated("Invalid or expired refresh token")
    if token.revoked_at is not None:
        raise TokenRevoked("This session was signed out; sign in again")
    if token.used_at is not None:
        if not _racing_tab(session, token):
            _reuse_detected(token.user_id, token.family_id, ip=ip)
            raise TokenRevoked("This refresh token was already used; the session is revoked")
    elif not refresh_tokens.spend(session, token=token):  # a concurrent request spent it first
        session.refresh(token)
        if not _racing_tab(session, token):
            raise TokenRevoked("This refresh token was already used")
    user = session.get(User, token.user_id)
    if user is None or user.deleted_at is not None:
        raise Unauthenticated("Invalid or expired refresh token")
    user.last_active_at = utcnow()
    return refresh_tokens.issue(
        session, user=user, ip=ip, user_agent=user_agent, family_id=token.family_id
    )


def _racing_tab(session: Session, token: RefreshToken) -> bool:
    """True when ``token`` was spent a moment ago and its session is still live."""
    grace = timedelta(seconds=get_settings().refresh_reuse_grace_seconds)
    used_at = as_utc(token.used_at)
    if used_at is None or utcnow() - used_at > grace:
        return False
    return refresh_tokens.is_active(session, family_id=token.family_id)


def _reuse_detected(user_id: str, family_id: str, *, ip: str | None) -> None:
    def work(own: Session) -> None:
        refresh_tokens.revoke_family(own, family_id=family_id)
        audit.record(
            own, action="auth.token_reuse_detected", user_id=user_id, ip=ip, session_id=family_id
        )

    run_in_own_transaction(work)


def logout(
    session: Session,
    *,
    access_claims: dict[str, Any] | None,
    refresh_token: str | None = None,
    ip: str | None = None,
) -> None:
    """Blacklist the access token until it expires and revoke its session (refresh family)."""
    user_id = str(access_claims["sub"]) if access_claims else None
    families: set[str] = set()
    if access_claims:
        revocation.revoke_access_token(session, claims=access_claims)
        if access_claims.get("sid"):
            families.add(str(access_claims["sid"]))
    if refresh_token:
        token = refresh_tokens.find(session, plain=refresh_token)
        if token is not None and (user_id is None or token.user_id == user_id):
            families.add(token.family_id)
            user_id = token.user_id
    for family_id in families:
        refresh_tokens.revoke_family(session, family_id=family_id)
    if user_id:
        audit.record(session, action="auth.logout", user_id=user_id, ip=ip)


def authenticate(session: Session, *, access_token: str) -> tuple[User, dict[str, Any]]:
    """The user behind an access token, and its claims; revoked or stale tokens are refused.

    A token that passes is remembered (``memo``) for the web layer's fast read path.
    """
    since = invalidation.generation()  # before the checks: a revocation after it wins
    claims = decode_access_token(access_token)
    if revocation.is_revoked(session, jti=str(claims["jti"])):
        raise TokenRevoked("This access token was revoked")
    user = session.get(User, claims["sub"])
    if user is None or user.deleted_at is not None:
        raise Unauthenticated("Authentication required")
    sid = claims.get("sid")
    if sid:
        session_ends = refresh_tokens.active_until(session, family_id=str(sid))
        if session_ends is None:
            raise TokenRevoked("This session was signed out; sign in again")
        memo.remember(claims, session_ends=session_ends, since=since)
    return user, claims
