"""Sign-up, sign-in (with the optional 2FA step), token refresh, sign-out, email links."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Request, Response, status
from sqlmodel import Session

from cvapp.api.auth_schemas import (
    AcceptedOut,
    EmailIn,
    LoginIn,
    MfaChallengeOut,
    MfaLoginIn,
    PasswordResetIn,
    RefreshIn,
    RegisterIn,
    SignupConfirmIn,
    TokenIn,
    TokenPairOut,
    UserOut,
    mfa_challenge,
    token_pair,
)
from cvapp.api.cookies import REFRESH_COOKIE, check_csrf, clear_session_cookies, set_session_cookies
from cvapp.api.deps import CurrentClaims, CurrentUser, SessionDep, client_ip
from cvapp.api.routes import account_security, legal
from cvapp.domain.account.consent import consent_required
from cvapp.domain.auth import service as auth
from cvapp.domain.auth.schemas import AuthTokens, MfaChallenge, user_public
from cvapp.errors import Unauthenticated
from cvapp.settings import get_settings

router = APIRouter(tags=["auth"])
router.include_router(legal.router)
router.include_router(account_security.router)

SIGNUP_ACCEPTED = (
    "Check your inbox: we sent a link to this address. Open it to finish creating your account."
)
RESET_ACCEPTED = "If an account exists for this address, we sent it a link to reset the password."
_401: dict[int | str, dict[str, Any]] = {401: {"description": "Not signed in or token revoked"}}


def _signed_in(response: Response, tokens: AuthTokens, session: Session) -> dict[str, Any]:
    set_session_cookies(response, tokens)
    body = token_pair(tokens)
    body["user"]["consent_required"] = consent_required(session, user_id=tokens.user.id)
    return body


def _agent(request: Request) -> str | None:
    return request.headers.get("user-agent")


@router.post(
    "/auth/register",
    status_code=status.HTTP_201_CREATED,
    response_model=TokenPairOut | AcceptedOut,
    responses={
        202: {
            "description": "With sign-up confirmation on (the default in production): the "
            "same answer for every address; the account is created from the mailed link "
            "(`POST /auth/register/confirm`)",
            "model": AcceptedOut,
        },
        409: {"description": "The address already has an account (confirmation off)"},
        429: {"description": "Too many registrations from this address"},
    },
)
def register(body: RegisterIn, request: Request, response: Response, session: SessionDep) -> Any:
    """Create a Free account (with its master profile) and sign it in; mails a verify link.

    When the server confirms sign-ups (``CVAPP_SIGNUP_CONFIRMATION``, on in production) the
    answer is 202 for a new and a registered address alike: a new one is mailed the link that
    creates the account, a registered one's owner is told someone tried.
    """
    ip = client_ip(request)
    if get_settings().confirms_signup:
        auth.request_signup(
            session,
            email=body.email,
            password=body.password,
            full_name=body.full_name,
            accept_privacy_version=body.accept_privacy_version,
            ip=ip,
        )
        response.status_code = status.HTTP_202_ACCEPTED
        return {"status": "accepted", "message": SIGNUP_ACCEPTED}
    tokens = auth.register(
        session,
        email=body.email,
        password=body.password,
        full_name=body.full_name,
        accept_privacy_version=body.accept_privacy_version,
        ip=ip,
        user_agent=_agent(request),
    )
    response.headers["Location"] = "/api/v1/auth/me"
    return _signed_in(response, tokens, session)


@router.post(
    "/auth/register/confirm",
    status_code=status.HTTP_201_CREATED,
    response_model=TokenPairOut,
    responses={422: {"description": "Link invalid or expired, or not the chosen password"}},
)
def confirm_signup(
    body: SignupConfirmIn, request: Request, response: Response, session: SessionDep
) -> Any:
    """Create the account of a confirmed sign-up: the mailed token and the password chosen on
    the form. Signs it in, like registration without confirmation."""
    tokens = auth.confirm_signup(
        session,
        token=body.token,
        password=body.password,
        ip=client_ip(request),
        user_agent=_agent(request),
    )
    response.headers["Location"] = "/api/v1/auth/me"
    return _signed_in(response, tokens, session)


@router.post(
    "/auth/demo",
    status_code=status.HTTP_201_CREATED,
    response_model=TokenPairOut,
    responses={404: {"description": "No demo account here (or CVAPP_DEMO_SIGN_IN is off)"}},
)
def sign_in_demo(request: Request, response: Response, session: SessionDep) -> Any:
    """Sign in to the shared demo account that ``make run`` seeds ("Try the demo")."""
    tokens = auth.sign_in_demo(session, ip=client_ip(request), user_agent=_agent(request))
    return _signed_in(response, tokens, session)


@router.post(
    "/auth/login",
    response_model=TokenPairOut | MfaChallengeOut,
    responses={
        401: {"description": "INVALID_CREDENTIALS"},
        423: {"description": "Locked"},
        429: {"description": "Rate limited"},
    },
)
def login(body: LoginIn, request: Request, response: Response, session: SessionDep) -> Any:
    """Sign in with email and password.

    Accounts with two-factor sign-in answer ``{"mfa_required": true, "mfa_token", ...}``
    (200, no tokens): finish with ``POST /auth/login/totp``, or send ``totp_code`` here.
    """
    result = auth.login(
        session,
        email=body.email,
        password=body.password,
        totp_code=body.totp_code,
        ip=client_ip(request),
        user_agent=_agent(request),
    )
    if isinstance(result, MfaChallenge):
        return mfa_challenge(result)
    return _signed_in(response, result, session)


@router.post("/auth/login/totp", response_model=TokenPairOut, responses=_401)
def login_totp(body: MfaLoginIn, request: Request, response: Response, session: SessionDep) -> Any:
    """Second step of a 2FA sign-in: the ``mfa_token`` and an authenticator or recovery code."""
    tokens = auth.complete_mfa_login(
        session,
        mfa_token=body.mfa_token,
        code=body.code,
        ip=client_ip(request),
        user_agent=_agent(request),
    )
    return _signed_in(response, tokens, session)


@router.post("/auth/refresh", response_model=TokenPairOut, responses=_401)
def refresh(
    request: Request,
    response: Response,
    session: SessionDep,
    body: Annotated[RefreshIn | None, Body()] = None,
) -> Any:
    """A new token pair for the refresh token (body or cookie); the old one is spent.

    Presenting a spent refresh token revokes its whole session: 401 TOKEN_REVOKED.
    """
    token = body.refresh_token if body else None
    if not token:
        token = request.cookies.get(REFRESH_COOKIE)
        if not token:
            raise Unauthenticated("No refresh token")
        check_csrf(request)
    tokens = auth.refresh(
        session, refresh_token=token, ip=client_ip(request), user_agent=_agent(request)
    )
    return _signed_in(response, tokens, session)


@router.post("/auth/logout", status_code=status.HTTP_204_NO_CONTENT, responses=_401)
def logout(
    request: Request,
    claims: CurrentClaims,
    session: SessionDep,
    body: Annotated[RefreshIn | None, Body()] = None,
) -> Response:
    """Revoke this access token (until it expires) and its session's refresh tokens."""
    refresh_token = (body.refresh_token if body else None) or request.cookies.get(REFRESH_COOKIE)
    auth.logout(session, access_claims=claims, refresh_token=refresh_token, ip=client_ip(request))
    response = Response(status_code=status.HTTP_204_NO_CONTENT)
    clear_session_cookies(response)
    return response


