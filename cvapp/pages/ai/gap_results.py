"""The gap analysis as the page shows it: the score and how it was computed, then matched,
hidden (with the items proving them and "Add to this CV") and missing requirements."""

from __future__ import annotations

import reflex as rx
from reflex.vars.base import Var

from cvapp.components.ai.frame import panel
from cvapp.pages.ai.gap_state import EvidenceRow, GapState, RequirementRow, SuggestionRow

_MUTED = rx.color("gray", 11)
_ON_A_CV = GapState.analysed_cv != ""


def _add_button(key: Var[str], label: Var[str]) -> rx.Component:
    return rx.cond(
        GapState.added.contains(key),
        rx.badge(rx.icon("check", size=12), "Added", color_scheme="green"),
        rx.button(
            rx.icon("plus", size=14),
            "Add to this CV",
            size="1",
            variant="soft",
            loading=GapState.adding == key,
            disabled=GapState.adding != "",
            on_click=GapState.add_to_cv(key),
            aria_label="Add " + label + " to this CV",
        ),
    )


def _evidence(row: Var[EvidenceRow]) -> rx.Component:
    where = rx.cond(
        row.on_cv,
        rx.badge("on this CV", color_scheme="green", variant="surface", size="1"),
        rx.cond(
            _ON_A_CV & ~GapState.added.contains(row.key),
            rx.badge("not on this CV", color_scheme="amber", variant="surface", size="1"),
        ),
    )
    return rx.el.li(
        rx.flex(
            rx.icon("file-check", size=14, color=_MUTED, flex_shrink="0", margin_top="3px"),
            rx.box(
                rx.flex(
                    rx.text(row.label, size="2", weight="medium"),
                    where,
                    spacing="2",
                    wrap="wrap",
                    align="center",
                ),
                rx.cond(
                    row.snippet,
                    rx.text("“", row.snippet, "”", size="1", color=_MUTED, font_style="italic"),
                ),
                flex="1",
                min_width="0",
            ),
            rx.cond(~row.on_cv & _ON_A_CV, _add_button(row.key, row.label)),
            spacing="2",
            align="start",
            wrap="wrap",
            width="100%",
        ),
        list_style="none",
        padding_y="4px",
    )


def _requirement(row: Var[RequirementRow]) -> rx.Component:
    return rx.el.li(
        rx.flex(
            rx.text(row.name, size="3", weight="bold"),
            rx.badge(
                row.importance,
                size="1",
                variant="soft",
                color_scheme=rx.cond(row.importance == "required", "indigo", "gray"),
            ),
            rx.cond(row.kind != "skill", rx.badge(row.kind, size="1", variant="outline")),
            spacing="2",
            align="center",
            wrap="wrap",
        ),
        rx.cond(row.note, rx.text(row.note, size="1", color=_MUTED, as_="p")),
        rx.cond(
            row.evidence.length() > 0,
            rx.el.ul(rx.foreach(row.evidence, _evidence), padding="0", margin="4px 0 0"),
        ),
        list_style="none",
        padding="10px 0",
        border_top=f"1px solid {rx.color('gray', 4)}",
    )


def _group(
    title: str, hint: str, icon: str, color: str, rows: Var[list[RequirementRow]]
) -> rx.Component:
    return panel(
        rx.flex(
            rx.icon(icon, size=18, color=rx.color(color, 11)),
            rx.heading(title, as_="h3", size="4"),
            rx.badge(rows.length(), color_scheme=color, variant="soft"),
            spacing="2",
            align="center",
        ),
        rx.text(hint, size="2", color=_MUTED),
        rx.cond(
            rows.length() > 0,
            rx.el.ul(rx.foreach(rows, _requirement), padding="0", margin="0", width="100%"),
            rx.text("None.", size="2", color=_MUTED),
        ),
    )


def _score() -> rx.Component:
    color = rx.cond(GapState.score >= 70, "green", rx.cond(GapState.score >= 40, "amber", "red"))
    return panel(
        rx.flex(
            rx.vstack(
                rx.text(
                    rx.cond(_ON_A_CV, "Fit with this CV", "Fit with your profile"),
                    size="2",
                    color=_MUTED,
                ),
                rx.hstack(
                    rx.text(GapState.score, size="9", weight="bold", line_height="1"),
                    rx.text("/ 100", size="3", color=_MUTED),
                    align="baseline",
                    spacing="1",
                ),
                spacing="1",
            ),
            rx.vstack(
                rx.cond(GapState.job_title, rx.text("Advert: ", GapState.job_title, size="2")),
                rx.progress(
                    value=GapState.score, max=100, color_scheme=color, size="3", aria_label="Score"
                ),
                rx.cond(
                    GapState.potential > GapState.score,
                    rx.text(
                        "Show the hidden items on this CV and it becomes ",
                        rx.el.strong(GapState.potential),
                        ".",
                        size="2",
                    ),
                ),
                spacing="2",
                flex="1",
                min_width="220px",
            ),
            spacing="5",
            align="center",
            wrap="wrap",
            width="100%",
        ),
        rx.el.details(
            rx.el.summary(
                rx.text("How the score is computed", as_="span", size="2", weight="medium"),
                cursor="pointer",
            ),
            rx.text(GapState.method, size="2", color=_MUTED, margin_top="6px"),
        ),
    )


def _suggestion(row: Var[SuggestionRow]) -> rx.Component:
    return rx.el.li(
        rx.flex(
            rx.text(row.message, size="2", flex="1", min_width="0"),
            rx.cond((row.key != "") & _ON_A_CV, _add_button(row.key, row.message)),
            spacing="2",
            align="start",
            wrap="wrap",
            width="100%",
        ),
        padding_y="6px",
    )


def _suggestions() -> rx.Component:
    return rx.cond(
        GapState.suggestions.length() > 0,
        panel(
            rx.heading("What to do next", as_="h3", size="4"),
            rx.el.ol(
                rx.foreach(GapState.suggestions, _suggestion),
                padding_left="1.2em",
                margin="0",
                width="100%",
            ),
        ),
    )


def gap_results() -> rx.Component:
    """Everything about the last analysis (nothing before the first one)."""
    return rx.cond(
        GapState.has_result,
        rx.vstack(
            _score(),
            rx.cond(
                GapState.notice,
                rx.callout(
                    GapState.notice,
                    icon="circle_check",
                    color_scheme="green",
                    role="status",
                    width="100%",
                ),
            ),
            _group("Matched", "Asked for, and shown.", "circle-check", "green", GapState.matched),
            _group(
                "Hidden",
                "In your profile but not on this CV: add the item that proves it.",
                "eye-off",
                "amber",
                GapState.hidden,
            ),
            _group("Missing", "Nowhere in your profile.", "circle-x", "red", GapState.missing),
            _suggestions(),
            spacing="4",
            width="100%",
        ),
    )
