"""FastAPI dependencies: the session and the authenticated caller."""

from __future__ import annotations

from typing import Annotated, Any, Protocol, TypeVar

from fastapi import Depends, Request, Response
from sqlmodel import Session

from cvapp.api.cookies import ACCESS_COOKIE, check_csrf
from cvapp.api.http import bearer_token
from cvapp.db import get_session
from cvapp.domain.apikeys import service as api_keys
from cvapp.domain.auth import service as auth_service
from cvapp.domain.history.actor import act_as
from cvapp.errors import Forbidden, PreconditionFailed, Unauthenticated
from cvapp.models import User


class HasVersion(Protocol):
    @property
    def version(self) -> int: ...


# scope="function": the request's transaction commits before the response is sent, so a
# client never sees a success whose data is not yet (or never) committed.
SessionDep = Annotated[Session, Depends(get_session, scope="function")]

__all__ = [
    "ACCESS_COOKIE",
    "CurrentClaims",
    "CurrentUser",
    "SessionDep",
    "client_ip",
    "if_match_version",
]


def _bearer(request: Request) -> str | None:
    return bearer_token(request.headers.get("authorization", ""))


def bearer_or_cookie(request: Request) -> str | None:
    return _bearer(request) or request.cookies.get(ACCESS_COOKIE)


def client_ip(request: Request) -> str | None:
    return request.client.host if request.client else None


# API keys reach the data, not the account's credentials: these paths need a signed-in user.
_NOT_FOR_API_KEYS = ("/api/v1/auth/", "/api/v1/account", "/api/v1/api-keys")
_API_KEY_ALLOWED = frozenset({"/api/v1/auth/me"})


def _api_key_user(request: Request, session: Session, key: str) -> User:
    """An Expert API key (``Bearer cvk_…``) within its scopes; never from a cookie."""
    path = request.url.path
    if path.startswith(_NOT_FOR_API_KEYS) and path not in _API_KEY_ALLOWED:
        raise Forbidden("API keys cannot manage the account; sign in to do this")
    user, key_row = api_keys.authenticate(session, key=key, method=request.method)
    request.state.user_id = user.id
    request.state.api_key_id = key_row.id
    act_as(session, "api_key", key_row.id)
    request.state.access_claims = {"sub": user.id, "plan": user.plan, "api_key": key_row.id}
    return user


def get_current_user(request: Request, session: SessionDep) -> User:
    """The user behind the bearer token, API key or access cookie; 401 otherwise.

    Revoked tokens and signed-out sessions answer 401 TOKEN_REVOKED; a cookie-authenticated
    unsafe request also needs the CSRF header (403 otherwise).
    """
    bearer = _bearer(request)
    if bearer is not None and api_keys.is_api_key(bearer):
        return _api_key_user(request, session, bearer)
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


VERSIONED: dict[int | str, dict[str, Any]] = {
    409: {"description": "CONFLICT: changed since the `version` sent"},
    412: {"description": "PRECONDITION_FAILED: changed since the `If-Match` ETag"},
}
"""The answers of a route that honours optimistic locking (``version`` / ``If-Match``)."""

Versioned = TypeVar("Versioned", bound=HasVersion)


def tagged(view: Versioned, response: Response) -> Versioned:
    """``view`` with its ``version`` as the answer's ETag (what ``If-Match`` names)."""
    response.headers["ETag"] = f'"{view.version}"'
    return view


def if_match_version(request: Request, *, read_from: str) -> int | None:
    """The version named by ``If-Match`` (the ETag of ``read_from``), None when absent or
    ``*``."""
    raw = request.headers.get("if-match", "*").strip()
    if raw == "*":
        return None
    tag = raw.removeprefix("W/").strip('"')
    if not tag.isdigit():
        raise PreconditionFailed(f'If-Match takes the ETag of {read_from}, e.g. "3"')
    return int(tag)
