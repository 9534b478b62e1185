"""The "Improve" action for any bullet, summary or description, and its dialog.

A page puts ``improve_dialog()`` once and an ``improve_button(...)`` beside each text::

    improve_button(bullet, section="experiences", item_id=item.id, field="responsibilities",
                   index=i)                       # accepting saves the bullet, Undo restores it
    improve_dialog(on_saved=ProfileState.load)    # runs after each save or undo

A form holding unsaved edits takes the text itself, on a channel of its own (``section`` and
``item_id`` then only tell the AI which item it is, e.g. for the tense)::

    improve_button(draft_bullet, index=i, section="experiences", item_id=item_id,
                   channel="item-form")
    improve_dialog(channel="item-form", on_apply=lambda index, text: Form.set_bullet(index, text))

Without a ``section`` (and without ``on_apply``) the suggestion can only be copied. Something
else that opens the dialog (a form's submit) runs ``REMEMBER_OPENER`` first, so focus returns
to it when the dialog closes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import reflex as rx
from reflex.event import EventType
from reflex.vars.base import Var

from cvapp.components.ai.improve_state import STORED, ImproveTextState
from cvapp.components.ai.review import error_callout, suggestion_review, working
from cvapp.domain.ai.accept import PROFILE

S = ImproveTextState
# The dialog opens without a Radix trigger, so closing it would leave focus nowhere: the
# button that opened it is marked, and focused again on close (code compiled into the bundle).
_MARK = "data-improve-opener"
REMEMBER_OPENER = rx.run_script(
    f"(document.querySelectorAll('[{_MARK}]').forEach((e) => e.removeAttribute('{_MARK}')), "
    f"document.activeElement?.setAttribute('{_MARK}', ''))"
)
_FOCUS_OPENER = rx.run_script(f"document.querySelector('[{_MARK}]')?.focus()")
Apply = Callable[[Var[int], Var[str]], EventType[()]]

__all__ = [
    "PROFILE",
    "REMEMBER_OPENER",
    "STORED",
    "ImproveTextState",
    "improve_button",
    "improve_dialog",
]


def improve_button(
    text: str | Var[str],
    *,
    kind: str | Var[str] = "bullet",
    section: str | Var[str] = "",
    item_id: str | Var[str] = "",
    field: str | Var[str] = "",
    index: int | Var[int] = -1,
    channel: str = STORED,
    tense: str | Var[str] = "",
    target_role: str | Var[str] = "",
    label: str = "Improve",
    **props: Any,
) -> rx.Component:
    """A small button asking for a better version of ``text`` (see the module docstring);
    with ``label=""`` an icon button, named by the ``aria_label`` prop."""
    target = {
        "text": text,
        "kind": kind,
        "section": section,
        "item_id": item_id,
        "field": field,
        "index": index,
        "channel": channel,
        "tense": tense,
        "target_role": target_role,
    }
    on_click = [REMEMBER_OPENER, S.start(target)]
    if not label:
        props.setdefault("title", props.get("aria_label"))
        return rx.icon_button(
            rx.icon("sparkles", size=16),
            size="2",
            variant="ghost",
            type="button",
            on_click=on_click,
            **props,
        )
    return rx.button(
        rx.icon("sparkles", size=14),
        label,
        size="1",
        variant="soft",
        type="button",
        on_click=on_click,
        **props,
    )


def _title() -> rx.Component:
    return rx.dialog.title(
        rx.match(
            S.kind,
            ("summary", "Improve your summary"),
            ("description", "Improve this description"),
            "Improve this bullet",
        ),
        margin_bottom="4px",
    )


def _status_line() -> rx.Component:
    calls = rx.cond(
        S.calls_limit > 0,
        rx.text(S.calls_left, " of ", S.calls_limit, " AI calls left today.", size="1"),
    )
    return rx.hstack(
        rx.cond(S.cached, rx.text("Reused from an earlier request (not counted).", size="1")),
        calls,
        spacing="3",
        wrap="wrap",
        color=rx.color("gray", 11),
    )


def _body() -> rx.Component:
    return rx.cond(
        S.loading,
        rx.box(working("Writing a suggestion…"), padding_y="24px"),
        rx.cond(
            S.suggestion != "",
            rx.vstack(
                rx.cond(
                    S.unchanged,
                    rx.callout(
                        "This already reads well: no change to suggest.",
                        icon="circle_check",
                        color_scheme="green",
                        width="100%",
                    ),
                ),
                suggestion_review(
                    original=S.original_parts,
                    suggestion=S.suggestion_parts,
                    claims=S.claims,
                    changes=S.changes,
                    tips=S.tips,
                ),
                _status_line(),
                spacing="3",
                width="100%",
            ),
        ),
    )


def _choices(accept: list[EventType[()]], undo: list[EventType[()]]) -> rx.Component:
    """Reject or Accept; once accepted, Undo or Done; Close when there is nothing to accept."""
    busy = S.loading | S.saving
    has_suggestion = S.suggestion != ""
    return rx.cond(
        S.accepted,
        rx.fragment(
            rx.button("Undo", variant="soft", color_scheme="gray", loading=S.saving, on_click=undo),
            rx.button("Done", on_click=S.set_open(False), disabled=S.saving),
        ),
        rx.fragment(
            rx.button(
                rx.cond(has_suggestion, "Reject", "Close"),
                variant="soft",
                color_scheme="gray",
                on_click=S.set_open(False),
                disabled=S.saving,
            ),
            rx.cond(
                S.loading | has_suggestion,
                rx.button(
                    "Accept",
                    loading=S.saving,
                    on_click=accept,
                    disabled=busy | ~has_suggestion | S.unchanged,
                ),
            ),
        ),
    )


def _copy_only() -> rx.Component:
    return rx.fragment(
        rx.button("Close", variant="soft", color_scheme="gray", on_click=S.set_open(False)),
        rx.button(
            rx.icon("copy", size=14),
            "Copy suggestion",
            on_click=[rx.set_clipboard(S.suggestion), S.copied],
            disabled=S.loading | (S.suggestion == ""),
        ),
    )


def _actions(on_saved: list[EventType[()]], on_apply: Apply | None) -> rx.Component:
    if on_apply is not None:
        applied = _choices(
            [on_apply(S.index, S.suggestion), S.mark_applied(True)],
            [on_apply(S.index, S.original), S.mark_applied(False)],
        )
        return rx.flex(applied, spacing="3", justify="end", wrap="wrap", width="100%")
    saved = _choices([S.accept, *on_saved], [S.undo, *on_saved])
    return rx.flex(
        rx.cond(S.saves, saved, _copy_only()),
        spacing="3",
        justify="end",
        wrap="wrap",
        width="100%",
    )


def improve_dialog(
    *,
    channel: str = STORED,
    on_saved: EventType[()] | list[EventType[()]] | None = None,
    on_apply: Apply | None = None,
) -> rx.Component:
    """The dialog showing the original and the suggestion of the ``channel``'s buttons.

    ``on_saved`` runs after an accepted suggestion or an undo was saved (to reload the page's
    data); ``on_apply(index, text)`` instead hands the text to the page's own form.
    """
    saved = on_saved if isinstance(on_saved, list) else [on_saved] if on_saved else []
    return rx.dialog.root(
        rx.dialog.content(
            _title(),
            rx.dialog.description(
                "Compare the two versions. Nothing changes until you accept, "
                "and you can undo it afterwards.",
                size="2",
                color=rx.color("gray", 11),
                margin_bottom="12px",
            ),
            rx.vstack(
                error_callout(S.error, S.quota_upgrade),
                _body(),
                rx.cond(
                    S.notice,
                    rx.callout(
                        S.notice,
                        icon="circle_check",
                        color_scheme="green",
                        role="status",
                        width="100%",
                    ),
                ),
                _actions(saved, on_apply),
                spacing="4",
                width="100%",
            ),
            on_close_auto_focus=_FOCUS_OPENER,
            max_width="880px",
            width="calc(100vw - 24px)",
            padding=rx.breakpoints(initial="16px", sm="24px"),
        ),
        open=S.channel == channel,
        on_open_change=S.set_open,
    )