@router.post(
    "/auth/unlock",
    status_code=status.HTTP_204_NO_CONTENT,
    responses={422: {"description": "Link invalid, used or expired"}},
)
def unlock_account(body: TokenIn, request: Request, session: SessionDep) -> None:
    """Open the lock mail's link: the account lock ends and the calling client passes it
    (for a day) even if the guessing goes on."""
    auth.unlock_account(session, token=body.token, ip=client_ip(request))


@router.post(
    "/auth/password-reset/request",
    status_code=status.HTTP_202_ACCEPTED,
    response_model=AcceptedOut,
)
def request_password_reset(body: EmailIn, request: Request, session: SessionDep) -> Any:
    """Mail a reset link (valid one hour, once). Same answer whether or not the account exists."""
    auth.request_password_reset(session, email=body.email, ip=client_ip(request))
    return {"status": "accepted", "message": RESET_ACCEPTED}


@router.post("/auth/password-reset/confirm", status_code=status.HTTP_204_NO_CONTENT)
def confirm_password_reset(body: PasswordResetIn, request: Request, session: SessionDep) -> None:
    """Set a new password with the mailed token; every session is signed out."""
    auth.confirm_password_reset(
        session, token=body.token, new_password=body.new_password, ip=client_ip(request)
    )


@router.post("/auth/verify-email", status_code=status.HTTP_204_NO_CONTENT)
def verify_email(body: TokenIn, session: SessionDep) -> None:
    """Confirm the account's address with the token from the verification mail."""
    auth.verify_email(session, token=body.token)


@router.post(
    "/auth/verify-email/resend",
    status_code=status.HTTP_202_ACCEPTED,
    response_model=AcceptedOut,
    responses=_401,
)
def resend_verification(user: CurrentUser, session: SessionDep) -> Any:
    """Mail the verification link again (3 per hour)."""
    auth.resend_verification(session, user=user)
    return {"status": "accepted", "message": "If the address is not verified yet, we sent a link."}


@router.post("/auth/email-change/confirm", status_code=status.HTTP_204_NO_CONTENT)
def confirm_email_change(body: TokenIn, request: Request, session: SessionDep) -> None:
    """Switch the account to its new address with the token mailed there."""
    auth.confirm_email_change(session, token=body.token, ip=client_ip(request))


@router.get("/auth/me", response_model=UserOut, responses=_401)
def me(user: CurrentUser, session: SessionDep) -> Any:
    """The signed-in account; ``consent_required`` when a new privacy policy awaits."""
    return {**user_public(user), "consent_required": consent_required(session, user_id=user.id)}
