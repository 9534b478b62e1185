"""The import page at /app/import: upload a CV file (PDF, Word, text), paste a CV's text, or
bring LinkedIn exports and JSON Resumes; review each preview, choose what to create, merge or
skip, and apply."""

from __future__ import annotations

import reflex as rx

from cvapp import routes
from cvapp.components.imports.dropzone import dropzone
from cvapp.components.imports.file_card import file_card
from cvapp.components.imports.linkedin_help import linkedin_help
from cvapp.components.imports.paste import paste_text
from cvapp.components.layout import template
from cvapp.components.section import contained
from cvapp.state.imports.state import ImportState

_MUTED = rx.color("gray", 11)


def _empty() -> rx.Component:
    return rx.vstack(
        rx.text("No files yet.", size="2", weight="medium"),
        rx.text(
            "Upload your CV, your LinkedIn data export or a JSON Resume above, or paste your "
            "CV's text. You will see every item "
            "it holds, next to what your profile already has, before anything is added.",
            size="2",
            color=_MUTED,
        ),
        spacing="1",
        width="100%",
        padding="16px",
        border=f"1px dashed {rx.color('gray', 6)}",
        border_radius="var(--radius-3)",
        data_testid="import-empty",
    )


def _cv_file_help() -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.hstack(
                rx.icon("file-text", size=18, color=rx.color("accent", 11)),
                rx.heading("Your CV as a file?", as_="h2", size="3"),
                spacing="2",
                align="center",
            ),
            rx.text(
                "Drop the PDF or Word file you send today. It is read here, offline: no AI "
                "service sees it. Items read with low confidence are marked “Check”; a "
                "scanned PDF (no text in it) can be pasted as text instead.",
                size="2",
                color=_MUTED,
            ),
            spacing="2",
        ),
        width="100%",
    )


def _json_resume_help() -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.hstack(
                rx.icon("file-json", size=18, color=rx.color("accent", 11)),
                rx.heading("A JSON Resume?", as_="h2", size="3"),
                spacing="2",
                align="center",
            ),
            rx.text(
                "Upload a resume.json (JSON Resume 1.x, also the one a cvapp CV exports). "
                "If it does not follow the schema, you will see which fields to fix.",
                size="2",
                color=_MUTED,
            ),
            spacing="2",
        ),
        width="100%",
    )


@template(
    route=routes.IMPORTS,
    title="Import",
    description="Import your CV (PDF, Word, text), LinkedIn export or JSON Resume.",
    on_load=ImportState.load,
    protected=True,
)
def importer() -> rx.Component:
    """The drop zone and one card per file; how to get the files beside them."""
    return contained(
        rx.vstack(
            rx.vstack(
                rx.heading(
                    "Import your profile", as_="h1", size=rx.breakpoints(initial="7", sm="8")
                ),
                rx.text(
                    "Bring in the CV you already have (PDF or Word), your LinkedIn profile or a "
                    "JSON Resume. Choose, item by item, what to add, what to merge with what you "
                    "have, and what to leave out.",
                    size="3",
                    color=_MUTED,
                ),
                spacing="2",
            ),
            rx.grid(
                rx.vstack(
                    dropzone(),
                    paste_text(),
                    rx.cond(
                        ImportState.has_files,
                        rx.vstack(
                            rx.foreach(ImportState.files, file_card),
                            spacing="4",
                            width="100%",
                        ),
                        _empty(),
                    ),
                    spacing="4",
                    width="100%",
                    min_width="0",
                ),
                rx.vstack(
                    _cv_file_help(),
                    linkedin_help(),
                    _json_resume_help(),
                    spacing="4",
                    width="100%",
                ),
                columns=rx.breakpoints(initial="1", md="minmax(0, 1fr) 300px"),
                spacing="6",
                width="100%",
            ),
            spacing="5",
            padding_y=["24px", "40px"],
            width="100%",
        ),
    )
