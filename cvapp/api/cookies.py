"""The session cookies: httpOnly access and refresh tokens, and the readable CSRF token.

Cookie-authenticated unsafe requests must echo the ``cvapp_csrf`` cookie in the
``X-CSRF-Token`` header (double submit): another site can make the browser send the
cookies, but cannot read them to write the header.
"""

from __future__ import annotations

import hmac
import secrets

from fastapi import Request, Response

from cvapp.domain.auth.schemas import AuthTokens
from cvapp.errors import Forbidden
from cvapp.settings import get_settings

ACCESS_COOKIE = "cvapp_access"
REFRESH_COOKIE = "cvapp_refresh"
CSRF_COOKIE = "cvapp_csrf"
CSRF_HEADER = "X-CSRF-Token"
# The refresh token is only ever needed by /auth/refresh and /auth/logout.
REFRESH_COOKIE_PATH = "/api/v1/auth"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})


def set_session_cookies(response: Response, tokens: AuthTokens) -> None:
    """Put a signed-in session's tokens (and a new CSRF token) in cookies."""
    settings = get_settings()
    secure = settings.cookie_secure
    refresh_age = settings.refresh_token_days * 24 * 3600
    response.set_cookie(
        ACCESS_COOKIE,
        tokens.access_token,
        max_age=tokens.expires_in,
        path="/",
        httponly=True,
        secure=secure,
        samesite="lax",
    )
    response.set_cookie(
        REFRESH_COOKIE,
        tokens.refresh_token,
        max_age=refresh_age,
        path=REFRESH_COOKIE_PATH,
        httponly=True,
        secure=secure,
        samesite="lax",
    )
    response.set_cookie(
        CSRF_COOKIE,
        secrets.token_urlsafe(32),
        max_age=refresh_age,
        path="/",
        httponly=False,
        secure=secure,
        samesite="lax",
    )


def clear_session_cookies(response: Response) -> None:
    secure = get_settings().cookie_secure
    for name, path in (
        (ACCESS_COOKIE, "/"),
        (REFRESH_COOKIE, REFRESH_COOKIE_PATH),
        (CSRF_COOKIE, "/"),
    ):
        response.delete_cookie(
            name, path=path, secure=secure, samesite="lax", httponly=name != CSRF_COOKIE
        )


def check_csrf(request: Request) -> None:
    """Refuse an unsafe request whose X-CSRF-Token header does not match the CSRF cookie."""
    if request.method in SAFE_METHODS:
        return
    cookie = request.cookies.get(CSRF_COOKIE, "")
    header = request.headers.get(CSRF_HEADER, "")
    if not cookie or not hmac.compare_digest(cookie.encode(), header.encode()):
        raise Forbidden(f"Missing or invalid {CSRF_HEADER} header")
