"""Gap analysis at /app/ai/gap-analysis: a job advert (pasted, or a JSON Resume job file)
against one CV version: what it shows, what the profile could show, what is missing."""

from __future__ import annotations

import reflex as rx

from cvapp import routes
from cvapp.components.ai.frame import ai_page, panel
from cvapp.components.ai.review import error_callout, working
from cvapp.components.ai.state import AiState
from cvapp.components.forms import named_file_input
from cvapp.components.layout import template
from cvapp.domain.ai.schemas import MAX_JOB_CHARS
from cvapp.pages.ai.gap_results import gap_results
from cvapp.pages.ai.gap_state import MAX_FILE_BYTES, WHOLE_PROFILE, CvChoice, GapState

UPLOAD_ID = "job-file"
_MUTED = rx.color("gray", 11)


def _label(text: str, html_for: str) -> rx.Component:
    return rx.el.label(rx.text(text, size="2", weight="medium"), html_for=html_for)


def _pasted() -> rx.Component:
    return rx.box(
        _label("Job advert", "gap-job-text"),
        rx.text_area(
            id="gap-job-text",
            name="job_text",
            max_length=MAX_JOB_CHARS,
            rows="10",
            placeholder="Paste the whole advert: title, responsibilities, requirements…",
            width="100%",
            margin_top="4px",
        ),
        # Hidden, not removed, while a file is chosen: the pasted text stays.
        display=rx.cond(GapState.source == "text", "block", "none"),
        width="100%",
    )


def _chosen_file() -> rx.Component:
    return rx.flex(
        rx.icon("file-json", size=18),
        rx.box(
            rx.text(GapState.file_name, size="2", weight="medium", word_break="break-all"),
            rx.cond(GapState.file_title, rx.text(GapState.file_title, size="1", color=_MUTED)),
            flex="1",
            min_width="0",
        ),
        rx.button(
            "Remove",
            size="1",
            variant="soft",
            color_scheme="gray",
            type="button",
            on_click=GapState.clear_file,
        ),
        spacing="2",
        align="center",
        width="100%",
        padding="10px 12px",
        border=f"1px solid {rx.color('gray', 6)}",
        border_radius="var(--radius-3)",
    )


def _file() -> rx.Component:
    drop_zone = rx.upload.root(
        rx.vstack(
            rx.icon("upload", size=22, color=_MUTED),
            rx.text(
                "Drop a JSON Resume job file here, or click to choose one", size="2", align="center"
            ),
            rx.text(f"One .json file, at most {MAX_FILE_BYTES // 1024} KB", size="1", color=_MUTED),
            align="center",
            spacing="1",
        ),
        id=UPLOAD_ID,
        accept={"application/json": [".json"]},
        multiple=False,
        max_files=1,
        max_size=MAX_FILE_BYTES,
        on_drop=GapState.upload_job(rx.upload_files(upload_id=UPLOAD_ID)),
        on_drop_rejected=GapState.file_rejected,
        padding="24px 16px",
        border=f"2px dashed {rx.color('gray', 7)}",
        border_radius="var(--radius-3)",
        width="100%",
        cursor="pointer",
        aria_label="Choose a JSON Resume job file",
    )
    return rx.box(
        rx.cond(
            GapState.file_name,
            _chosen_file(),
            named_file_input(drop_zone, "Job ad file (JSON Resume job, .json)"),
        ),
        display=rx.cond(GapState.source == "file", "block", "none"),
        width="100%",
    )


def _cv_item(cv: rx.Var[CvChoice]) -> rx.Component:
    return rx.select.item(cv.name, value=cv.id)


def _cv_picker() -> rx.Component:
    return rx.box(
        _label("Compare with", "gap-cv"),
        rx.select.root(
            rx.select.trigger(id="gap-cv", width="100%", margin_top="4px"),
            rx.select.content(
                rx.foreach(GapState.cvs, _cv_item),
                rx.select.separator(),
                rx.select.item("My whole profile (no CV)", value=WHOLE_PROFILE),
            ),
            value=GapState.cv_choice,
            on_change=GapState.set_cv,
        ),
        rx.cond(
            GapState.cvs.length() == 0,
            rx.text(
                "You have no CV versions yet, so the advert is compared with your whole profile. ",
                rx.link("Create a CV", href=routes.CVS),
                " to see what it leaves out.",
                size="1",
                color=_MUTED,
                margin_top="4px",
            ),
        ),
        width="100%",
        max_width="420px",
    )


def _running() -> rx.Component:
    return rx.cond(
        GapState.loading,
        rx.vstack(
            working(rx.cond(GapState.progress > 0, "Analysing a long advert…", "Analysing…")),
            rx.cond(
                GapState.progress > 0,
                rx.progress(value=GapState.progress, max=100, aria_label="Progress"),
            ),
            spacing="2",
            width="100%",
        ),
    )


def _advert_form() -> rx.Component:
    return panel(
        rx.form(
            rx.vstack(
                rx.segmented_control.root(
                    rx.segmented_control.item("Paste the advert", value="text"),
                    rx.segmented_control.item("Upload a job file", value="file"),
                    value=GapState.source,
                    on_change=GapState.set_source,
                    aria_label="Where the advert comes from",
                ),
                _pasted(),
                _file(),
                _cv_picker(),
                rx.button(
                    rx.icon("scan-search", size=16),
                    "Analyse",
                    type="submit",
                    size="3",
                    loading=GapState.loading,
                ),
                spacing="4",
                width="100%",
                align="start",
            ),
            on_submit=GapState.analyse,
            reset_on_submit=False,
            width="100%",
        ),
        error_callout(GapState.error, GapState.quota_upgrade),
        _running(),
    )


@template(
    route=routes.AI_GAPS,
    title="Gap analysis",
    description="Compare a job advert with one of your CVs: matched, hidden and missing.",
    on_load=[AiState.load_ai, GapState.load],
    protected=True,
)
def gaps_page() -> rx.Component:
    """The advert form, then the analysis."""
    return ai_page(
        routes.AI_GAPS,
        "Gap analysis",
        "Paste a job advert or upload a JSON Resume job file, and choose the CV you would "
        "send. See what the CV already shows, what your profile could prove but the CV leaves "
        "out, and what is missing.",
        _advert_form(),
        gap_results(),
    )
