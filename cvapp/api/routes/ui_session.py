"""The web app's session cookies, reached by page navigation (not for API clients).

A Reflex event handler cannot set httpOnly cookies, so the pages navigate here: ``handoff``
sets the cookies of a sign-in made in the app, ``refresh`` renews an expired access cookie,
``logout`` ends the session. Each one answers with a 303 to a page of the app.
"""

from __future__ import annotations

import hmac
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import RedirectResponse
from sqlmodel import Session

from cvapp import routes
from cvapp.api.cookies import (
    ACCESS_COOKIE,
    CSRF_COOKIE,
    REFRESH_COOKIE,
    clear_session_cookies,
    set_session_cookies,
)
from cvapp.api.deps import SessionDep, client_ip
from cvapp.domain.auth import service as auth_service
from cvapp.domain.auth.schemas import AuthTokens
from cvapp.errors import DomainError, Forbidden, TokenRevoked, Unauthenticated
from cvapp.models import User
from cvapp.state import handoff

router = APIRouter(prefix="/auth/session", tags=["browser session"])

NextPath = Annotated[str, Query(alias="next", description="A path of the web app to go to")]
_SEE_OTHER: dict[int | str, dict[str, Any]] = {
    303: {"description": "Redirect to a page of the web app"}
}


def _redirect(target: str) -> RedirectResponse:
    response = RedirectResponse(target, status_code=303)
    response.headers["Cache-Control"] = "no-store"
    return response


def _valid_claims(session: Session, access_token: str | None) -> dict[str, object] | None:
    if not access_token:
        return None
    try:
        return auth_service.authenticate(session, access_token=access_token)[1]
    except (Unauthenticated, TokenRevoked):
        return None


@router.get("/handoff", status_code=303, response_class=RedirectResponse, responses=_SEE_OTHER)
def handoff_session(
    request: Request, session: SessionDep, next_path: NextPath = routes.DASHBOARD
) -> RedirectResponse:
    """Set the cookies of a sign-in made in the web app (one-time code in a cookie)."""
    target = routes.safe_next(next_path)
    parked = handoff.take(request.cookies.get(handoff.HANDOFF_COOKIE, ""))
    user = session.get(User, parked.user_id) if parked else None
    if parked is None or user is None or user.deleted_at is not None:
        response = _redirect(routes.login(target))
    else:
        response = _redirect(target)
        tokens = AuthTokens(
            user=user,
            access_token=parked.access_token,
            refresh_token=parked.refresh_token,
            expires_in=parked.expires_in,
            session_id=parked.session_id,
        )
        set_session_cookies(response, tokens)
    response.delete_cookie(handoff.HANDOFF_COOKIE, path=handoff.HANDOFF_COOKIE_PATH)
    return response


@router.get("/refresh", status_code=303, response_class=RedirectResponse, responses=_SEE_OTHER)
def refresh_session(
    request: Request, session: SessionDep, next_path: NextPath = routes.DASHBOARD
) -> RedirectResponse:
    """Renew the session with the refresh cookie and go back; the login page if it cannot."""
    target = routes.safe_next(next_path)
    if _valid_claims(session, request.cookies.get(ACCESS_COOKIE)) is not None:
        return _redirect(target)  # already renewed, e.g. by another tab: spend nothing
    refresh_token = request.cookies.get(REFRESH_COOKIE)
    try:
        if not refresh_token:
            raise Unauthenticated("No session to renew")
        tokens = auth_service.refresh(
            session,
            refresh_token=refresh_token,
            ip=client_ip(request),
            user_agent=request.headers.get("user-agent"),
        )
    except DomainError:
        response = _redirect(routes.login(target))
        clear_session_cookies(response)
        return response
    response = _redirect(target)
    set_session_cookies(response, tokens)
    return response


@router.get(
    "/logout",
    status_code=303,
    response_class=RedirectResponse,
    responses={**_SEE_OTHER, 403: {"description": "The csrf parameter does not match"}},
)
def logout_session(
    request: Request,
    session: SessionDep,
    csrf: Annotated[str, Query(description="The value of the cvapp_csrf cookie")] = "",
    next_path: NextPath = routes.HOME,
) -> RedirectResponse:
    """Sign out: revoke the session server-side, clear the cookies, go to ``next`` (home).

    A GET, so the link needs the CSRF cookie's value: another site can make the browser
    navigate here, but cannot read that cookie.
    """
    expected = request.cookies.get(CSRF_COOKIE, "")
    if expected:
        if not hmac.compare_digest(expected.encode(), csrf.encode()):
            raise Forbidden("Missing or invalid csrf parameter")
        auth_service.logout(
            session,
            access_claims=_valid_claims(session, request.cookies.get(ACCESS_COOKIE)),
            refresh_token=request.cookies.get(REFRESH_COOKIE),
            ip=client_ip(request),
        )
    # Without the CSRF cookie there is no session to revoke; clearing leftovers is harmless.
    response = _redirect(routes.safe_next(next_path, default=routes.HOME))
    clear_session_cookies(response)
    return response
