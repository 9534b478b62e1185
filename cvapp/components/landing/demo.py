""" "Try the demo": one click into the seeded demo account, where the server offers one."""

from __future__ import annotations

import asyncio

import reflex as rx

from cvapp import routes
from cvapp.db import session_scope
from cvapp.domain.auth import service as auth_service
from cvapp.domain.auth.schemas import AuthTokens
from cvapp.errors import DomainError
from cvapp.state.session import Caller, SessionState


def _available() -> bool:
    with session_scope() as db:
        return auth_service.demo_user(db) is not None


def _sign_in(caller: Caller) -> AuthTokens:
    with session_scope() as db:
        return auth_service.sign_in_demo(db, ip=caller.ip, user_agent=caller.user_agent)


class DemoState(SessionState):
    demo_available: bool = False
    demo_starting: bool = False
    demo_error: str = ""

    @rx.event
    async def offer(self) -> None:
        """Landing loader: whether this server has a demo account to offer."""
        self.demo_available = await asyncio.to_thread(_available)

    @rx.event
    async def start(self):  # type: ignore[no-untyped-def]
        """Sign in to the demo account and open its dashboard."""
        if self.demo_starting:
            return
        self.demo_starting, self.demo_error = True, ""
        yield
        try:
            tokens = await asyncio.to_thread(_sign_in, self._caller())
        except DomainError as exc:
            self.demo_starting, self.demo_error = False, exc.message
            return
        self._hand_off(tokens, routes.DASHBOARD)


def try_demo_button() -> rx.Component:
    """Shown to visitors only, and only where a demo account exists."""
    return rx.cond(
        DemoState.demo_available & ~SessionState.has_session,
        rx.button(
            rx.icon("play", size=16),
            "Try the demo",
            size="3",
            variant="soft",
            type="button",
            loading=DemoState.demo_starting,
            on_click=DemoState.start,
        ),
    )
