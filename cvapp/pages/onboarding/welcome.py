"""The welcome wizard at /app/welcome: your CV (import a file or pasted text) → basics →
experience → projects → skills → more → review.

Each step edits the profile for real (the same forms as the editor); moving on remembers
the step in this browser, so leaving and coming back resumes where the user was.
"""

from __future__ import annotations

import reflex as rx
from reflex.vars.base import Var

from cvapp import routes
from cvapp.components.forms import form_alert
from cvapp.components.imports.dropzone import dropzone
from cvapp.components.imports.file_card import file_card
from cvapp.components.imports.linkedin_help import linkedin_entry
from cvapp.components.imports.paste import paste_text
from cvapp.components.layout import template
from cvapp.components.profile.basics_form import basics_form
from cvapp.components.profile.completeness import completeness_meter
from cvapp.components.profile.confirm_delete import delete_dialog
from cvapp.components.profile.item_form import editor_dialog
from cvapp.components.profile.ready import PROFILE_MESSAGE_RESET, when_ready
from cvapp.components.profile.section_list import section_list
from cvapp.components.section import contained
from cvapp.state.imports.state import ImportState
from cvapp.state.profile.base import ProfileState
from cvapp.state.profile.onboarding import STEP_KEYS, STEPS, OnboardingState
from cvapp.state.profile.specs import BY_KEY, SPECS

MORE_SECTIONS = ("education", "certifications", "languages", "achievements")
_MUTED = rx.color("gray", 11)
_TOP_ID = "wizard-top"
# Compiled into the bundle (no eval): bring the wizard's top back into view if scrolled past.
_SCROLL_UP: Var[str] = Var(
    _js_expr=(
        f'(() => {{ const top = document.getElementById("{_TOP_ID}"); '
        "if (top && top.getBoundingClientRect().top < 0) top.scrollIntoView(); })()"
    )
)


def _scroll_up_on_step_change() -> rx.Component:
    """Remounted (keyed by the step) whenever the step changes."""
    return rx.box(key=OnboardingState.step, display="none", on_mount=rx.run_script(_SCROLL_UP))


def _stepper() -> rx.Component:
    def step(index: int, key: str, label: str) -> rx.Component:
        current = OnboardingState.step == key
        done = OnboardingState.step_number > index + 1
        return rx.el.li(
            rx.button(
                rx.el.span(
                    rx.cond(done, rx.icon("check", size=14), str(index + 1)), aria_hidden="true"
                ),
                rx.el.span(f"Step {index + 1}: ", class_name="sr-only"),
                # Phones show only the current step's name; the others stay readable.
                rx.text(label, class_name=rx.cond(current, "", "cv-step-label")),
                variant=rx.cond(current, "solid", rx.cond(done, "soft", "outline")),
                color_scheme=rx.cond(current | done, "indigo", "gray"),
                size="1",
                radius="full",
                type="button",
                aria_current=rx.cond(current, "step", "false"),
                on_click=OnboardingState.go(key),
            ),
        )

    return rx.el.nav(
        rx.el.ol(
            *(step(i, key, label) for i, (key, label) in enumerate(STEPS)),
            class_name="cv-stepper",
        ),
        aria_label="Profile set-up steps",
    )


def _intro(title: str, lead: str) -> rx.Component:
    return rx.vstack(
        rx.heading(title, as_="h2", size="5"),
        rx.text(lead, size="2", color=_MUTED),
        spacing="1",
    )


def _review() -> rx.Component:
    def row(key: str) -> rx.Component:
        spec = BY_KEY[key]
        count = ProfileState.cards[key].length()
        return rx.hstack(
            rx.cond(
                count > 0,
                rx.icon("circle-check", size=18, color=rx.color("green", 10)),
                rx.icon("circle-dashed", size=18, color=rx.color("gray", 9)),
            ),
            rx.text(spec.plural, size="2", flex="1"),
            rx.text(count, size="2", weight="bold", data_testid=f"review-count-{key}"),
            rx.link("Edit", href=routes.profile_section(key), size="2"),
            spacing="3",
            align="center",
            width="100%",
        )

    return rx.vstack(
        _intro("Review", "Here is what your profile holds. You can refine it any time."),
        rx.card(
            rx.vstack(*(row(spec.key) for spec in SPECS), spacing="3", width="100%"),
            width="100%",
        ),
        completeness_meter(hints=0),
        _first_cv(),
        spacing="4",
        width="100%",
    )


def _first_cv() -> rx.Component:
    """The way on: a first CV for a role (the headline by default), opened in the editor."""
    return rx.card(
        rx.form(
            rx.vstack(
                rx.heading("Create your first CV", as_="h3", size="4"),
                rx.text(
                    "A CV version picks from this profile for one kind of job. You can make "
                    "more later, one per application.",
                    size="2",
                    color=_MUTED,
                ),
                form_alert(OnboardingState.first_cv_error),
                rx.el.label(
                    rx.text("Target role", size="2", weight="medium"),
                    html_for="first-cv-role",
                ),
                rx.input(
                    id="first-cv-role",
                    name="target_role",
                    default_value=ProfileState.basics["headline"],
                    placeholder="e.g. Data engineer",
                    max_length=200,
                    width="100%",
                ),
                rx.button(rx.icon("file-plus", size=16), "Create CV", type="submit", size="3"),
                spacing="3",
                width="100%",
                align="start",
            ),
            on_submit=OnboardingState.create_first_cv,
            reset_on_submit=False,
            width="100%",
        ),
        width="100%",
        data_testid="first-cv",
    )


