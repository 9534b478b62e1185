"""The CV's version history: every save with what it changed, compare with now, restore
(undoable), name a version."""

from __future__ import annotations

import reflex as rx

from cvapp.components.forms import form_alert, form_notice
from cvapp.state.cvs.history import CvHistoryState as S
from cvapp.state.cvs.history import DifferenceRow, RevisionRow

MUTED = rx.color("gray", 11)


def _difference(row: DifferenceRow) -> rx.Component:
    return rx.el.li(rx.text(row.label, size="2"))


def _comparison(row: RevisionRow) -> rx.Component:
    return rx.vstack(
        rx.text("What changed since version ", row.number, size="2", weight="bold"),
        rx.cond(
            S.differences.length() > 0,
            rx.el.ul(
                rx.foreach(S.differences, _difference),
                style={"paddingLeft": "1.2em", "margin": 0},
            ),
            rx.text("Nothing: the CV is the same as then.", size="2", color=MUTED),
        ),
        rx.form(
            rx.flex(
                rx.el.label(
                    "Name this version",
                    html_for=f"version-name-{row.number}",
                    style={"fontSize": "var(--font-size-2)"},
                ),
                rx.input(
                    id=f"version-name-{row.number}",
                    name="name",
                    default_value=row.name,
                    placeholder="e.g. Sent to Acme",
                    max_length=100,
                    size="2",
                ),
                rx.button("Save name", type="submit", size="2", variant="soft"),
                spacing="2",
                align="center",
                wrap="wrap",
            ),
            on_submit=S.name_version,
            width="100%",
        ),
        spacing="2",
        padding="12px",
        width="100%",
        border_radius="var(--radius-3)",
        background=rx.color("gray", 2),
        data_testid="version-comparison",
    )


def _revision(row: RevisionRow) -> rx.Component:
    return rx.el.li(
        rx.vstack(
            rx.flex(
                rx.badge("Version ", row.number, variant="soft", color_scheme="gray"),
                rx.cond(row.current, rx.badge("Now", color_scheme="green")),
                rx.cond(row.name != "", rx.badge(rx.icon("tag", size=12), row.name)),
                rx.cond(row.actor != "", rx.badge(row.actor, variant="outline")),
                spacing="2",
                align="center",
                wrap="wrap",
            ),
            rx.text(row.label, size="2", weight="medium"),
            rx.text(row.when, size="1", color=MUTED),
            rx.flex(
                rx.button(
                    rx.cond(S.compared == row.number, "Hide comparison", "Compare with now"),
                    size="1",
                    variant="soft",
                    color_scheme="gray",
                    type="button",
                    on_click=S.compare(row.number),
                    aria_expanded=rx.cond(S.compared == row.number, "true", "false"),
                ),
                rx.cond(
                    ~row.current & (row.action != "deleted"),
                    rx.button(
                        rx.icon("history", size=14),
                        "Restore this version",
                        size="1",
                        variant="soft",
                        type="button",
                        on_click=S.restore(row.number),
                        loading=S.restoring == row.number,
                        disabled=S.read_only,
                    ),
                ),
                spacing="2",
                wrap="wrap",
            ),
            rx.cond(S.compared == row.number, _comparison(row)),
            spacing="1",
            width="100%",
        ),
        style={
            "listStyle": "none",
            "padding": "12px 0",
            "borderBottom": f"1px solid {rx.color('gray', 4)}",
        },
        data_testid="cv-version",
    )


def cv_history() -> rx.Component:
    """The History tab of the CV editor."""
    return rx.vstack(
        rx.heading("Version history", as_="h2", size="4"),
        rx.text(
            "Every save is kept for ",
            S.kept_days,
            " days on your plan (named versions as long as the CV exists). Restoring is a "
            "save too, so a restore can be undone.",
            size="2",
            color=MUTED,
        ),
        form_notice(S.history_notice),
        form_alert(S.history_error),
        rx.cond(
            S.history_loading & (S.revisions.length() == 0),
            rx.flex(rx.spinner(), rx.text("Loading the history…", size="2"), spacing="2"),
            rx.cond(
                S.revisions.length() > 0,
                rx.el.ol(
                    rx.foreach(S.revisions, _revision),
                    style={"padding": 0, "margin": 0, "width": "100%"},
                    aria_label="Versions of this CV, newest first",
                ),
                rx.text(
                    "No versions yet: each change you save to this CV appears here.",
                    size="2",
                    color=MUTED,
                ),
            ),
        ),
        spacing="3",
        width="100%",
        data_testid="cv-history",
    )
