"""The signed-in user's security settings: password, address, 2FA, sessions, audit log."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from fastapi import APIRouter, Request, Response, status

from cvapp.api.auth_schemas import (
    AcceptedOut,
    AuditEventOut,
    CodeIn,
    EmailChangeIn,
    PasswordChangeIn,
    RecoveryCodesOut,
    SessionOut,
    TokenPairOut,
    TotpDisableIn,
    TotpSetupOut,
    TotpStatusOut,
    token_pair,
)
from cvapp.api.cookies import clear_session_cookies, set_session_cookies
from cvapp.api.deps import CurrentClaims, CurrentUser, SessionDep, client_ip
from cvapp.api.pagination import Page, PageDep
from cvapp.domain.auth import service as auth
from cvapp.domain.auth.totp import recovery_codes_left

router = APIRouter(
    prefix="/account",
    tags=["account security"],
    responses={401: {"description": "Not signed in, or the token was revoked"}},
)


@router.post("/password", response_model=TokenPairOut)
def change_password(
    body: PasswordChangeIn,
    user: CurrentUser,
    request: Request,
    response: Response,
    session: SessionDep,
) -> Any:
    """Change the password: every session is signed out, this device gets a fresh one."""
    tokens = auth.change_password(
        session,
        user=user,
        current_password=body.current_password,
        new_password=body.new_password,
        ip=client_ip(request),
        user_agent=request.headers.get("user-agent"),
    )
    set_session_cookies(response, tokens)
    return token_pair(tokens)


@router.post("/email-change", status_code=status.HTTP_202_ACCEPTED, response_model=AcceptedOut)
def request_email_change(
    body: EmailChangeIn, user: CurrentUser, request: Request, session: SessionDep
) -> Any:
    """Mail a confirmation link to the new address; it takes effect once opened."""
    auth.request_email_change(
        session,
        user=user,
        new_email=body.new_email,
        password=body.password,
        ip=client_ip(request),
    )
    return {"status": "accepted", "message": "Open the link we sent to the new address."}


@router.get("/2fa", response_model=TotpStatusOut)
def totp_status(user: CurrentUser) -> Any:
    """Whether two-factor sign-in is on, and how many recovery codes are left."""
    return {"enabled": user.totp_enabled, "recovery_codes_left": recovery_codes_left(user)}


@router.post("/2fa/setup", response_model=TotpSetupOut)
def begin_totp_setup(user: CurrentUser, session: SessionDep) -> Any:
    """A new TOTP secret, its otpauth URI and QR code; confirm it with a code to turn 2FA on."""
    return asdict(auth.begin_totp_setup(session, user=user))


@router.post("/2fa/confirm", response_model=RecoveryCodesOut)
def confirm_totp_setup(
    body: CodeIn, user: CurrentUser, request: Request, session: SessionDep
) -> Any:
    """Turn 2FA on with a first code; returns 10 one-time recovery codes (shown once)."""
    codes = auth.confirm_totp_setup(session, user=user, code=body.code, ip=client_ip(request))
    return {"recovery_codes": codes}


@router.post("/2fa/recovery-codes", response_model=RecoveryCodesOut)
def regenerate_recovery_codes(
    body: CodeIn, user: CurrentUser, request: Request, session: SessionDep
) -> Any:
    """Replace every recovery code (needs a current authenticator code)."""
    codes = auth.regenerate_recovery_codes(
        session, user=user, code=body.code, ip=client_ip(request)
    )
    return {"recovery_codes": codes}


@router.post("/2fa/disable", status_code=status.HTTP_204_NO_CONTENT)
def disable_totp(
    body: TotpDisableIn, user: CurrentUser, request: Request, session: SessionDep
) -> None:
    """Turn 2FA off: needs the password and an authenticator (or recovery) code."""
    auth.disable_totp(
        session, user=user, password=body.password, code=body.code, ip=client_ip(request)
    )


@router.get("/sessions", response_model=Page[SessionOut])
def list_sessions(
    user: CurrentUser, claims: CurrentClaims, params: PageDep, session: SessionDep
) -> Any:
    """The signed-in devices, most recently used first; ``current`` marks this one."""
    sessions = auth.list_sessions(session, user_id=user.id, current_session_id=claims.get("sid"))
    page = sessions[params.offset : params.offset + params.size]
    return params.page_of([asdict(info) for info in page], len(sessions))


@router.post("/sessions/revoke-all", status_code=status.HTTP_204_NO_CONTENT)
def revoke_all_sessions(user: CurrentUser, request: Request, session: SessionDep) -> Response:
    """Sign out everywhere, this device included."""
    auth.revoke_all_sessions(session, user_id=user.id, ip=client_ip(request))
    response = Response(status_code=status.HTTP_204_NO_CONTENT)
    clear_session_cookies(response)
    return response


@router.delete("/sessions/{session_id}", status_code=status.HTTP_204_NO_CONTENT)
def revoke_session(
    session_id: str, user: CurrentUser, request: Request, session: SessionDep
) -> None:
    """Sign one device out."""
    auth.revoke_session(session, user_id=user.id, session_id=session_id, ip=client_ip(request))


@router.get("/audit-events", response_model=Page[AuditEventOut])
def list_audit_events(user: CurrentUser, params: PageDep, session: SessionDep) -> Any:
    """Security events of the account (sign-ins, lockouts, credential changes…), newest first."""
    events, total = auth.list_audit_events(
        session, user_id=user.id, offset=params.offset, limit=params.size
    )
    return params.page_of([event.model_dump() for event in events], total)
