"""Where the signed-in user is in the welcome wizard, remembered by this browser.

The profile has no column for it, so the step is kept in localStorage under a key derived
from the user id: several people sharing a browser each resume their own wizard. Without a
saved step the wizard starts at the first step the profile still lacks.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

import reflex as rx
from reflex.event import EventSpec

from cvapp import routes
from cvapp.db import session_scope
from cvapp.domain.cvs import service as cvs_service
from cvapp.domain.profiles.lookup import get_or_create_profile
from cvapp.errors import DomainError
from cvapp.state.profile.base import ProfileState
from cvapp.state.session import off_loop

STEPS: tuple[tuple[str, str], ...] = (
    ("start", "Your CV"),
    ("basics", "Basics"),
    ("experiences", "Experience"),
    ("projects", "Projects"),
    ("skills", "Skills"),
    ("more", "Education & more"),
    ("review", "Review"),
)
STEP_KEYS = tuple(key for key, _ in STEPS)
DONE, SKIPPED = "done", "skipped"
# A profile this complete had its start elsewhere: the dashboard stops offering the wizard.
ESTABLISHED = 40


def _user_key(user_id: str) -> str:
    return hashlib.sha256(f"cvapp-onboarding:{user_id}".encode()).hexdigest()[:16]


class OnboardingState(ProfileState):
    # {user key: step | "done" | "skipped"} as JSON, in this browser's localStorage.
    progress: str = rx.LocalStorage("", name="cvapp_onboarding", sync=True)
    step: str = STEP_KEYS[0]
    # For the dashboard: the step to resume, or "" when there is nothing to offer.
    resume_step: str = ""
    first_cv_error: str = ""

    @rx.var
    def step_number(self) -> int:
        return STEP_KEYS.index(self.step) + 1 if self.step in STEP_KEYS else 1

    @rx.var
    def resume_label(self) -> str:
        return dict(STEPS).get(self.resume_step, "")

    @rx.event
    @off_loop
    def load(self) -> None:
        """Wizard loader: the profile, and the step to resume."""
        with self._signed_in(quiet=True) as (db, user):
            self._refresh(db, user.id, basics=True)
        saved = self._saved(user.id)
        self.step = saved if saved in STEP_KEYS else self._first_missing()

    @rx.event
    @off_loop
    def offer(self) -> None:
        """Dashboard loader: which step the "set up your profile" card resumes, if any."""
        self.resume_step = ""
        with self._signed_in(quiet=True) as (db, user):
            completeness = get_or_create_profile(db, user_id=user.id).completeness
        saved = self._saved(user.id)
        if saved in STEP_KEYS:
            self.resume_step = saved
        elif not saved and completeness < ESTABLISHED:
            self.resume_step = STEP_KEYS[0]

    @rx.event
    @off_loop
    def go(self, step: str) -> None:
        """Show ``step`` and remember it (leaving the import step, with what it brought)."""
        if step not in STEP_KEYS:
            return
        with session_scope() as db:
            user = self._check(db)
            if user is not None and self.step == STEP_KEYS[0]:
                self._refresh(db, user.id, basics=True)
        if user is not None:
            self.step = step
            self._remember_step(user.id, step)

    @rx.event
    @off_loop
    def skip(self) -> EventSpec | None:
        """Leave the wizard for good (the profile editor stays available)."""
        return self._leave(SKIPPED, routes.DASHBOARD)

    @rx.event
    @off_loop
    def finish(self) -> EventSpec | None:
        return self._leave(DONE, routes.PROFILE)

    @rx.event
    @off_loop
    def create_first_cv(self, form: dict[str, Any]) -> EventSpec | None:
        """The wizard's last step: a first CV for the role typed (the headline by default),
        opened in the CV editor with its preview."""
        self.first_cv_error = ""
        role = " ".join(str(form.get("target_role", "")).split())
        try:
            with self._signed_in() as (db, user):
                data = {"target_role": role} if role else {"name": "My CV"}
                cv = cvs_service.create_cv(db, user_id=user.id, data=data)
        except DomainError as exc:
            self.first_cv_error = exc.message
            return None
        self._remember_step(user.id, DONE)
        self.resume_step = ""
        return rx.redirect(routes.cv_detail(cv.id))

    def _leave(self, mark: str, target: str) -> EventSpec | None:
        user = self._signed_in_user()
        self._remember_step(user.id, mark)
        self.resume_step = ""
        return rx.redirect(target)

    def _all_saved(self) -> dict[str, str]:
        try:
            saved = json.loads(self.progress or "{}")
        except ValueError:
            return {}
        return saved if isinstance(saved, dict) else {}

    def _saved(self, user_id: str) -> str:
        return str(self._all_saved().get(_user_key(user_id), ""))

    def _remember_step(self, user_id: str, step: str) -> None:
        self.progress = json.dumps({**self._all_saved(), _user_key(user_id): step})

    def _first_missing(self) -> str:
        """The first step whose part of the profile is still empty (an empty profile starts
        with the offer to import a CV)."""
        if not (self.basics.get("headline") or self.basics.get("summary")):
            return "basics" if self.cards["experiences"] else "start"
        for key in ("experiences", "projects", "skills"):
            if not self.cards[key]:
                return key
        return "more" if not self.cards["education"] else "review"
