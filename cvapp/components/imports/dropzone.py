"""Where import files are dropped or chosen: CV files (.pdf, .docx, .txt, .md), LinkedIn
exports (.zip) and JSON Resumes (.json), several at once."""

from __future__ import annotations

from typing import Any

import reflex as rx
from reflex.event import EventSpec

from cvapp.components.forms import named_file_input
from cvapp.domain.imports import limits
from cvapp.state.imports.state import MAX_MB, UPLOAD_ID, ImportState

ACCEPT = {
    "application/pdf": [".pdf"],
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": [".docx"],
    "text/plain": [".txt"],
    "text/markdown": [".md"],
    "application/zip": [".zip"],
    "application/x-zip-compressed": [".zip"],
    "application/json": [".json"],
}
_MUTED = rx.color("gray", 11)


def _refusals(rejected: rx.Var[list[dict[str, Any]]]) -> EventSpec:
    """The browser's refusals, reduced to the file's name and the first reason's code."""

    def reduced(item: rx.Var[Any]) -> dict[str, rx.Var[Any]]:
        entry = item.to(dict[str, Any])
        file, errors = entry["file"].to(dict[str, Any]), entry["errors"].to(list[dict[str, Any]])
        return {"name": file["name"], "code": errors[0].to(dict[str, Any])["code"]}

    refused = rejected.to(list[dict[str, Any]]).map(reduced)
    return ImportState.refuse(refused)


def _busy() -> rx.Component:
    return rx.vstack(
        rx.spinner(size="3"),
        rx.cond(
            ImportState.upload_percent < 100,
            rx.text("Uploading… ", ImportState.upload_percent, "%", size="2"),
            rx.text("Checking the files…", size="2"),
        ),
        align="center",
        spacing="2",
        role="status",
    )


def _idle() -> rx.Component:
    return rx.vstack(
        rx.center(
            rx.icon("file-up", size=24, color=rx.color("accent", 11)),
            width="48px",
            height="48px",
            border_radius="12px",
            background=rx.color("accent", 3),
        ),
        rx.text("Drop your files here", size="3", weight="medium", align="center"),
        rx.text(
            "Your CV (PDF, Word .docx, .txt, .md), a LinkedIn data export (.zip) or a JSON "
            "Resume (.json). "
            f"Up to {limits.MAX_FILES_PER_REQUEST} files, {MAX_MB} MB each.",
            size="2",
            color=_MUTED,
            align="center",
        ),
        # The whole zone opens the file dialog (click, Enter or Space), so the button is
        # for the eye only and stays out of the tab order.
        rx.button(
            rx.icon("folder-open", size=16),
            "Choose files",
            type="button",
            tab_index=-1,
            aria_hidden="true",
            margin_top="4px",
        ),
        align="center",
        spacing="2",
    )


def dropzone() -> rx.Component:
    """Drag and drop, or click / Enter to open the file dialog; refusals are listed below."""
    zone = rx.upload.root(
        rx.cond(ImportState.uploading, _busy(), _idle()),
        id=UPLOAD_ID,
        accept=ACCEPT,
        multiple=True,
        max_files=limits.MAX_FILES_PER_REQUEST,
        max_size=limits.MAX_UPLOAD_BYTES,
        disabled=ImportState.uploading,
        on_drop=ImportState.upload(
            rx.upload_files(upload_id=UPLOAD_ID, on_upload_progress=ImportState.upload_progress)
        ),
        on_drop_rejected=_refusals,
        aria_label="Upload files to import: drop them here, or press Enter to choose them",
        padding=rx.breakpoints(initial="24px 16px", sm="36px 24px"),
        border=f"2px dashed {rx.color('gray', 7)}",
        border_radius="var(--radius-4)",
        background=rx.color("gray", 2),
        width="100%",
        cursor="pointer",
        drag_active_style={
            "border_color": rx.color("accent", 9),
            "background": rx.color("accent", 3),
        },
        style={
            "&:focus-visible": {
                "outline": f"2px solid {rx.color('accent', 8)}",
                "outline_offset": "2px",
            },
            "&:hover": {"border_color": rx.color("accent", 8)},
        },
        data_testid="import-dropzone",
    )
    return named_file_input(zone, "Files to import (CV file, .zip or .json)")
