"""FastAPI dependencies: the session and the authenticated caller."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request
from sqlmodel import Session

from cvapp.db import get_session
from cvapp.domain.auth.tokens import decode_access_token
from cvapp.errors import Unauthenticated
from cvapp.models import User

SessionDep = Annotated[Session, Depends(get_session)]

ACCESS_COOKIE = "cvapp_access"


def bearer_or_cookie(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() == "bearer" and token:
        return token.strip()
    return request.cookies.get(ACCESS_COOKIE)


def get_current_user(request: Request, session: SessionDep) -> User:
    """The user behind the bearer token or access cookie; 401 otherwise."""
    token = bearer_or_cookie(request)
    if not token:
        raise Unauthenticated("Authentication required")
    claims = decode_access_token(token)
    user = session.get(User, claims["sub"])
    if user is None or user.deleted_at is not None:
        raise Unauthenticated("Authentication required")
    request.state.user_id = user.id
    return user


CurrentUser = Annotated[User, Depends(get_current_user)]
