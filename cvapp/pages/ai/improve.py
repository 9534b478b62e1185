"""Improve text at /app/ai: every bullet and the summary of the profile, each with "Improve",
and a box for any other text (its suggestion is copied, not saved)."""

from __future__ import annotations

import dataclasses
from typing import Any

import reflex as rx
from reflex.event import EventSpec

from cvapp import routes
from cvapp.components.ai.frame import ai_page, panel
from cvapp.components.ai.improve_text import (
    PROFILE,
    REMEMBER_OPENER,
    ImproveTextState,
    improve_button,
    improve_dialog,
)
from cvapp.components.ai.state import AiState
from cvapp.components.ai.text_target import TextTarget
from cvapp.components.layout import template
from cvapp.domain.profiles import views
from cvapp.domain.profiles.schemas import ProfileView
from cvapp.state.session import off_loop

PASTED = "pasted"
KINDS = {"bullet": "A bullet", "summary": "A summary", "description": "A description"}


@dataclasses.dataclass
class TextRow:
    """One text of the profile and where it lives."""

    text: str = ""
    section: str = ""
    item_id: str = ""
    field: str = ""
    index: int = -1
    kind: str = "bullet"


@dataclasses.dataclass
class TextGroup:
    """The texts of one item (or the profile's summary), under its name."""

    title: str = ""
    rows: list[TextRow] = dataclasses.field(default_factory=list)


def _bullets(section: str, field: str, item: Any, title: str) -> TextGroup:
    rows = [
        TextRow(text, section, item.id, field, index)
        for index, text in enumerate(getattr(item, field))
        if text.strip()
    ]
    return TextGroup(title, rows)


def text_groups(view: ProfileView) -> list[TextGroup]:
    """The summary, then each experience's, project's and volunteering's bullets."""
    groups = []
    if view.summary:
        groups.append(
            TextGroup("Summary", [TextRow(view.summary, PROFILE, "", "summary", -1, "summary")])
        )
    groups += [
        _bullets("experiences", "responsibilities", e, f"{e.title} at {e.company}")
        for e in view.experiences
    ]
    groups += [_bullets("projects", "highlights", p, f"Project: {p.name}") for p in view.projects]
    groups += [
        _bullets("volunteering", "highlights", v, f"Volunteering: {v.organization}")
        for v in view.volunteering
    ]
    return [group for group in groups if group.rows]


class ImprovePageState(AiState):
    groups: list[TextGroup] = []
    loaded: bool = False

    @rx.event
    @off_loop
    def load_texts(self) -> None:
        """Loader, and after each save: the profile's texts as they are stored now."""
        with self._signed_in(quiet=True) as (db, user):
            self.groups = text_groups(views.my_profile(db, user_id=user.id))
        self.loaded = True

    @rx.event
    def improve_pasted(self, form: dict[str, Any]) -> EventSpec | None:
        """Ask for a better version of a pasted text (nothing is saved)."""
        text = str(form.get("text", "")).strip()
        kind = str(form.get("kind", "bullet"))
        target = TextTarget(
            text=text,
            kind=kind if kind in KINDS else "bullet",
            channel=PASTED,
            target_role=str(form.get("target_role", ""))[:200],
        )
        return ImproveTextState.start(dataclasses.asdict(target))


def _row(row: rx.Var[TextRow]) -> rx.Component:
    return rx.el.li(
        rx.flex(
            rx.text(row.text, size="2", flex="1", min_width="0", white_space="pre-wrap"),
            improve_button(
                row.text,
                kind=row.kind,
                section=row.section,
                item_id=row.item_id,
                field=row.field,
                index=row.index,
                aria_label="Improve: " + row.text,
            ),
            spacing="3",
            align="start",
            justify="between",
            wrap="wrap",
            width="100%",
        ),
        padding_y="10px",
        border_top=f"1px solid {rx.color('gray', 4)}",
        list_style="none",
    )


def _group(group: rx.Var[TextGroup]) -> rx.Component:
    return rx.box(
        rx.heading(group.title, as_="h3", size="3", margin_bottom="4px"),
        rx.el.ul(rx.foreach(group.rows, _row), padding="0", margin="0"),
        width="100%",
    )


def _profile_texts() -> rx.Component:
    empty = rx.callout(
        rx.text(
            "Your profile has no summary or bullets yet. ",
            rx.link("Add your experience", href=routes.PROFILE),
            " and come back to improve it.",
        ),
        icon="info",
        width="100%",
    )
    return panel(
        rx.heading("Your profile", as_="h2", size="4"),
        rx.cond(
            ImprovePageState.groups.length() > 0,
            rx.vstack(rx.foreach(ImprovePageState.groups, _group), spacing="5", width="100%"),
            rx.cond(ImprovePageState.loaded, empty, rx.spinner()),
        ),
    )


def _pasted_text() -> rx.Component:
    label = {"size": "2", "weight": "medium"}
    return panel(
        rx.heading("Any other text", as_="h2", size="4"),
        rx.form(
            rx.vstack(
                rx.el.label(rx.text("Text", **label), html_for="pasted-text"),
                rx.text_area(
                    id="pasted-text",
                    name="text",
                    required=True,
                    max_length=2000,
                    rows="4",
                    placeholder="e.g. Was responsible for the migration of our billing system",
                    width="100%",
                ),
                rx.flex(
                    rx.vstack(
                        rx.el.label(rx.text("It is", **label), html_for="pasted-kind"),
                        rx.select.root(
                            rx.select.trigger(id="pasted-kind", min_width="150px"),
                            rx.select.content(
                                *(rx.select.item(name, value=key) for key, name in KINDS.items())
                            ),
                            name="kind",
                            default_value="bullet",
                        ),
                        spacing="1",
                    ),
                    rx.vstack(
                        rx.el.label(
                            rx.text("For the role (optional)", **label), html_for="pasted-role"
                        ),
                        rx.input(
                            id="pasted-role",
                            name="target_role",
                            max_length=200,
                            placeholder="e.g. Data engineer",
                            width="100%",
                        ),
                        spacing="1",
                        flex="1",
                        min_width="200px",
                    ),
                    spacing="4",
                    wrap="wrap",
                    width="100%",
                ),
                rx.button(
                    rx.icon("sparkles", size=16),
                    "Improve",
                    type="submit",
                    loading=ImproveTextState.loading & (ImproveTextState.channel == PASTED),
                ),
                spacing="3",
                width="100%",
                align="start",
            ),
            on_submit=[REMEMBER_OPENER, ImprovePageState.improve_pasted],
            reset_on_submit=False,
            width="100%",
        ),
        improve_dialog(channel=PASTED),
    )


@template(
    route=routes.AI,
    title="Improve text",
    description="Rewrite your CV bullets and summary with the AI assistant.",
    on_load=[AiState.load_ai, ImprovePageState.load_texts],
    protected=True,
)
def improve_page() -> rx.Component:
    """The profile's texts, then the free text box."""
    return ai_page(
        routes.AI,
        "Improve text",
        "Stronger verbs, no filler, one tense. Nothing is invented: anything the suggestion "
        "states that your profile does not is highlighted for you to check.",
        _profile_texts(),
        _pasted_text(),
        improve_dialog(on_saved=ImprovePageState.load_texts),
    )
