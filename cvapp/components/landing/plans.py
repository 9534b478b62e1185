"""Landing plans: Free, Pro and Expert with their limits."""

from typing import NamedTuple

import reflex as rx

from cvapp import routes
from cvapp.components.section import section, section_heading


class Plan(NamedTuple):
    """One plan card; `highlighted` draws it with an accent ring."""

    name: str
    tagline: str
    perks: tuple[str, ...]
    highlighted: bool = False


PLANS: tuple[Plan, ...] = (
    Plan(
        "Free",
        "Everything you need to get your profile in shape.",
        ("2 CV versions", "3 templates", "20 AI calls a day", "1 share link"),
    ),
    Plan(
        "Pro",
        "For an active job search with many applications.",
        ("Unlimited CV versions", "All templates", "200 AI calls a day"),
        highlighted=True,
    ),
    Plan(
        "Expert",
        "For power users and integrations.",
        ("Everything in Pro", "2,000 AI calls a day", "REST API keys"),
    ),
)


def _perk(text: str) -> rx.Component:
    return rx.hstack(
        rx.icon("check", size=16, color=rx.color("accent", 11), flex_shrink="0"),
        rx.text(text, size="3"),
        spacing="2",
        align="center",
    )


def _plan_card(plan: Plan) -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.heading(plan.name, as_="h3", size="6"),
            rx.text(plan.tagline, size="3", color=rx.color("gray", 11)),
            rx.separator(size="4"),
            rx.vstack(*(_perk(perk) for perk in plan.perks), spacing="3"),
            spacing="4",
        ),
        size="3",
        variant="surface",
        style={"box-shadow": f"0 0 0 2px {rx.color('accent', 8)}"} if plan.highlighted else {},
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
            *(_plan_card(plan) for plan in PLANS),
            columns=rx.breakpoints(initial="1", md="3"),
            spacing="4",
        ),
        section_id=routes.PLANS_ANCHOR,
    )
