"""The plan page at /app/settings/plan: the current plan, its limits in use, every plan."""

from __future__ import annotations

import dataclasses
from urllib.parse import quote

import reflex as rx

from cvapp import routes
from cvapp.components.layout import template
from cvapp.components.settings_layout import settings_page, settings_section
from cvapp.db import session_scope
from cvapp.domain.plans import usage
from cvapp.domain.plans.entitlements import PLAN_ORDER, for_plan
from cvapp.settings import get_settings
from cvapp.state.session import SessionState


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


class PlanState(SessionState):
    plan: str = ""
    plan_label: str = ""
    limits: list[LimitRow] = []
    comparison: list[ComparisonRow] = [
        ComparisonRow(_heading(row["label"]), row["free"], row["pro"], row["expert"])
        for row in usage.comparison()
    ]

    @rx.event
    def load(self) -> None:
        with session_scope() as db:
            user = self._check(db)
            if user is None:
                return
            rows = usage.usage(db, user=user)
            self.plan, self.plan_label = user.plan, for_plan(user.plan).label
        self.limits = [
            # A feature the plan leaves out says so already: no "Limit reached" beside it.
            LimitRow(_heading(r.label), r.allowed, _used(r), r.reached and r.limit != "api_access")
            for r in rows
        ]


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
    """The current plan's limits, then every plan side by side."""
    return settings_page(
        routes.SETTINGS_PLAN,
        settings_section(
            "Your plan",
            "What your plan includes, and how much of it you use today.",
            rx.heading(PlanState.plan_label, as_="h3", size="6"),
            rx.table.root(
                rx.table.body(rx.foreach(PlanState.limits, _limit)),
                size="1",
                width="100%",
            ),
            rx.text(
                "Changing plans never deletes anything: CV versions over a smaller plan's "
                "limits become read-only until you upgrade again or delete others.",
                size="2",
                color=rx.color("gray", 11),
            ),
        ),
        settings_section(
            "Compare plans",
            "What each plan includes. Changing plans never deletes anything.",
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
            _how_to_change(),
        ),
    )


def _how_to_change() -> rx.Component:
    """No payment provider runs here: who changes a plan, and how to ask (never a dead end)."""
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
