"""The plan page at /app/settings/plan: the current plan, its limits in use, every plan."""

from __future__ import annotations

import asyncio
import dataclasses
from urllib.parse import quote

import reflex as rx

from cvapp import routes
from cvapp.components.forms import form_alert, form_notice
from cvapp.components.layout import template
from cvapp.components.settings_layout import settings_page, settings_section
from cvapp.components.upgrade import UpgradeState, upgrade_button
from cvapp.db import session_scope
from cvapp.domain.billing import service as billing
from cvapp.domain.plans import usage
from cvapp.domain.plans.entitlements import PLAN_ORDER, for_plan, price
from cvapp.errors import DomainError, NotFound
from cvapp.models import User
from cvapp.settings import get_settings
from cvapp.state.session import SessionState, off_loop


@dataclasses.dataclass(frozen=True)
class LimitRow:
    label: str
    allowed: str
    used: str
    reached: bool


@dataclasses.dataclass(frozen=True)
class ComparisonRow:
    label: str
    free: str
    pro: str
    expert: str


_COMPARISON_ID = "plan-comparison"
_FOCUSABLE_SCROLL = (
    f"document.querySelectorAll('#{_COMPARISON_ID} .rt-ScrollAreaViewport')"
    ".forEach(viewport => { viewport.tabIndex = 0; })"
)


def _heading(label: str) -> str:
    """ "active share links" (as used in sentences) → "Active share links" (a row heading)."""
    return label[:1].upper() + label[1:]


def _used(row: usage.LimitUsage) -> str:
    if row.limit == "api_access":
        return ""
    return "" if row.used is None else f"{row.used} used"


_RETURNS = {
    "cancelled": "Checkout cancelled: nothing was charged and your plan is unchanged.",
    "managed": "Back from billing: any change you made shows here once the payment provider "
    "confirms it (usually within seconds; reload to see it).",
}


def _comparison_rows() -> list[ComparisonRow]:
    prices = {plan: price(plan) for plan in PLAN_ORDER}
    return [ComparisonRow("Price", prices["free"], prices["pro"], prices["expert"])] + [
        ComparisonRow(_heading(row["label"]), row["free"], row["pro"], row["expert"])
        for row in usage.comparison()
    ]


def _confirm(user: User, checkout_id: str) -> str:
    """The message for a buyer back from checkout (applied now if the webhook is late)."""
    with session_scope() as db:
        fresh = db.get(User, user.id)
        if fresh is None:
            return ""
        try:
            billing.confirm_checkout(db, user=fresh, checkout_id=checkout_id[:255])
        except NotFound as exc:
            return f"{exc.message}."
        plan = fresh.plan
    if plan == "free":
        return "Payment received: your plan changes as soon as it is confirmed (reload soon)."
    return f"Thank you! You are on the {for_plan(plan).label} plan now: its limits apply."


class PlanState(SessionState):
    plan: str = ""
    plan_label: str = ""
    plan_price: str = ""
    limits: list[LimitRow] = []
    comparison: list[ComparisonRow] = _comparison_rows()
    billing_provider: str = ""
    buyable: list[str] = []
    manageable: bool = False
    asked_plan: str = ""
    notice: str = ""
    warning: str = ""
    opening_portal: bool = False
    portal_error: str = ""

    @rx.event
    @off_loop
    def load(self) -> None:
        query = self.router.url.query_parameters
        self.notice, self.warning, self.portal_error = "", "", ""
        user = self._signed_in_user(quiet=True)
        outcome, checkout_id = query.get("checkout", ""), query.get("session_id", "")
        if outcome == "success" and checkout_id:
            try:
                self.notice = _confirm(user, checkout_id)
            except DomainError as exc:
                self.warning = exc.message
        elif outcome in _RETURNS:
            self.notice = _RETURNS[outcome]
        with session_scope() as db:
            fresh = db.get(User, user.id) or user
            rows = usage.usage(db, user=fresh)
            status = billing.status(db, user=fresh)
            self.plan, self.plan_label = fresh.plan, for_plan(fresh.plan).label
        self.plan_price = status.prices.get(self.plan, "")
        self.billing_provider = status.provider or ""
        self.buyable, self.manageable = status.buyable, status.manageable
        asked = query.get("upgrade", "")
        self.asked_plan = for_plan(asked).label if asked in PLAN_ORDER[1:] else ""
        self.comparison = _comparison_rows()
        self.limits = [
            # A feature the plan leaves out says so already: no "Limit reached" beside it.
            LimitRow(_heading(r.label), r.allowed, _used(r), r.reached and r.limit != "api_access")
            for r in rows
        ]

    @rx.event
    async def open_portal(self):  # type: ignore[no-untyped-def]
        """The payment provider's page: change plan, update the card, cancel."""
        if self.opening_portal:
            return
        self.opening_portal, self.portal_error = True, ""
        yield

        def portal() -> str | None:
            with session_scope() as db:
                user = self._check(db)
                return None if user is None else billing.portal_url(db, user=user)

        try:
            url = await asyncio.to_thread(portal)
        except DomainError as exc:
            self.opening_portal, self.portal_error = False, exc.message
            return
        self.opening_portal = False
        if url is None:
            yield self._session_lost()
        else:
            self._load_document(url)


