"""Landing feature grid: what cvapp does, in the product's own words."""

from typing import NamedTuple

import reflex as rx

from cvapp import routes
from cvapp.components.section import section, section_heading


class Feature(NamedTuple):
    """One card of the feature grid."""

    icon: str
    title: str
    text: str


FEATURES: tuple[Feature, ...] = (
    Feature(
        "layers",
        "A structured master profile",
        "Experiences with their responsibility bullets, projects, skills backed by evidence, "
        "education and achievements — written once and edited as data, not as a document.",
    ),
    Feature(
        "files",
        "Tailored CV versions",
        "Derive a version for each role: pick the experiences, bullets, projects and skills "
        "that matter and reorder them. Your master profile stays untouched.",
    ),
    Feature(
        "shield-check",
        "Exports that never leak client names",
        "Hide a project's client behind an alias. PDF, JSON Resume, the public web page and the "
        "one-pager all print the alias; the real name never leaves your profile.",
    ),
    Feature(
        "sparkles",
        "Honest AI help",
        "Rewrite a bullet, suggest skills for a role, analyse gaps against a job ad or draft a "
        "summary. It works only from your profile and says what is missing instead of "
        "inventing it.",
    ),
    Feature(
        "import",
        "Import from LinkedIn or JSON Resume",
        "Start from your LinkedIn data export or a JSON Resume file instead of retyping years "
        "of history.",
    ),
    Feature(
        "lock",
        "Your data, your call",
        "Download everything we hold about you at any time. Delete your account and it is "
        "purged for good after 30 days.",
    ),
)


def _feature_card(feature: Feature) -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.center(
                rx.icon(feature.icon, size=20, color=rx.color("accent", 11)),
                width="40px",
                height="40px",
                border_radius="var(--radius-3)",
                background=rx.color("accent", 3),
            ),
            rx.heading(feature.title, as_="h3", size="4"),
            rx.text(feature.text, size="3", color=rx.color("gray", 11)),
            spacing="3",
        ),
        size="3",
    )


def features() -> rx.Component:
    """The feature grid section."""
    return section(
        section_heading(
            "Features",
            "Built around your career, not a document",
            "Everything starts from one accurate record. Every CV, export and AI suggestion is "
            "derived from it.",
        ),
        rx.grid(
            *(_feature_card(feature) for feature in FEATURES),
            columns=rx.breakpoints(initial="1", sm="2", md="3"),
            spacing="4",
        ),
        section_id=routes.FEATURES_ANCHOR,
    )
