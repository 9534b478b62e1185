"""A plan limit, said where it was hit, with the way up: "Upgrade to Pro" goes straight to
checkout where plans are sold online (Stripe), else to the Plan page, which says how to ask."""

from __future__ import annotations

import asyncio

import reflex as rx
from reflex.vars.base import Var

from cvapp import routes
from cvapp.db import session_scope
from cvapp.domain.billing import service as billing
from cvapp.domain.plans.entitlements import PLAN_ORDER, for_plan
from cvapp.errors import DomainError
from cvapp.state.session import SessionState

_LABELS = {plan: for_plan(plan).label for plan in PLAN_ORDER}


class UpgradeState(SessionState):
    upgrading: str = ""
    upgrade_error: str = ""

    def _destination(self, plan: str) -> str | None:
        with session_scope() as db:
            user = self._check(db)
            if user is None:
                return None
            return billing.upgrade_destination(db, user=user, plan=plan)

    @rx.event
    async def upgrade(self, plan: str):  # type: ignore[no-untyped-def]
        """Checkout for ``plan``, or the Plan page that says how plans change here."""
        if self.upgrading:
            return
        self.upgrading, self.upgrade_error = plan, ""
        yield
        try:
            url = await asyncio.to_thread(self._destination, plan)
        except DomainError as exc:
            self.upgrading, self.upgrade_error = "", exc.message
            return
        self.upgrading = ""
        if url is None:
            yield self._session_lost()
        elif url.startswith("/"):
            yield rx.redirect(url)
        else:
            self._load_document(url)


def upgrade_button(plan: Var[str] | str, **props: object) -> rx.Component:
    """ "Upgrade to <plan>": a spinner while the checkout starts."""
    label = rx.match(plan, *((key, f"Upgrade to {name}") for key, name in _LABELS.items()), "")
    return rx.button(
        rx.icon("circle-arrow-up", size=16),
        label,
        type="button",
        on_click=UpgradeState.upgrade(plan),
        loading=UpgradeState.upgrading == plan,
        **props,
    )


def limit_notice(message: Var[str], next_plan: Var[str], *, test_id: str) -> rx.Component:
    """The limit's message beside the control that hit it, with the upgrade and the plans."""
    return rx.callout.root(
        rx.callout.icon(rx.icon("circle-arrow-up")),
        rx.callout.text(message),
        rx.flex(
            rx.cond(next_plan != "", upgrade_button(next_plan, size="2")),
            rx.link("Compare plans", href=routes.SETTINGS_PLAN, size="2"),
            spacing="3",
            align="center",
            wrap="wrap",
        ),
        rx.cond(
            UpgradeState.upgrade_error != "",
            rx.callout.text(UpgradeState.upgrade_error, size="1", color=rx.color("red", 11)),
        ),
        color_scheme="amber",
        role="alert",
        width="100%",
        data_testid=test_id,
    )
