"""Who is signed in on this tab: checked from the cookies of the page's websocket connection.

The browser holds the session in httpOnly cookies that only the REST endpoints set. Reflex
sees them in the headers of the websocket handshake, fixed for the connection's lifetime, so
every loader and handler authenticates the access cookie again with the auth domain. When it
has expired (or after a browser restart) the page navigates to the refresh endpoint, which
rotates the refresh cookie and loads the page again. Signing in ends with a handoff (see
``cvapp.state.handoff``); signing out is a navigation to the logout endpoint.
"""

from __future__ import annotations

import asyncio
import functools
import inspect
import time
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, TypeVar

import reflex as rx
from reflex.event import EventSpec
from sqlmodel import Session
from starlette.requests import cookie_parser

from cvapp import routes
from cvapp.api.cookies import ACCESS_COOKIE, CSRF_COOKIE
from cvapp.db import session_scope
from cvapp.domain.auth import service as auth_service
from cvapp.domain.auth.schemas import AuthTokens
from cvapp.errors import TokenRevoked, Unauthenticated
from cvapp.models import User
from cvapp.settings import get_settings
from cvapp.state import handoff

# After a refresh round trip that did not bring a usable cookie back, go to the login page
# instead of trying again (a cookie the browser refuses must not cause a redirect loop).
REFRESH_RETRY_SECONDS = 30


Handler = TypeVar("Handler", bound=Callable[..., Any])


class SessionLost(Exception):
    """Nobody is signed in on this connection: the handler stops here (see ``off_loop``)."""

    def __init__(self, *, navigate: bool) -> None:
        super().__init__("no signed-in user")
        self.navigate = navigate


def _step(events: Iterator[Any]) -> tuple[bool, Any]:
    """The generator's next event, or (True, its return value) once it is done."""
    try:
        return False, next(events)
    except StopIteration as stop:
        return True, stop.value


def off_loop(handler: Handler) -> Handler:
    """A sync event handler made async, its body (each step of a generator) run in a thread.

    Its JWT check and queries then leave the event loop free for every other socket of the
    worker. Reflex holds the state's lock for the whole handler, as before. A ``SessionLost``
    from the body (``_signed_in``) ends the handler with the session-lost navigation.
    """
    if inspect.isgeneratorfunction(handler):

        @functools.wraps(handler)
        async def steps(self: SessionState, *args: Any, **kwargs: Any) -> AsyncIterator[Any]:
            events = handler(self, *args, **kwargs)
            while True:
                try:
                    done, event = await asyncio.to_thread(_step, events)
                except SessionLost as lost:
                    if lost.navigate:
                        yield self._session_lost()
                    return
                if done and event is None:
                    return
                yield event
                if done:
                    return

        return steps

    @functools.wraps(handler)
    async def call(self: SessionState, *args: Any, **kwargs: Any) -> Any:
        try:
            return await asyncio.to_thread(handler, self, *args, **kwargs)
        except SessionLost as lost:
            return self._session_lost() if lost.navigate else None

    return call


@dataclass(frozen=True)
class Caller:
    """Who is asking, as the websocket connection tells: access cookie, address, browser."""

    access_token: str | None
    has_session_cookie: bool
    ip: str | None
    user_agent: str | None


def signed_in_user(db: Session, caller: Caller) -> tuple[User, dict[str, Any]] | None:
    """The caller's user and access-token claims, or None (no, expired or revoked token)."""
    if not caller.access_token:
        return None
    try:
        return auth_service.authenticate(db, access_token=caller.access_token)
    except (Unauthenticated, TokenRevoked):
        return None


def handoff_cookie(code: str) -> str:
    """The ``document.cookie`` assignment that carries a handoff code to its endpoint."""
    secure = "; secure" if get_settings().cookie_secure else ""
    return (
        f"{handoff.HANDOFF_COOKIE}={code}; path={handoff.HANDOFF_COOKIE_PATH}; "
        f"max-age={handoff.HANDOFF_SECONDS}; samesite=strict{secure}"
    )


