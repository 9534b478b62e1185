"""Reviewing an AI suggestion: original and suggestion side by side, the changes highlighted,
anything the profile does not back marked, and what changed and why."""

from __future__ import annotations

import reflex as rx
from reflex.vars.base import Var

from cvapp.components.ai.parts import DELETE, INSERT, WARNING, Claim, TextPart
from cvapp.components.upgrade import limit_notice

_MUTED = rx.color("gray", 11)
_INSERTED = {
    "background": rx.color("green", 4),
    "color": rx.color("green", 12),
    "text_decoration": "none",
    "border_radius": "3px",
}
_DELETED = {
    "background": rx.color("red", 4),
    "color": rx.color("red", 12),
    "text_decoration": "line-through",
    "border_radius": "3px",
}
_WARNED = {
    "background": rx.color("amber", 5),
    "color": rx.color("gray", 12),
    "border_bottom": f"2px solid {rx.color('amber', 10)}",
    "border_radius": "3px",
}


def working(message: str) -> rx.Component:
    """A spinner and what is happening, announced politely to screen readers."""
    return rx.hstack(
        rx.spinner(size="2"),
        rx.text(message, size="2", color=_MUTED),
        role="status",
        aria_live="polite",
        spacing="2",
        align="center",
    )


def error_callout(message: Var[str], upgrade_to: Var[str] | None = None) -> rx.Component:
    """A failed AI call or save (nothing when ``message`` is empty); the day's calls used up
    (``upgrade_to`` set) come with the upgrade to the plan that has more."""
    failed = rx.callout(
        message, icon="triangle_alert", color_scheme="red", role="alert", width="100%"
    )
    if upgrade_to is not None:
        failed = rx.cond(
            upgrade_to != "", limit_notice(message, upgrade_to, test_id="ai-limit"), failed
        )
    return rx.cond(message, failed)


def _part(part: Var[TextPart]) -> rx.Component:
    return rx.match(
        part.tag,
        (INSERT, rx.el.ins(part.text, style=_INSERTED)),
        (DELETE, rx.el.del_(part.text, style=_DELETED)),
        (WARNING, rx.el.mark(part.text, title=part.note, style=_WARNED)),
        rx.el.span(part.text),
    )


def _pane(
    label: str, hint: str, parts: Var[list[TextPart]], empty: str, marked: Var[bool]
) -> rx.Component:
    return rx.vstack(
        rx.hstack(
            rx.text(label, size="2", weight="bold"),
            rx.cond(marked, rx.text(hint, size="1", color=_MUTED)),
            spacing="2",
            align="baseline",
            wrap="wrap",
        ),
        rx.box(
            rx.cond(
                parts.length() > 0,
                rx.text(rx.foreach(parts, _part), as_="p", size="3", white_space="pre-wrap"),
                rx.text(empty, size="2", color=_MUTED, font_style="italic"),
            ),
            padding="12px",
            border=f"1px solid {rx.color('gray', 6)}",
            border_radius="var(--radius-3)",
            background=rx.color("gray", 2),
            width="100%",
            min_height="64px",
        ),
        spacing="2",
        width="100%",
        min_width="0",
        role="group",
        aria_label=label,
    )


def _legend(marked: Var[bool], claims: Var[list[Claim]]) -> rx.Component:
    return rx.hstack(
        rx.cond(
            marked,
            rx.fragment(
                rx.text(rx.el.del_("removed", style=_DELETED), size="1"),
                rx.text(rx.el.ins("added", style=_INSERTED), size="1"),
            ),
        ),
        rx.cond(
            claims.length() > 0,
            rx.text(rx.el.mark("not in your profile", style=_WARNED), size="1"),
        ),
        spacing="3",
        wrap="wrap",
        aria_hidden="true",
    )


def _claim(claim: Var[Claim]) -> rx.Component:
    return rx.el.li(
        rx.el.mark(claim.text, style=_WARNED),
        " — ",
        claim.message,
    )


def _claims(claims: Var[list[Claim]]) -> rx.Component:
    return rx.cond(
        claims.length() > 0,
        rx.callout.root(
            rx.callout.icon(rx.icon("shield-alert")),
            rx.box(
                rx.callout.text(
                    "Check before you accept: your profile does not back these.", weight="bold"
                ),
                rx.el.ul(
                    rx.foreach(claims, _claim),
                    padding_left="1.2em",
                    margin_top="4px",
                    font_size="var(--font-size-2)",
                ),
            ),
            color_scheme="amber",
            role="note",
            width="100%",
        ),
    )


def _notes(title: str, lines: Var[list[str]]) -> rx.Component:
    return rx.cond(
        lines.length() > 0,
        rx.box(
            rx.text(title, size="2", weight="bold", as_="p"),
            rx.el.ul(
                rx.foreach(lines, lambda line: rx.el.li(rx.text(line, size="2"))),
                padding_left="1.2em",
                margin_top="2px",
                color=_MUTED,
            ),
            width="100%",
        ),
    )


def suggestion_review(
    *,
    original: Var[list[TextPart]],
    suggestion: Var[list[TextPart]],
    claims: Var[list[Claim]],
    changes: Var[list[str]] | None = None,
    tips: Var[list[str]] | None = None,
    empty_original: str = "Nothing yet.",
    marked: Var[bool] | bool = True,
) -> rx.Component:
    """Side by side on wide screens, one above the other on narrow ones; ``marked`` says
    whether removed and added words are highlighted."""
    shown = Var.create(marked)
    return rx.vstack(
        rx.grid(
            _pane("Original", "removed words struck through", original, empty_original, shown),
            _pane("Suggestion", "added words highlighted", suggestion, "", shown),
            columns=rx.breakpoints(initial="1", sm="2"),
            spacing="3",
            width="100%",
        ),
        _legend(shown, claims),
        _claims(claims),
        _notes("What changed", changes) if changes is not None else rx.fragment(),
        _notes("Only you can add", tips) if tips is not None else rx.fragment(),
        spacing="3",
        width="100%",
    )
