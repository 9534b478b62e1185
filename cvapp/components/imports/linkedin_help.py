"""How to get a LinkedIn data export, for the import page and the welcome wizard."""

from __future__ import annotations

import reflex as rx

from cvapp import routes

# LinkedIn's "Get a copy of your data" page (Settings & Privacy → Data privacy).
LINKEDIN_EXPORT_URL = "https://www.linkedin.com/mypreferences/d/download-my-data"
_MUTED = rx.color("gray", 11)


def linkedin_steps() -> rx.Component:
    """The numbered steps, from LinkedIn's settings to the ZIP in your downloads."""
    return rx.el.ol(
        rx.el.li(
            "On LinkedIn, open ",
            rx.el.strong("Me → Settings & Privacy → Data privacy → Get a copy of your data"),
            " (",
            rx.link("open it", href=LINKEDIN_EXPORT_URL, is_external=True, underline="always"),
            ").",
        ),
        rx.el.li(
            "Pick the larger data archive, or only the files you want: ",
            rx.el.strong("Profile, Positions, Education, Skills"),
            ", Languages, Certifications, Projects…",
        ),
        rx.el.li("Press “Request archive”. LinkedIn emails you when the archive is ready."),
        rx.el.li(
            "Download the ZIP from that email and upload it here as it is: no need to unzip it."
        ),
        class_name="cv-bullets",
        style={"list_style": "decimal"},
    )


def linkedin_help() -> rx.Component:
    """The steps in a card, with what the archive is used for."""
    return rx.card(
        rx.vstack(
            rx.hstack(
                rx.icon("file-down", size=18, color=rx.color("accent", 11)),
                rx.heading("Get your LinkedIn export", as_="h2", size="3"),
                spacing="2",
                align="center",
            ),
            linkedin_steps(),
            rx.text(
                "Only your CV sections are read. Connections, messages and other people's "
                "data in the archive are never stored.",
                size="1",
                color=_MUTED,
            ),
            spacing="3",
            width="100%",
        ),
        width="100%",
        data_testid="linkedin-help",
    )


def linkedin_entry() -> rx.Component:
    """The welcome wizard's offer: import the profile from LinkedIn instead of typing it."""
    return rx.card(
        rx.flex(
            rx.center(
                rx.icon("briefcase-business", size=20, color=rx.color("accent", 11)),
                width="40px",
                height="40px",
                border_radius="10px",
                background=rx.color("accent", 3),
                flex_shrink="0",
            ),
            rx.vstack(
                rx.heading("Import from LinkedIn", as_="h3", size="3"),
                rx.text(
                    "Skip the typing: upload your LinkedIn data export and choose what to keep.",
                    size="2",
                    color=_MUTED,
                ),
                rx.el.details(
                    rx.el.summary(
                        rx.text("How to get the export", size="2", as_="span"),
                        cursor="pointer",
                        color=rx.color("accent", 11),
                    ),
                    rx.box(linkedin_steps(), padding_top="4px"),
                ),
                rx.button(
                    rx.el.a(
                        rx.icon("file-up", size=16), "Import from LinkedIn", href=routes.IMPORTS
                    ),
                    as_child=True,
                    variant="soft",
                    size="2",
                ),
                spacing="2",
                align="start",
                min_width="0",
            ),
            spacing="3",
            direction=rx.breakpoints(initial="column", sm="row"),
        ),
        width="100%",
        data_testid="linkedin-import-entry",
    )