class SessionState(rx.State):
    """The signed-in user of this tab, as far as the current connection's cookies prove."""

    user_name: str = ""
    user_email: str = ""
    email_verified: bool = False
    _user_id: str = ""
    # The websocket connection (socket id) whose cookies were checked last.
    _checked_connection: str = ""
    # A session cookie exists even though the access cookie did not prove one.
    _session_cookie: bool = False
    _refresh_tried_at: float = 0.0
    # A page load the browser must do itself (see components.document_navigator), for the
    # connection that asked for it only: after the load, the new connection sees none.
    _navigation_connection: str = ""
    _navigation_url: str = ""
    _navigation_cookie: str = ""
    # The connection whose page must sign out (the logout link needs the live CSRF cookie).
    _sign_out_connection: str = ""

    @rx.var(cache=False)
    def session_checked(self) -> bool:
        """The cookies of the current connection have been checked."""
        connection = self.router.session.session_id
        return bool(connection) and self._checked_connection == connection

    @rx.var(cache=False)
    def signed_in(self) -> bool:
        """A valid access cookie came with the current connection."""
        return self.session_checked and bool(self._user_id)

    @rx.var(cache=False)
    def has_session(self) -> bool:
        """Signed in, or holding a session the next protected page will renew."""
        return self.session_checked and (bool(self._user_id) or self._session_cookie)

    @rx.var(cache=False)
    def document_navigation(self) -> str:
        """A URL the browser must load as a new document (an API route), or ""."""
        connection = self.router.session.session_id
        return self._navigation_url if self._navigation_connection == connection else ""

    @rx.var(cache=False)
    def navigation_cookie(self) -> str:
        """A cookie to set just before that load (the handoff code), or ""."""
        return self._navigation_cookie if self.document_navigation else ""

    @rx.var(cache=False)
    def signing_out(self) -> bool:
        """The page must go to the logout endpoint now (after "sign out everywhere")."""
        connection = self.router.session.session_id
        return bool(connection) and self._sign_out_connection == connection

    # The two page-load checks stay sync, the one exception to ``off_loop``: made async, the
    # phone's navigation menu of the page after a quick navigation closed as it opened
    # (tests/e2e/test_journey.py[390]); their query is one indexed read of the session.
    @rx.event
    def check_session(self) -> None:
        """Loader of public pages: learn who is signed in, redirect nowhere."""
        with session_scope() as db:
            self._check(db)

    @rx.event
    def require_login(self) -> EventSpec | None:
        """Loader of protected pages: renew an expired session, or go to the login page."""
        with session_scope() as db:
            user = self._check(db)
        return None if user is not None else self._session_lost()

    def _caller(self) -> Caller:
        cookies = cookie_parser(self.router.headers.cookie)
        return Caller(
            access_token=cookies.get(ACCESS_COOKIE) or None,
            has_session_cookie=bool(cookies.get(CSRF_COOKIE)),
            ip=self.router.session.client_ip or None,
            user_agent=self.router.headers.user_agent or None,
        )

    def _authenticate(self, db: Session) -> tuple[User, dict[str, Any]] | None:
        """Authenticate the connection's cookies (user and claims); remember it for the page."""
        caller = self._caller()
        found = signed_in_user(db, caller)
        self._remember(found[0] if found else None, session_cookie=caller.has_session_cookie)
        return found

    def _check(self, db: Session) -> User | None:
        """The signed-in user, or None (see ``_authenticate``)."""
        found = self._authenticate(db)
        return found[0] if found else None

    @contextmanager
    def _signed_in(self, *, quiet: bool = False) -> Iterator[tuple[Session, User]]:
        """A database session and the signed-in user, for the body of an ``off_loop`` handler.

        Without a signed-in user the handler stops: it renews the session or goes to the login
        page, or, ``quiet``, does nothing (a page loader whose ``require_login`` navigates).
        """
        with session_scope() as db:
            user = self._check(db)
            if user is not None:
                yield db, user
                return
        raise SessionLost(navigate=not quiet)

    def _signed_in_user(self, *, quiet: bool = False) -> User:
        """The signed-in user (its session closed), or ``SessionLost`` as in ``_signed_in``."""
        with self._signed_in(quiet=quiet) as (_, user):
            return user

    def _remember(self, user: User | None, *, session_cookie: bool) -> None:
        connection = self.router.session.session_id
        if self._navigation_connection != connection:  # done, or asked by an older page
            self._navigation_url = self._navigation_cookie = ""
        self._checked_connection = connection
        self._session_cookie = session_cookie
        self._user_id = user.id if user else ""
        self.user_name = user.full_name if user else ""
        self.user_email = user.email if user else ""
        self.email_verified = bool(user and user.email_verified)

    def _load_document(self, url: str, *, cookie: str = "") -> None:
        self._navigation_connection = self.router.session.session_id
        self._navigation_url, self._navigation_cookie = url, cookie

    def _sign_out(self) -> None:
        self._sign_out_connection = self.router.session.session_id

    def _hand_off(self, tokens: AuthTokens, next_path: str) -> None:
        """Give a new sign-in to the browser: park it, and load the handoff endpoint."""
        code = handoff.park(tokens)
        self._load_document(routes.session_handoff(next_path), cookie=handoff_cookie(code))

    def _current_path(self) -> str:
        url = self.router.url
        return f"{url.path}?{url.query}" if url.query else url.path

    def _renew_session(self, next_path: str) -> bool:
        """Start the refresh round trip back to ``next_path`` if a session cookie allows it."""
        now = time.time()
        if not self._session_cookie or now - self._refresh_tried_at < REFRESH_RETRY_SECONDS:
            return False
        self._refresh_tried_at = now
        self._load_document(routes.session_refresh(next_path))
        return True

    def _session_lost(self) -> EventSpec | None:
        """Renew the session, or go to the login page (coming back here afterwards)."""
        here = self._current_path()
        return None if self._renew_session(here) else rx.redirect(routes.login(here))
