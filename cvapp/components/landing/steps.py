"""Landing "how it works": import, tailor, export."""

import reflex as rx

from cvapp.components.section import section, section_heading

STEPS: tuple[tuple[str, str, str], ...] = (
    (
        "Import",
        "Bring in your LinkedIn data export or a JSON Resume file, or start typing.",
        "download",
    ),
    (
        "Tailor",
        "Derive a CV version per application and choose what it shows.",
        "list-checks",
    ),
    (
        "Export",
        "PDF, JSON Resume, a public web page or a one-pager, with hidden clients kept hidden.",
        "file-down",
    ),
)


def _step(number: int, title: str, text: str, icon: str) -> rx.Component:
    return rx.hstack(
        rx.center(
            rx.text(str(number), weight="bold", size="3", color="white"),
            width="36px",
            height="36px",
            border_radius="50%",
            background=rx.color("accent", 9),
            flex_shrink="0",
        ),
        rx.vstack(
            rx.hstack(
                rx.heading(title, as_="h3", size="4"),
                rx.icon(icon, size=16, color=rx.color("accent", 11)),
                spacing="2",
                align="center",
            ),
            rx.text(text, size="3", color=rx.color("gray", 11)),
            spacing="1",
        ),
        spacing="4",
        align="start",
    )


def steps() -> rx.Component:
    """The three-step section on a tinted band."""
    return section(
        section_heading(
            "How it works",
            "From career history to the right CV",
            "Three steps, and the first one happens only once.",
        ),
        rx.grid(
            *(_step(index, *step) for index, step in enumerate(STEPS, start=1)),
            columns=rx.breakpoints(initial="1", sm="3"),
            spacing="6",
        ),
        background=rx.color("gray", 2),
    )
