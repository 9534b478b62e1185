"""The live preview: the CV's PDF pages as images, refreshed shortly after each change."""

from __future__ import annotations

import reflex as rx
from reflex.components.component import field
from reflex.event import EventHandler, no_args_event_spec
from reflex.vars.base import Var

from cvapp import routes
from cvapp.state.cvs.editor import CvEditorState as S

MUTED = rx.color("gray", 11)


class PageImage(rx.el.Img):
    """An <img> that tells the server when it has loaded (or failed to)."""

    on_load: EventHandler[no_args_event_spec] = field(doc="The image has been drawn")
    on_error: EventHandler[no_args_event_spec] = field(doc="The image could not be loaded")


def _page(number: Var[int]) -> rx.Component:
    src = routes.cv_preview(S.cv_key, page=number, version=S.preview_version)
    sharp = routes.cv_preview(S.cv_key, page=number, version=S.preview_version, width=960)
    return PageImage.create(
        src=src,
        src_set=f"{src} 1x, {sharp} 2x",
        alt=f"Page {number} of the CV",
        width="100%",
        height="auto",
        display="block",
        background="white",
        border_radius="var(--radius-2)",
        box_shadow="var(--shadow-3)",
        data_testid="cv-preview-page",
        data_version=S.preview_version,
        on_load=S.page_shown(S.preview_version),
        on_error=S.page_failed(S.preview_version),
    )


def _status() -> rx.Component:
    return rx.hstack(
        rx.cond(
            S.preview_busy,
            rx.hstack(rx.spinner(size="1"), rx.text("Updating…"), spacing="1", align="center"),
            rx.cond(
                S.preview_pages > 0,
                rx.text(
                    S.preview_pages,
                    rx.cond(S.preview_pages == 1, " page", " pages"),
                    " · ",
                    S.page_size,
                    # What the one-page fit left out is listed in the Design tab.
                    rx.cond(
                        S.dropped.length() > 0,
                        rx.text.span(" · ", S.dropped.length(), " left out to fit"),
                    ),
                ),
            ),
        ),
        spacing="2",
        align="center",
        font_size="var(--font-size-1)",
        color=MUTED,
        role="status",
        aria_live="polite",
    )


def _placeholder() -> rx.Component:
    return rx.center(
        rx.vstack(
            rx.spinner(size="3"),
            rx.text("Drawing your CV…", size="2", color=MUTED),
            spacing="3",
            align="center",
        ),
        aspect_ratio="1 / 1.414",
        width="100%",
        border=f"1px dashed {rx.color('gray', 6)}",
        border_radius="var(--radius-2)",
    )


def cv_preview() -> rx.Component:
    """The pages, stacked, with a veil while a newer version is on its way."""
    pages = rx.box(
        rx.vstack(rx.foreach(S.preview_numbers, _page), spacing="4", width="100%"),
        rx.cond(
            S.preview_busy,
            rx.center(
                rx.spinner(size="3"),
                position="absolute",
                inset="0",
                background="color-mix(in srgb, var(--color-background) 45%, transparent)",
                border_radius="var(--radius-2)",
                aria_hidden="true",
            ),
        ),
        position="relative",
        width="100%",
        aria_busy=rx.cond(S.preview_busy, "true", "false"),
    )
    # Beside the editor the pages scroll within the viewport (the column is sticky).
    scroller = rx.box(
        pages,
        max_height=rx.breakpoints(initial="none", md="calc(100vh - 240px)"),
        overflow_y="auto",
        padding="2px 6px 8px 2px",
        width="100%",
        tab_index=0,
        aria_label="Preview pages",
        role="region",
    )
    return rx.vstack(
        rx.flex(
            rx.heading("Preview", as_="h2", size="4"),
            _status(),
            justify="between",
            align="center",
            width="100%",
        ),
        rx.cond(
            S.preview_error,
            rx.callout(S.preview_error, icon="triangle_alert", color_scheme="red", size="1"),
        ),
        rx.cond(S.preview_pages > 0, scroller, _placeholder()),
        spacing="3",
        width="100%",
        id="cv-preview",
    )
