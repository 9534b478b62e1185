"""The privacy policy page: the text users consent to, rendered at build time."""

import reflex as rx

from cvapp import routes
from cvapp.components.layout import template
from cvapp.components.section import contained
from cvapp.domain.auth.legal import current_privacy_policy


def _h1(text: str) -> rx.Component:
    return rx.heading(text, as_="h1", size=rx.breakpoints(initial="8", sm="9"))


def _h2(text: str) -> rx.Component:
    return rx.heading(text, as_="h2", size="5", margin_top="1.5em", margin_bottom="0.5em")


def _p(text: str) -> rx.Component:
    return rx.text(text, size="4", color=rx.color("gray", 11), margin_y="1em")


# Maps markdown elements to the app's type scale; the rest keep Reflex's defaults.
_POLICY_STYLE = {"h1": _h1, "h2": _h2, "p": _p}


@template(
    route=routes.PRIVACY,
    title="Privacy policy",
    description="What cvapp keeps about you, why, and for how long.",
)
def privacy() -> rx.Component:
    """The policy in force and its version: the same text registration asks to accept."""
    policy = current_privacy_policy()
    return contained(
        rx.box(
            rx.markdown(policy.text, component_map=_POLICY_STYLE),
            rx.text(
                f"Version {policy.version}, in force since {policy.published_at:%-d %B %Y}.",
                size="2",
                color=rx.color("gray", 11),
                margin_top="2em",
            ),
            max_width="720px",
            padding_y=["40px", "64px"],
        ),
    )
