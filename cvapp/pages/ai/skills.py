"""Skills for a role at /app/ai/skills: what adverts for a role ask for, the ones already in
the profile marked, the others added with one click."""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import AsyncIterator, Iterator
from typing import Any

import reflex as rx
from reflex.event import EventSpec

from cvapp import routes
from cvapp.components.ai.frame import ai_page, panel
from cvapp.components.ai.review import error_callout, working
from cvapp.components.ai.state import AiState, ai_error
from cvapp.components.layout import template
from cvapp.db import session_scope
from cvapp.domain.ai import service as ai
from cvapp.domain.ai.schemas import QuotaStatus, SkillSuggestions
from cvapp.domain.sections.skills import service as skills_service
from cvapp.errors import Conflict, DomainError
from cvapp.state.session import Caller, off_loop, signed_in_user

ROLE_INPUT = "skills-role"


@dataclasses.dataclass
class SkillRow:
    name: str = ""
    category: str = ""
    reason: str = ""
    have: bool = False


def _suggest(caller: Caller, role: str) -> tuple[SkillSuggestions, QuotaStatus] | None:
    with session_scope() as db:
        found = signed_in_user(db, caller)
        if found is None:
            return None
        user = found[0]
        return ai.suggest_skills(db, user=user, role=role), ai.usage(db, user=user)


class SkillsState(AiState):
    asked: str = ""  # the role as typed
    answered: bool = False
    matched: str = ""  # the role of the taxonomy it matched
    skills: list[SkillRow] = []
    alternatives: list[str] = []
    loading: bool = False
    adding: str = ""
    error: str = ""
    notice: str = ""
    _ticket: int = 0

    @rx.var
    def missing_count(self) -> int:
        return sum(1 for skill in self.skills if not skill.have)

    @rx.event
    def load(self) -> None:
        self.loading, self.adding, self.error, self.notice = False, "", "", ""

    @rx.event
    def ask(self, form: dict[str, Any]) -> EventSpec | None:
        """The form's role, looked up in the background."""
        role = " ".join(str(form.get("role", "")).split())
        if not role:
            self.error = "Type the role you are aiming for, e.g. “Data engineer”."
            return None
        return SkillsState.suggest(role)

    @rx.event(background=True)
    async def suggest(self, role: str) -> AsyncIterator[EventSpec | None]:
        """Skills asked for in ``role`` adverts, marking the ones the profile lists."""
        async with self:
            self._ticket += 1
            ticket = self._ticket
            self.asked, self.loading, self.error, self.notice = role, True, "", ""
            self.answered = False
            caller = self._caller()
        lost = await self._answered(ticket, lambda: asyncio.to_thread(_suggest, caller, role))
        if lost is not None:
            yield lost

    def _show(self, result: SkillSuggestions, quota: QuotaStatus) -> None:
        self.answered, self.matched = True, result.role or ""
        self.alternatives = result.alternatives
        self.skills = [
            SkillRow(idea.name, idea.category or "", idea.reason, idea.already_have)
            for idea in result.skills
        ]
        self._note_usage(quota)

    @rx.event
    @off_loop
    def add(self, name: str) -> Iterator[EventSpec | None]:
        """Add one suggested skill to the profile (with its category)."""
        row = next((s for s in self.skills if s.name == name and not s.have), None)
        if row is None or self.adding:
            return
        self.adding, self.error, self.notice = name, "", ""
        yield
        try:
            with self._signed_in() as (db, user):
                data = {"name": row.name, "category": row.category or None}
                skills_service.create(db, user_id=user.id, data=data)
        except Conflict:
            self.notice = f"{name} is already in your profile."
        except DomainError as exc:
            self.error = ai_error(exc)
            return
        else:
            self.notice = f"Added {name} to your skills."
        finally:
            self.adding = ""
        self.skills = [
            SkillRow(s.name, s.category, s.reason, s.have or s.name == name) for s in self.skills
        ]


