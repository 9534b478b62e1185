"""The public landing page at /."""

import reflex as rx

from cvapp import routes
from cvapp.components.landing.demo import DemoState
from cvapp.components.landing.features import features
from cvapp.components.landing.hero import hero
from cvapp.components.landing.plans import PlanCardsState, plans
from cvapp.components.landing.steps import steps
from cvapp.components.layout import SITE_NAME, template


@template(
    route=routes.HOME,
    title=SITE_NAME,
    description=(
        "Keep one structured record of your career, derive tailored CV versions, export them "
        "without leaking hidden client names, and get AI help that never invents facts."
    ),
    on_load=[DemoState.offer, PlanCardsState.load],
)
def landing() -> rx.Component:
    """Hero, features, how it works and plans."""
    return rx.fragment(hero(), features(), steps(), plans())