def _limit(row: LimitRow) -> rx.Component:
    return rx.table.row(
        rx.table.row_header_cell(rx.text(row.label, size="2", weight="medium")),
        rx.table.cell(rx.text(row.allowed, size="2")),
        rx.table.cell(
            rx.hstack(
                rx.text(row.used, size="2", color=rx.color("gray", 11)),
                rx.cond(row.reached, rx.badge("Limit reached", color_scheme="amber", size="1")),
                spacing="2",
                align="center",
            )
        ),
    )


def _header(plan: str) -> rx.Component:
    label = for_plan(plan).label
    return rx.table.column_header_cell(
        rx.hstack(
            rx.text(label),
            rx.cond(PlanState.plan == plan, rx.badge("Yours", color_scheme="green", size="1")),
            spacing="2",
            align="center",
        )
    )


def _comparison(row: ComparisonRow) -> rx.Component:
    return rx.table.row(
        rx.table.row_header_cell(rx.text(row.label, size="2", weight="medium")),
        rx.table.cell(rx.text(row.free, size="2")),
        rx.table.cell(rx.text(row.pro, size="2")),
        rx.table.cell(rx.text(row.expert, size="2")),
    )


@template(
    route=routes.SETTINGS_PLAN,
    title="Your plan",
    description="Your cvapp plan, what it includes and what you use of it.",
    on_load=PlanState.load,
    protected=True,
)
def plan_page() -> rx.Component:
    """The current plan's limits and how to change it, then every plan side by side."""
    return settings_page(
        routes.SETTINGS_PLAN,
        form_notice(PlanState.notice),
        form_alert(PlanState.warning),
        settings_section(
            "Your plan",
            "What your plan includes, and how much of it you use today.",
            rx.hstack(
                rx.heading(PlanState.plan_label, as_="h3", size="6"),
                rx.text(PlanState.plan_price, size="3", color=rx.color("gray", 11)),
                spacing="3",
                align="baseline",
            ),
            rx.table.root(
                rx.table.body(rx.foreach(PlanState.limits, _limit)),
                size="1",
                width="100%",
            ),
            rx.cond(PlanState.billing_provider != "", _buy_or_manage()),
            rx.text(
                "Changing plans never deletes anything: CV versions over a smaller plan's "
                "limits become read-only until you upgrade again or delete others.",
                size="2",
                color=rx.color("gray", 11),
            ),
        ),
        settings_section(
            "Compare plans",
            "What each plan costs and includes. Changing plans never deletes anything.",
            rx.box(
                rx.table.root(
                    rx.table.header(
                        rx.table.row(
                            rx.table.column_header_cell("Limit"),
                            *(_header(plan) for plan in PLAN_ORDER),
                        )
                    ),
                    rx.table.body(rx.foreach(PlanState.comparison, _comparison)),
                    size="1",
                    width="100%",
                ),
                overflow_x="auto",
                width="100%",
                id=_COMPARISON_ID,
                # On a phone the table scrolls sideways: keyboard users reach it too.
                on_mount=rx.run_script(_FOCUSABLE_SCROLL),
            ),
            rx.cond(PlanState.billing_provider == "", _how_to_change()),
        ),
    )


def _buy_or_manage() -> rx.Component:
    """Plans sold online: upgrade buttons (straight to checkout) and the billing portal."""
    return rx.vstack(
        rx.cond(
            PlanState.buyable.length() > 0,
            rx.flex(
                rx.foreach(PlanState.buyable, lambda plan: upgrade_button(plan, size="3")),
                spacing="3",
                wrap="wrap",
            ),
        ),
        rx.cond(
            PlanState.manageable,
            rx.hstack(
                rx.button(
                    rx.icon("credit-card", size=16),
                    "Manage billing",
                    type="button",
                    variant="soft",
                    on_click=PlanState.open_portal,
                    loading=PlanState.opening_portal,
                ),
                rx.text(
                    "Change plan, update your card or cancel on the payment provider's page.",
                    size="2",
                    color=rx.color("gray", 11),
                ),
                spacing="3",
                align="center",
                wrap="wrap",
            ),
        ),
        form_alert(PlanState.portal_error),
        form_alert(UpgradeState.upgrade_error),
        rx.text(
            "Payments are handled by Stripe: cvapp never sees your card.",
            size="1",
            color=rx.color("gray", 11),
        ),
        spacing="3",
        width="100%",
        data_testid="plan-billing",
    )


def _how_to_change() -> rx.Component:
    """Plans not sold online here: who changes a plan, and how to ask (never a dead end)."""
    support = get_settings().support_email
    ask: list[rx.Component | str] = (
        [
            "Write to ",
            rx.link(
                support,
                href=f"mailto:{support}?subject=" + quote("cvapp plan change"),
                is_external=True,
            ),
            " with the plan you want; the people who run this cvapp move your account, and "
            "the new limits apply at once.",
        ]
        if support
        else [
            "The people who run this cvapp change plans: ask them for the plan you want; the "
            "new limits apply at once."
        ]
    )
    return rx.callout.root(
        rx.callout.icon(rx.icon("circle-arrow-up")),
        rx.cond(
            PlanState.asked_plan != "",
            rx.callout.text("You asked for ", PlanState.asked_plan, ".", weight="bold"),
        ),
        rx.callout.text(*ask),
        rx.callout.text(
            "Operators: ",
            rx.code("python -m cvapp.admin set-plan ", SessionState.user_email, " pro"),
            " (free, pro or expert).",
            size="1",
        ),
        color_scheme="blue",
        width="100%",
        data_testid="plan-how-to-change",
    )
