"""A version-history panel (the CV editor's tab, the profile editor's tab): every save with
what it changed, compare with now, restore (undoable), name a version; and the Undo / Redo
buttons with their shortcuts. ``S`` is the state class holding the history's vars and events
(``CvHistoryState``, ``ProfileHistoryState``)."""

from __future__ import annotations

from typing import Any

import reflex as rx

from cvapp.components.forms import form_alert, form_notice
from cvapp.state.history import DifferenceRow, RevisionRow

MUTED = rx.color("gray", 11)


def _difference(row: DifferenceRow) -> rx.Component:
    return rx.el.li(rx.text(row.label, size="2"))


def _comparison(S: Any, row: RevisionRow, subject: str) -> rx.Component:
    return rx.vstack(
        rx.text("What changed since version ", row.number, size="2", weight="bold"),
        rx.cond(
            S.differences.length() > 0,
            rx.el.ul(
                rx.foreach(S.differences, _difference),
                style={"paddingLeft": "1.2em", "margin": 0},
            ),
            rx.text(f"Nothing: the {subject} is the same as then.", size="2", color=MUTED),
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


def _revision(S: Any, row: RevisionRow, subject: str, testid: str) -> rx.Component:
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
            rx.cond(S.compared == row.number, _comparison(S, row, subject)),
            spacing="1",
            width="100%",
        ),
        style={
            "listStyle": "none",
            "padding": "12px 0",
            "borderBottom": f"1px solid {rx.color('gray', 4)}",
        },
        data_testid=testid,
    )


def history_panel(
    S: Any, *, subject: str, kept: str, testid: str, item_testid: str
) -> rx.Component:
    """The timeline of ``S``'s revisions (``subject``: "CV", "profile")."""
    return rx.vstack(
        rx.heading("Version history", as_="h2", size="4"),
        rx.text(
            "Every save is kept for ",
            S.kept_days,
            f" days on your plan ({kept}). Restoring is a save too, so a restore can be undone.",
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
                    rx.foreach(S.revisions, lambda row: _revision(S, row, subject, item_testid)),
                    style={"padding": 0, "margin": 0, "width": "100%"},
                    aria_label=f"Versions of this {subject}, newest first",
                ),
                rx.text(
                    f"No versions yet: each change you save to this {subject} appears here.",
                    size="2",
                    color=MUTED,
                ),
            ),
        ),
        spacing="3",
        width="100%",
        data_testid=testid,
    )


# Ctrl/Cmd+Z and Ctrl/Cmd+Shift+Z (or Ctrl+Y) press the editor's Undo and Redo buttons, except
# while typing in a field (where they undo the typing). Installed once, compiled into the
# bundle (no eval: the CSP forbids it).
_SHORTCUTS = """
window.cvUndoKeys || ((window.cvUndoKeys = true), document.addEventListener("keydown", (event) => {
  const key = (event.key || "").toLowerCase();
  if (!(event.ctrlKey || event.metaKey) || (key !== "z" && key !== "y")) return;
  const target = event.target;
  const typing = /^(INPUT|TEXTAREA|SELECT)$/.test(target?.tagName || "");
  if (typing || target?.isContentEditable) return;
  const which = key === "y" || event.shiftKey ? "redo" : "undo";
  const button = document.querySelector(`[data-shortcut="${which}"]`);
  if (button && !button.disabled) { event.preventDefault(); button.click(); }
}))
"""


def undo_redo(S: Any, *, subject: str, knows_undo: bool = False) -> rx.Component:
    """Undo and Redo across saves (``subject``'s version history), with their shortcuts.

    ``knows_undo``: the state's ``can_undo`` says whether there is anything to undo (Undo is
    then disabled when there is not)."""
    return rx.flex(
        rx.button(
            rx.icon("undo-2", size=14),
            "Undo",
            size="1",
            variant="soft",
            color_scheme="gray",
            type="button",
            on_click=S.undo,
            disabled=(~S.can_undo | S.read_only) if knows_undo else S.read_only,
            title=f"Undo the last change to the {subject} (Ctrl+Z)",
            aria_keyshortcuts="Control+Z Meta+Z",
            data_shortcut="undo",
        ),
        rx.button(
            rx.icon("redo-2", size=14),
            "Redo",
            size="1",
            variant="soft",
            color_scheme="gray",
            type="button",
            on_click=S.redo,
            disabled=~S.can_redo | S.read_only,
            title="Redo (Ctrl+Shift+Z)",
            aria_keyshortcuts="Control+Shift+Z Meta+Shift+Z Control+Y",
            data_shortcut="redo",
        ),
        rx.text(S.undo_notice, size="1", color=MUTED, role="status"),
        rx.box(display="none", on_mount=rx.run_script(_SHORTCUTS)),
        spacing="2",
        align="center",
        wrap="wrap",
    )
