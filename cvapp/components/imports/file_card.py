"""One uploaded file on the import page: its progress, why it failed, its preview with the
Apply button, or what the import wrote (with links to the items in the profile editor)."""

from __future__ import annotations

import reflex as rx

from cvapp import routes
from cvapp.components.forms import form_alert
from cvapp.components.imports.preview import preview_table
from cvapp.state.imports.rows import AppliedRow, FileImport
from cvapp.state.imports.state import ImportState

_MUTED = rx.color("gray", 11)
_STATUS = {
    "reading": "Reading…",
    "previewed": "Ready to review",
    "applying": "Applying…",
    "applied": "Imported",
    "failed": "Could not be read",
    "refused": "Not uploaded",
}


def _header(file: rx.Var[FileImport]) -> rx.Component:
    working = (file.status == "reading") | (file.status == "applying")
    return rx.hstack(
        rx.icon(
            rx.cond(file.filename.lower().endswith(".json"), "file-json", "file-archive"),
            size=20,
            color=_MUTED,
            flex_shrink="0",
        ),
        rx.vstack(
            rx.heading(file.filename, as_="h2", size="3", class_name="cv-break"),
            rx.text(
                rx.cond(file.source, file.source + " · ", ""),
                rx.match(file.status, *_STATUS.items(), ""),
                size="1",
                color=_MUTED,
            ),
            spacing="0",
            min_width="0",
            flex="1",
        ),
        rx.cond(
            working,
            rx.fragment(),
            rx.icon_button(
                rx.icon("x", size=16),
                variant="ghost",
                color_scheme="gray",
                size="1",
                type="button",
                aria_label="Remove " + file.filename + " from the list",
                on_click=ImportState.dismiss(file.key),
            ),
        ),
        spacing="3",
        align="start",
        width="100%",
    )


def _progress(file: rx.Var[FileImport], text: str) -> rx.Component:
    return rx.vstack(
        rx.text(text, " ", file.progress, "%", size="2"),
        rx.progress(value=file.progress, max=100, width="100%"),
        spacing="2",
        width="100%",
        role="status",
    )


def _failure(file: rx.Var[FileImport]) -> rx.Component:
    return rx.callout.root(
        rx.callout.icon(rx.icon("triangle-alert")),
        rx.vstack(
            rx.callout.text(file.error),
            rx.cond(
                file.error_details.length() > 0,
                rx.el.ul(
                    rx.foreach(file.error_details, lambda line: rx.el.li(line)),
                    class_name="cv-bullets cv-break",
                ),
            ),
            rx.callout.text("Nothing was stored from this file.", size="1"),
            spacing="1",
        ),
        color_scheme="red",
        role="alert",
        width="100%",
    )


def _warnings(file: rx.Var[FileImport]) -> rx.Component:
    return rx.cond(
        file.warnings.length() > 0,
        rx.callout.root(
            rx.callout.icon(rx.icon("info")),
            rx.vstack(
                rx.callout.text("Worth a look before you apply:", weight="medium"),
                rx.el.ul(
                    rx.foreach(file.warnings, lambda line: rx.el.li(line)),
                    class_name="cv-bullets cv-break",
                ),
                spacing="1",
            ),
            color_scheme="amber",
            width="100%",
            data_testid="import-warnings",
        ),
    )


def _apply_bar(file: rx.Var[FileImport]) -> rx.Component:
    applying = file.status == "applying"
    return rx.vstack(
        form_alert(file.apply_error),
        rx.cond(
            file.affects,
            rx.callout(
                file.affects,
                icon="info",
                color_scheme="blue",
                size="1",
                width="100%",
                data_testid="import-affects",
            ),
        ),
        rx.cond(applying, _progress(file, "Applying…")),
        rx.flex(
            rx.button(
                rx.icon("check", size=16),
                "Apply",
                size="3",
                type="button",
                loading=applying,
                disabled=applying,
                on_click=ImportState.apply(file.key),
                aria_label="Apply the import of " + file.filename,
            ),
            rx.text(
                "Nothing changes in your profile until you apply, and then all at once.",
                size="2",
                color=_MUTED,
            ),
            spacing="3",
            align=rx.breakpoints(initial="start", sm="center"),
            direction=rx.breakpoints(initial="column", sm="row"),
        ),
        spacing="3",
        width="100%",
        padding_top="12px",
        border_top=f"1px solid {rx.color('gray', 5)}",
    )