def _role_form() -> rx.Component:
    return rx.form(
        rx.flex(
            rx.box(
                rx.el.label(rx.text("Target role", size="2", weight="medium"), html_for=ROLE_INPUT),
                rx.input(
                    id=ROLE_INPUT,
                    name="role",
                    required=True,
                    max_length=200,
                    placeholder="e.g. Data engineer, UX designer, Nurse",
                    size="3",
                    width="100%",
                    margin_top="4px",
                ),
                flex="1",
                min_width="220px",
            ),
            rx.button(
                rx.icon("sparkles", size=16),
                "Suggest skills",
                type="submit",
                size="3",
                loading=SkillsState.loading,
            ),
            spacing="3",
            align="end",
            wrap="wrap",
            width="100%",
        ),
        on_submit=SkillsState.ask,
        reset_on_submit=False,
        width="100%",
    )


def _skill(skill: rx.Var[SkillRow]) -> rx.Component:
    action = rx.cond(
        skill.have,
        rx.badge(rx.icon("check", size=12), "In your profile", color_scheme="green", size="2"),
        rx.button(
            rx.icon("plus", size=14),
            "Add",
            size="1",
            variant="soft",
            loading=SkillsState.adding == skill.name,
            disabled=SkillsState.adding != "",
            on_click=SkillsState.add(skill.name),
            aria_label="Add " + skill.name + " to your skills",
        ),
    )
    return rx.card(
        rx.vstack(
            rx.flex(
                rx.text(skill.name, size="3", weight="bold"),
                action,
                justify="between",
                align="center",
                spacing="2",
                width="100%",
            ),
            rx.cond(skill.category, rx.badge(skill.category, variant="surface", size="1")),
            rx.text(skill.reason, size="1", color=rx.color("gray", 11)),
            spacing="2",
            width="100%",
        ),
        size="1",
        width="100%",
    )


def _alternatives() -> rx.Component:
    unknown = rx.text(
        "No suggestions for this role: “",
        SkillsState.asked,
        "” is not a role the assistant knows, and unrelated roles are not offered. Try a more "
        "common title, e.g. “Software engineer” or “Nurse”.",
        size="2",
    )
    return rx.cond(
        SkillsState.alternatives.length() > 0,
        rx.flex(
            rx.text(
                rx.cond(SkillsState.matched, "Close roles:", "No role matched. Did you mean:"),
                size="2",
            ),
            rx.foreach(
                SkillsState.alternatives,
                lambda role: rx.button(
                    role,
                    size="1",
                    variant="outline",
                    on_click=[rx.set_value(ROLE_INPUT, role), SkillsState.suggest(role)],
                ),
            ),
            spacing="2",
            wrap="wrap",
            align="center",
        ),
        rx.cond(SkillsState.answered & (SkillsState.matched == ""), unknown),
    )


def _results() -> rx.Component:
    heading = rx.flex(
        rx.heading("Skills for ", SkillsState.matched, as_="h2", size="4"),
        rx.text(
            SkillsState.missing_count,
            " not in your profile yet",
            size="2",
            color=rx.color("gray", 11),
        ),
        justify="between",
        align="baseline",
        wrap="wrap",
        spacing="2",
        width="100%",
    )
    grid = rx.grid(
        rx.foreach(SkillsState.skills, _skill),
        columns=rx.breakpoints(initial="1", sm="2", md="3"),
        spacing="3",
        width="100%",
    )
    return rx.cond(
        SkillsState.loading,
        working("Looking up the skills adverts ask for…"),
        rx.vstack(
            rx.cond(SkillsState.skills.length() > 0, rx.fragment(heading, grid)),
            _alternatives(),
            spacing="4",
            width="100%",
        ),
    )


@template(
    route=routes.AI_SKILLS,
    title="Skills for a role",
    description="The skills adverts for a role ask for, compared with your profile.",
    on_load=[AiState.load_ai, SkillsState.load],
    protected=True,
)
def skills_page() -> rx.Component:
    """The role form, then the suggestions."""
    return ai_page(
        routes.AI_SKILLS,
        "Skills for a role",
        "Name the role you are aiming for: see the skills its adverts ask for, with the ones "
        "already in your profile marked. Add only what you can back with your experience.",
        panel(
            _role_form(),
            error_callout(SkillsState.error, SkillsState.quota_upgrade),
            rx.cond(
                SkillsState.notice,
                rx.callout(
                    SkillsState.notice,
                    icon="circle_check",
                    color_scheme="green",
                    role="status",
                    width="100%",
                ),
            ),
            _results(),
        ),
    )
