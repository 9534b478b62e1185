"""The account emails. Each one that carries a link mints its token as it is composed, inside
the sending job, so the token exists in clear only in the mail itself."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlencode

from sqlmodel import Session

from cvapp.domain.auth import email_tokens, lockout, pending_signups
from cvapp.domain.auth.lockout import LOCK_DURATION
from cvapp.domain.mail.message import Message
from cvapp.models import User
from cvapp.settings import get_settings

# Pages of the UI that the links open (they call the matching auth service with the token).
VERIFY_EMAIL_PATH = "/verify-email"
RESET_PASSWORD_PATH = "/reset-password"
CONFIRM_EMAIL_PATH = "/confirm-email"
FORGOT_PASSWORD_PATH = "/forgot-password"
CONFIRM_SIGNUP_PATH = "/confirm-signup"
UNLOCK_ACCOUNT_PATH = "/unlock-account"
LOGIN_PATH = "/login"

SIGNATURE = "\n\n— cvapp"


def link(path: str, **params: str) -> str:
    base = get_settings().public_url.rstrip("/")
    return f"{base}{path}?{urlencode(params)}" if params else f"{base}{path}"


def _greeting(user: User) -> str:
    return f"Hello {user.full_name}," if user.full_name else "Hello,"


def verify_email(session: Session, user: User, new_email: str | None) -> Message:
    token = email_tokens.mint(session, user_id=user.id, purpose="verify_email")
    url = link(VERIFY_EMAIL_PATH, token=token)
    text = (
        f"{_greeting(user)}\n\nplease confirm your email address by opening this link "
        f"(valid for 48 hours):\n\n{url}\n\nIf you did not create a cvapp account, ignore "
        f"this message.{SIGNATURE}"
    )
    return Message(to=user.email, subject="Confirm your email address", text=text, secrets=(token,))


def password_reset(session: Session, user: User, new_email: str | None) -> Message:
    token = email_tokens.mint(session, user_id=user.id, purpose="password_reset")
    url = link(RESET_PASSWORD_PATH, token=token)
    text = (
        f"{_greeting(user)}\n\nsomeone asked to reset the password of your cvapp account. "
        f"Choose a new password here (the link works once, for one hour):\n\n{url}\n\n"
        f"If it was not you, ignore this message: your password stays as it is.{SIGNATURE}"
    )
    return Message(to=user.email, subject="Reset your password", text=text, secrets=(token,))


def email_change(session: Session, user: User, new_email: str | None) -> Message:
    assert new_email, "an email change needs the new address"
    token = email_tokens.mint(session, user_id=user.id, purpose="email_change", new_email=new_email)
    url = link(CONFIRM_EMAIL_PATH, token=token)
    text = (
        f"{_greeting(user)}\n\nto make {new_email} the address of your cvapp account, open "
        f"this link (valid for 24 hours):\n\n{url}\n\nIf you did not ask for this, ignore "
        f"this message.{SIGNATURE}"
    )
    return Message(
        to=new_email, subject="Confirm your new email address", text=text, secrets=(token,)
    )


def account_locked(session: Session, user: User, new_email: str | None) -> Message:
    minutes = int(LOCK_DURATION.total_seconds() // 60)
    token = lockout.mint_unlock_token(user.id)
    text = (
        f"{_greeting(user)}\n\nafter many failed sign-in attempts, your cvapp account is "
        f"locked for {minutes} minutes on devices it has not been used on. To sign in now, "
        f"open this link on the device you want to use (it works once, for one hour):\n\n"
        f"{link(UNLOCK_ACCOUNT_PATH, token=token)}\n\nIf these attempts were not yours, "
        f"consider resetting your password:\n\n{link(FORGOT_PASSWORD_PATH)}{SIGNATURE}"
    )
    return Message(to=user.email, subject="Your account was locked", text=text, secrets=(token,))


def email_changed(session: Session, user: User, new_email: str | None) -> Message:
    """Sent to the *old* address (passed as ``new_email`` here: the address to notify)."""
    assert new_email
    text = (
        f"{_greeting(user)}\n\nthe email address of your cvapp account was changed to "
        f"{user.email}. If you did not do this, reset your password and contact us.{SIGNATURE}"
    )
    return Message(to=new_email, subject="Your email address was changed", text=text)


def password_changed(session: Session, user: User, new_email: str | None) -> Message:
    text = (
        f"{_greeting(user)}\n\nthe password of your cvapp account was changed and every "
        f"session was signed out. If you did not do this, reset your password now:\n\n"
        f"{link(FORGOT_PASSWORD_PATH)}{SIGNATURE}"
    )
    return Message(to=user.email, subject="Your password was changed", text=text)


def signup_existing(session: Session, user: User, new_email: str | None) -> Message:
    """Someone signed up with an address that has an account: its owner is told, the form
    answered as for any sign-up (so it tells nobody whether the address is registered)."""
    text = (
        f"{_greeting(user)}\n\nsomeone — perhaps you — tried to create a cvapp account with "
        f"this address. You already have one: sign in here\n\n{link(LOGIN_PATH)}\n\nor, if "
        f"you forgot your password, choose a new one:\n\n{link(FORGOT_PASSWORD_PATH)}\n\n"
        f"If it was not you, ignore this message: nothing was changed.{SIGNATURE}"
    )
    return Message(to=user.email, subject="You already have a cvapp account", text=text)


def confirm_signup(pending_id: str) -> Message | None:
    """The link that creates a held sign-up's account (None once the sign-up is gone)."""
    minted = pending_signups.mint_link_token(pending_id)
    if minted is None:
        return None
    token, data = minted
    url = link(CONFIRM_SIGNUP_PATH, token=token)
    greeting = f"Hello {data['full_name']}," if data.get("full_name") else "Hello,"
    text = (
        f"{greeting}\n\nto create your cvapp account, open this link and enter the password "
        f"you chose (valid for {pending_signups.LINK_HOURS} hours):\n\n{url}\n\nIf you did "
        f"not sign up, ignore this message: no account is created.{SIGNATURE}"
    )
    return Message(
        to=data["email"], subject="Confirm your cvapp account", text=text, secrets=(token,)
    )


Composer = Callable[[Session, User, str | None], Message]
COMPOSERS: dict[str, Composer] = {
    "verify_email": verify_email,
    "password_reset": password_reset,
    "email_change": email_change,
    "account_locked": account_locked,
    "email_changed": email_changed,
    "password_changed": password_changed,
    "signup_existing": signup_existing,
}