def _start() -> rx.Component:
    """Step 0: bring the CV you have (file or pasted text); its preview and apply are the
    import page's, right here."""
    return rx.vstack(
        _intro(
            "Start from your CV",
            "Drop the CV you have (PDF or Word) or paste its text: it is read here, offline, "
            "and you choose what to add before anything is saved. No CV at hand? Skip this step.",
        ),
        dropzone(),
        paste_text(),
        rx.foreach(ImportState.files, file_card),
        spacing="4",
        width="100%",
        data_testid="welcome-import",
    )


def _step_content() -> rx.Component:
    more = rx.vstack(
        _intro(
            "Education & more", "Degrees, certifications and languages. Skip what does not apply."
        ),
        *(section_list(BY_KEY[key]) for key in MORE_SECTIONS),
        spacing="6",
        width="100%",
    )
    return rx.match(
        OnboardingState.step,
        ("start", _start()),
        (
            "basics",
            rx.vstack(
                _intro("The basics", "Your name, a headline and a short summary come first."),
                linkedin_entry(),
                basics_form(submit_label="Save and continue", then="experiences"),
                spacing="4",
                width="100%",
            ),
        ),
        ("experiences", section_list(BY_KEY["experiences"])),
        ("projects", section_list(BY_KEY["projects"])),
        ("skills", section_list(BY_KEY["skills"])),
        ("more", more),
        ("review", _review()),
        rx.fragment(),
    )


def _navigation() -> rx.Component:
    def target(offset: int) -> rx.Var[str]:
        return rx.match(
            OnboardingState.step,
            *(
                (key, STEP_KEYS[max(0, min(i + offset, len(STEP_KEYS) - 1))])
                for i, key in enumerate(STEP_KEYS)
            ),
            STEP_KEYS[0],
        )

    first, last = OnboardingState.step == STEP_KEYS[0], OnboardingState.step == STEP_KEYS[-1]
    return rx.flex(
        rx.button(
            rx.icon("arrow-left", size=16),
            "Back",
            variant="soft",
            color_scheme="gray",
            type="button",
            disabled=first,
            on_click=OnboardingState.go(target(-1)),
        ),
        rx.spacer(),
        rx.cond(
            last,
            rx.button(
                "Finish", rx.icon("check", size=16), type="button", on_click=OnboardingState.finish
            ),
            rx.button(
                rx.cond(first & ~ImportState.applied_any, "Skip this step", "Next"),
                rx.icon("arrow-right", size=16),
                type="button",
                variant=rx.cond(first & ~ImportState.applied_any, "soft", "solid"),
                on_click=OnboardingState.go(target(1)),
            ),
        ),
        spacing="3",
        align="center",
        width="100%",
        padding_top="8px",
        border_top=f"1px solid {rx.color('gray', 5)}",
    )


@template(
    route=routes.ONBOARDING,
    title="Set up your profile",
    description="A few steps to build your career profile.",
    on_load=[OnboardingState.load, ImportState.load, *PROFILE_MESSAGE_RESET],
    protected=True,
)
def welcome() -> rx.Component:
    """Steps, completeness, the current step and the way forward."""
    return contained(
        rx.vstack(
            rx.flex(
                rx.vstack(
                    rx.text(
                        "Step ",
                        OnboardingState.step_number,
                        " of ",
                        str(len(STEPS)),
                        size="2",
                        weight="bold",
                        color=rx.color("accent", 11),
                    ),
                    rx.heading(
                        "Set up your profile", as_="h1", size=rx.breakpoints(initial="7", sm="8")
                    ),
                    spacing="1",
                ),
                rx.spacer(),
                rx.button(
                    "Skip for now",
                    variant="ghost",
                    color_scheme="gray",
                    type="button",
                    on_click=OnboardingState.skip,
                ),
                align="end",
                width="100%",
                spacing="3",
            ),
            _stepper(),
            when_ready(
                rx.vstack(
                    rx.cond(OnboardingState.step != STEP_KEYS[-1], completeness_meter()),
                    rx.card(
                        _step_content(), width="100%", size=rx.breakpoints(initial="2", sm="4")
                    ),
                    _navigation(),
                    spacing="5",
                    width="100%",
                )
            ),
            editor_dialog(),
            delete_dialog(),
            _scroll_up_on_step_change(),
            spacing="5",
            padding_y=["24px", "40px"],
            width="100%",
            max_width="860px",
            margin_x="auto",
            id=_TOP_ID,
            scroll_margin_top="72px",
        ),
    )
