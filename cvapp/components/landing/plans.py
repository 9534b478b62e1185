"""Landing plans: Free, Pro and Expert with their prices and limits, as the operator set them
(``CVAPP_PLAN_*``): read when the page loads, so a changed setting needs no new build."""

from __future__ import annotations

import dataclasses

import reflex as rx

from cvapp import routes
from cvapp.components.section import section, section_heading
from cvapp.domain.plans.entitlements import PLAN_ORDER, for_plan, price
from cvapp.domain.plans.limits import allowance

_TAGLINES = {
    "free": "Everything you need to get your profile in shape and apply.",
    "pro": "For an active job search with many applications.",
    "expert": "For power users and integrations.",
}


@dataclasses.dataclass(frozen=True)
class PlanCard:
    """One plan card; ``highlighted`` draws it with an accent ring."""

    key: str
    name: str
    price: str
    tagline: str
    perks: list[str]
    highlighted: bool = False


def _sentence(phrase: str) -> str:
    return phrase[:1].upper() + phrase[1:]


def _perks(plan: str) -> list[str]:
    if plan == "expert":
        return [
            "Everything in Pro",
            _sentence(allowance(plan, "ai_calls_per_day")),
            "REST API keys",
        ]
    limits = ("cv_versions", "templates", "ai_calls_per_day", "share_links", "applications")
    return [_sentence(allowance(plan, limit)) for limit in limits]


def plan_cards() -> list[PlanCard]:
    return [
        PlanCard(
            key=plan,
            name=for_plan(plan).label,
            price=price(plan),
            tagline=_TAGLINES[plan],
            perks=_perks(plan),
            highlighted=plan == "pro",
        )
        for plan in PLAN_ORDER
    ]


class PlanCardsState(rx.State):
    cards: list[PlanCard] = plan_cards()

    @rx.event
    def load(self) -> None:
        """Landing loader: the plans as configured now."""
        self.cards = plan_cards()


def _perk(text: str) -> rx.Component:
    return rx.hstack(
        rx.icon("check", size=16, color=rx.color("accent", 11), flex_shrink="0"),
        rx.text(text, size="3"),
        spacing="2",
        align="center",
    )


def _plan_card(plan: PlanCard) -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.heading(plan.name, as_="h3", size="6"),
            rx.text(plan.price, size="5", weight="bold", data_testid="plan-price"),
            rx.text(plan.tagline, size="3", color=rx.color("gray", 11)),
            rx.separator(size="4"),
            rx.vstack(rx.foreach(plan.perks, _perk), spacing="3"),
            spacing="4",
        ),
        size="3",
        variant="surface",
        style=rx.cond(plan.highlighted, {"box-shadow": f"0 0 0 2px {rx.color('accent', 8)}"}, {}),
        data_testid="plan-card",
    )


def plans() -> rx.Component:
    """The plans section."""
    return section(
        section_heading(
            "Plans",
            "Start free, upgrade when you need more",
            "Every plan keeps your master profile, hidden client names and honest AI. The "
            "plans differ in how much you can derive and ask for.",
        ),
        rx.grid(
            rx.foreach(PlanCardsState.cards, _plan_card),
            columns=rx.breakpoints(initial="1", md="3"),
            spacing="4",
        ),
        section_id=routes.PLANS_ANCHOR,
    )
