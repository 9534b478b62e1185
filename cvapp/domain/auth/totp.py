"""Two-factor sign-in with TOTP (pyotp): setup with a QR code, confirm, recovery codes, disable."""

from __future__ import annotations

import base64
import hmac
import secrets

import pyotp
import qrcode
import qrcode.image.svg
from sqlmodel import Session

from cvapp import cache, ratelimit
from cvapp.domain.audit import service as audit
from cvapp.domain.auth import totp_store
from cvapp.domain.auth.passwords import verify_password
from cvapp.domain.auth.schemas import TotpSetup
from cvapp.errors import Conflict, ValidationFailed
from cvapp.models import User
from cvapp.models.base import utcnow

ISSUER = "cvapp"
RECOVERY_CODE_COUNT = 10
_RECOVERY_ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789"  # 32 symbols, no look-alikes


def begin_setup(session: Session, *, user: User) -> TotpSetup:
    """A fresh secret for the user's authenticator app; 2FA is on only once confirmed."""
    if user.totp_enabled:
        raise Conflict("Two-factor authentication is already on")
    secret = pyotp.random_base32()
    totp_store.store(user, secret=secret)
    uri = pyotp.TOTP(secret).provisioning_uri(name=user.email, issuer_name=ISSUER)
    return TotpSetup(secret=secret, otpauth_uri=uri, qr_code=qr_data_uri(uri))


def confirm_setup(session: Session, *, user: User, code: str, ip: str | None) -> list[str]:
    """Turn 2FA on with a first valid code; returns the recovery codes (shown only now)."""
    if user.totp_enabled:
        raise Conflict("Two-factor authentication is already on")
    secret = totp_store.secret_of(user)
    if secret is None:
        raise ValidationFailed.field("code", "Start the two-factor setup first")
    ratelimit.hit("reauth_user", user.id)
    if not _accept_totp(user.id, secret, code):
        raise ValidationFailed.field("code", "Invalid code")
    user.totp_enabled = True
    codes = _new_recovery_codes(user, secret)
    audit.record(session, action="auth.totp_enabled", user_id=user.id, ip=ip)
    return codes


def disable(session: Session, *, user: User, password: str, code: str, ip: str | None) -> None:
    """Turn 2FA off; needs the password and a current code (or a recovery code)."""
    if not user.totp_enabled:
        raise Conflict("Two-factor authentication is off")
    ratelimit.hit("reauth_user", user.id)
    if not verify_password(password, user.password_hash):
        raise ValidationFailed.field("password", "Incorrect password")
    if verify_second_factor(session, user=user, code=code) is None:
        raise ValidationFailed.field("code", "Invalid code")
    user.totp_enabled = False
    totp_store.store(user, secret=None)
    audit.record(session, action="auth.totp_disabled", user_id=user.id, ip=ip)


def regenerate_recovery_codes(
    session: Session, *, user: User, code: str, ip: str | None
) -> list[str]:
    """Replace every recovery code; needs a current authenticator code."""
    secret = totp_store.secret_of(user)
    if not user.totp_enabled or secret is None:
        raise Conflict("Two-factor authentication is off")
    ratelimit.hit("reauth_user", user.id)
    if not _accept_totp(user.id, secret, code):
        raise ValidationFailed.field("code", "Invalid code")
    codes = _new_recovery_codes(user, secret)
    audit.record(session, action="auth.recovery_codes_regenerated", user_id=user.id, ip=ip)
    return codes


def verify_second_factor(session: Session, *, user: User, code: str) -> str | None:
    """``"totp"`` or ``"recovery_code"`` (now spent) when ``code`` passes, else None."""
    secret = totp_store.secret_of(user)
    if not user.totp_enabled or secret is None or not code:
        return None
    if _accept_totp(user.id, secret, code):
        return "totp"
    wanted = totp_store.hash_recovery_code(code)
    hashes = totp_store.recovery_hashes(user)
    match = next((h for h in hashes if hmac.compare_digest(h, wanted)), None)
    if match is None:
        return None
    totp_store.store(user, secret=secret, hashes=[h for h in hashes if h != match])
    audit.record(
        session, action="auth.recovery_code_used", user_id=user.id, remaining=len(hashes) - 1
    )
    return "recovery_code"


def recovery_codes_left(user: User) -> int:
    return len(totp_store.recovery_hashes(user)) if user.totp_enabled else 0


def qr_data_uri(uri: str) -> str:
    """The otpauth URI as an SVG QR code, in a ``data:`` URI an <img> can show."""
    image = qrcode.make(uri, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    svg = image.to_string()
    return "data:image/svg+xml;base64," + base64.b64encode(svg).decode()


def _accept_totp(user_id: str, secret: str, code: str) -> bool:
    """A code of the previous, current or next 30 s step, never the same step twice."""
    code = "".join(code.split())
    if not (code.isdigit() and len(code) == 6):
        return False
    totp, now = pyotp.TOTP(secret), utcnow()
    step = totp.timecode(now)
    for offset in (-1, 0, 1):
        if hmac.compare_digest(totp.at(now, counter_offset=offset), code):
            return _claim_step(user_id, step + offset)
    return False


def _claim_step(user_id: str, step: int) -> bool:
    """Refuse a replay: a step at or before the last one used by this user."""
    key = f"auth:totp-last-step:{user_id}"
    last = cache.get(key)
    if last is not None and int(last) >= step:
        return False
    cache.set(key, str(step).encode(), ttl_seconds=180)
    return True


def _new_recovery_codes(user: User, secret: str) -> list[str]:
    codes = [
        "".join(secrets.choice(_RECOVERY_ALPHABET) for _ in range(10))
        for _ in range(RECOVERY_CODE_COUNT)
    ]
    hashes = [totp_store.hash_recovery_code(code) for code in codes]
    totp_store.store(user, secret=secret, hashes=hashes)
    return [f"{code[:5]}-{code[5:]}" for code in codes]
