"""FastAPI dependencies: the session and the authenticated caller."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Depends, Request
from sqlmodel import Session

from cvapp.api.cookies import ACCESS_COOKIE, check_csrf
from cvapp.db import get_session
from cvapp.domain.auth import service as auth_service
from cvapp.errors import Unauthenticated
from cvapp.models import User

SessionDep = Annotated[Session, Depends(get_session)]

__all__ = ["ACCESS_COOKIE", "CurrentClaims", "CurrentUser", "SessionDep", "client_ip"]


def _bearer(request: Request) -> str | None:
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer":
        return None
    return token.strip() or None


def bearer_or_cookie(request: Request) -> str | None:
    return _bearer(request) or request.cookies.get(ACCESS_COOKIE)


def client_ip(request: Request) -> str | None:
    return request.client.host if request.client else None


def get_current_user(request: Request, session: SessionDep) -> User:
    """The user behind the bearer token or access cookie; 401 otherwise.

    Revoked tokens and signed-out sessions answer 401 TOKEN_REVOKED; a cookie-authenticated
    unsafe request also needs the CSRF header (403 otherwise).
    """
    bearer = _bearer(request)
    token = bearer or request.cookies.get(ACCESS_COOKIE)
    if not token:
        raise Unauthenticated("Authentication required")
    user, claims = auth_service.authenticate(session, access_token=token)
    if bearer is None:
        check_csrf(request)
    request.state.user_id = user.id
    request.state.access_claims = claims
    return user


CurrentUser = Annotated[User, Depends(get_current_user)]


def get_current_claims(request: Request, user: CurrentUser) -> dict[str, Any]:
    """The verified access token's claims (``sid`` names the caller's session)."""
    claims: dict[str, Any] = request.state.access_claims
    return claims


CurrentClaims = Annotated[dict[str, Any], Depends(get_current_claims)]
