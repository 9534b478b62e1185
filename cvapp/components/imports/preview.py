"""A preview table: the items of one kind (new, matching, already there), a choice per row —
create, merge into the match, skip — and "all" buttons heading each choice's column."""

from __future__ import annotations

import reflex as rx

from cvapp.state.imports.rows import FieldDiff, FileImport, PreviewRow
from cvapp.state.imports.state import ImportState

_MUTED = rx.color("gray", 11)
_CHOICES = (("create", "Create"), ("merge", "Merge"), ("skip", "Skip"))


def _radio(file: rx.Var[FileImport], row: rx.Var[PreviewRow], action: str, label: str):  # type: ignore[no-untyped-def]
    locked = file.status != "previewed"
    disabled = {"create": ~row.can_create | locked, "merge": (row.match == "") | locked}
    return rx.el.input(
        type="radio",
        name=file.key + "-" + row.item_ref,
        value=action,
        checked=row.choice == action,
        disabled=disabled.get(action, locked),
        on_change=ImportState.choose(file.key, row.item_ref, action),
        aria_label=f"{label}: " + row.label,
        width="18px",
        height="18px",
        margin="0",
        cursor="pointer",
        style={"accent_color": "var(--accent-9)"},
    )


def _change(diff: rx.Var[FieldDiff]) -> rx.Component:
    return rx.el.li(rx.el.strong(diff.name), ": ", diff.incoming)


def _conflict(
    file: rx.Var[FileImport], row: rx.Var[PreviewRow], diff: rx.Var[FieldDiff]
) -> rx.Component:
    return rx.box(
        rx.checkbox(
            rx.text(
                "Use the file's ",
                rx.el.strong(diff.name.lower()),
                ": “",
                diff.incoming,
                "” (yours: “",
                diff.current,
                "”)",
                class_name="cv-break",
            ),
            checked=diff.overwrite,
            disabled=file.status != "previewed",
            on_change=ImportState.set_overwrite(file.key, row.item_ref, diff.field),
            size="1",
        ),
    )


def _details(file: rx.Var[FileImport], row: rx.Var[PreviewRow]) -> rx.Component:
    changes, conflicts = row.changes.length(), row.conflicts.length()
    return rx.cond(
        (changes + conflicts) > 0,
        rx.el.details(
            rx.el.summary(
                rx.text(
                    "Compare: ",
                    rx.cond(changes > 0, rx.fragment(changes, " to add")),
                    rx.cond((changes > 0) & (conflicts > 0), ", ", ""),
                    rx.cond(conflicts > 0, rx.fragment(conflicts, " different")),
                    as_="span",
                    size="1",
                ),
                cursor="pointer",
                color=rx.color("accent", 11),
                width="fit-content",
            ),
            rx.vstack(
                rx.cond(
                    changes > 0,
                    rx.box(
                        rx.text("A merge adds:", size="1", color=_MUTED),
                        rx.el.ul(
                            rx.foreach(row.changes, _change),
                            class_name="cv-bullets cv-break",
                            font_size="var(--font-size-1)",
                        ),
                    ),
                ),
                rx.cond(
                    conflicts > 0,
                    rx.vstack(
                        rx.text(
                            "A merge keeps your values unless you tick them:",
                            size="1",
                            color=_MUTED,
                        ),
                        rx.foreach(row.conflicts, lambda diff: _conflict(file, row, diff)),
                        spacing="1",
                    ),
                ),
                spacing="2",
                padding_top="6px",
                font_size="var(--font-size-1)",
            ),
        ),
    )


def _item(file: rx.Var[FileImport], row: rx.Var[PreviewRow]) -> rx.Component:
    return rx.vstack(
        rx.text(row.label, size="2", weight="medium", class_name="cv-break"),
        rx.flex(
            rx.badge(row.section, variant="soft", color_scheme="gray", size="1"),
            rx.cond(
                row.review,
                rx.badge(
                    rx.icon("eye", size=12),
                    "Check: read with low confidence",
                    color_scheme="amber",
                    variant="soft",
                    size="1",
                    data_testid="import-review",
                ),
            ),
            rx.cond(row.source, rx.text(row.source, size="1", color=_MUTED)),
            spacing="2",
            align="center",
            wrap="wrap",
        ),
        rx.cond(
            row.match,
            rx.text(
                rx.cond(row.possible, "Possibly the same as ", "Matches "),
                rx.el.strong(row.match),
                size="1",
                color=_MUTED,
                class_name="cv-break",
            ),
        ),
        _details(file, row),
        spacing="1",
        min_width="0",
    )


def _row(file: rx.Var[FileImport], row: rx.Var[PreviewRow]) -> rx.Component:
    return rx.table.row(
        rx.table.row_header_cell(_item(file, row), font_weight="normal"),
        *(
            rx.table.cell(_radio(file, row, action, label), text_align="center")
            for action, label in _CHOICES
        ),
        data_testid="import-row",
        align="center",
    )


def _column(file: rx.Var[FileImport], kind: str, action: str, label: str, noun: str):  # type: ignore[no-untyped-def]
    return rx.table.column_header_cell(
        rx.vstack(
            rx.text(label, size="1", weight="bold"),
            rx.button(
                "All",
                size="1",
                variant="ghost",
                type="button",
                disabled=file.status != "previewed",
                aria_label=f"{label} all {noun}",
                on_click=ImportState.choose_all(file.key, kind, action),
                margin="0",
            ),
            spacing="1",
            align="center",
        ),
        text_align="center",
        # As narrow as the heading: the item column takes the rest (it matters at 375 px).
        width="1%",
        white_space="nowrap",
    )


def preview_table(
    file: rx.Var[FileImport], kind: str, title: str, lead: str, *, noun: str
) -> rx.Component:
    """The rows of ``kind`` (``creates``, ``updates``, ``duplicates``); nothing when empty."""
    rows: rx.Var[list[PreviewRow]] = getattr(file, kind)
    return rx.cond(
        rows.length() > 0,
        rx.vstack(
            rx.vstack(
                rx.hstack(
                    rx.heading(title, as_="h3", size="3"),
                    rx.badge(rows.length(), variant="soft", radius="full"),
                    spacing="2",
                    align="center",
                ),
                rx.text(lead, size="2", color=_MUTED),
                spacing="1",
            ),
            rx.table.root(
                rx.table.header(
                    rx.table.row(
                        rx.table.column_header_cell("Item", vertical_align="bottom"),
                        *(_column(file, kind, action, label, noun) for action, label in _CHOICES),
                    ),
                ),
                rx.table.body(rx.foreach(rows, lambda row: _row(file, row))),
                variant="surface",
                size="1",
                width="100%",
                data_testid=f"import-{kind}",
            ),
            spacing="2",
            width="100%",
        ),
    )