def _preview(file: rx.Var[FileImport]) -> rx.Component:
    empty = (file.creates.length() + file.updates.length() + file.duplicates.length()) == 0
    return rx.vstack(
        rx.cond(
            file.files_read,
            rx.el.details(
                rx.el.summary(
                    rx.text("Files read from the archive", as_="span", size="1"),
                    cursor="pointer",
                    color=_MUTED,
                ),
                rx.text(file.files_read, size="1", color=_MUTED, padding_top="4px"),
            ),
        ),
        _warnings(file),
        rx.cond(
            empty,
            rx.text(
                "This file holds nothing to import: no profile fields or items were found.",
                size="2",
            ),
        ),
        preview_table(
            file,
            "creates",
            "New items",
            "Not in your profile yet.",
            noun="new items",
        ),
        preview_table(
            file,
            "updates",
            "Matching items",
            "Look like something you already have: merge to fill in what is missing, "
            "create to keep both, or skip.",
            noun="matching items",
        ),
        preview_table(
            file,
            "duplicates",
            "Already in your profile",
            "Nothing new in these, so they are skipped unless you choose otherwise.",
            noun="items already in your profile",
        ),
        _apply_bar(file),
        spacing="4",
        width="100%",
    )


def _applied_item(item: rx.Var[AppliedRow]) -> rx.Component:
    return rx.el.li(
        rx.link(item.label, href=item.href, class_name="cv-break"),
        rx.text(
            " · ",
            item.section,
            " · ",
            item.action,
            as_="span",
            size="1",
            color=_MUTED,
        ),
    )


def _summary(file: rx.Var[FileImport]) -> rx.Component:
    return rx.vstack(
        rx.callout.root(
            rx.callout.icon(rx.icon("circle-check")),
            rx.callout.text(
                "Imported: ",
                file.created,
                " created, ",
                file.merged,
                " merged, ",
                file.skipped,
                " skipped.",
            ),
            color_scheme="green",
            role="status",
            width="100%",
        ),
        rx.cond(
            file.applied.length() > 0,
            rx.el.ul(
                rx.foreach(file.applied, _applied_item),
                class_name="cv-bullets",
                data_testid="import-summary",
            ),
        ),
        form_alert(file.undo_error),
        rx.flex(
            rx.button(
                rx.el.a(rx.icon("id-card", size=16), "Open your profile", href=routes.PROFILE),
                as_child=True,
                variant="soft",
            ),
            rx.button(
                rx.icon("undo-2", size=16),
                "Undo this import",
                type="button",
                variant="outline",
                color_scheme="gray",
                loading=file.undoing,
                on_click=ImportState.undo(file.key),
                aria_label="Undo the import of " + file.filename,
            ),
            spacing="3",
            wrap="wrap",
        ),
        spacing="3",
        width="100%",
    )


def _undone(file: rx.Var[FileImport]) -> rx.Component:
    return rx.callout.root(
        rx.callout.icon(rx.icon("undo-2")),
        rx.callout.text(file.undone),
        color_scheme="gray",
        role="status",
        width="100%",
    )


def file_card(file: rx.Var[FileImport]) -> rx.Component:
    """The card of one file, whatever its state."""
    return rx.card(
        rx.vstack(
            _header(file),
            rx.match(
                file.status,
                ("reading", _progress(file, "Reading the file…")),
                ("failed", _failure(file)),
                ("refused", _failure(file)),
                ("applied", _summary(file)),
                ("undone", _undone(file)),
                _preview(file),
            ),
            spacing="4",
            width="100%",
        ),
        width="100%",
        size=rx.breakpoints(initial="1", sm="3"),
        data_testid="import-file",
    )
