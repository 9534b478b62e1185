"""Download buttons for every export format, with the running export's progress."""

from __future__ import annotations

import reflex as rx

from cvapp.domain.exports.formats import FORMATS
from cvapp.state.cvs.downloads import CvDownloadState as S

# The formats after the PDF, in the order people need them.
OTHER_FORMATS = ("docx", "html", "markdown", "jsonresume", "json")


def _button(fmt: str, label: str, **props: object) -> rx.Component:
    return rx.button(
        rx.icon("download", size=14),
        label,
        type="button",
        loading=S.exporting == fmt,
        disabled=S.exporting != "",
        on_click=S.download(fmt),
        **props,
    )


def downloads() -> rx.Component:
    """ "Download PDF" first, the other formats below it, and a progress bar while one runs."""
    return rx.vstack(
        _button("pdf", "Download PDF", size="3", width="100%"),
        rx.flex(
            *(
                _button(fmt, FORMATS[fmt].label, size="1", variant="soft", color_scheme="gray")
                for fmt in OTHER_FORMATS
            ),
            spacing="2",
            wrap="wrap",
            width="100%",
        ),
        rx.cond(
            S.exporting != "",
            rx.vstack(
                rx.progress(value=S.export_progress, max=100, size="1", width="100%"),
                rx.text(
                    "Preparing your file… ",
                    S.export_progress,
                    "%",
                    size="1",
                    color=rx.color("gray", 11),
                ),
                spacing="1",
                width="100%",
                role="status",
                aria_live="polite",
            ),
        ),
        rx.cond(
            S.export_error,
            rx.callout(
                S.export_error, icon="triangle_alert", color_scheme="red", size="1", role="alert"
            ),
        ),
        spacing="2",
        width="100%",
    )
