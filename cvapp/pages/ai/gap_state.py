"""The gap-analysis page's state: the advert (pasted or a JSON Resume job file), the CV it is
compared with, the analysis (long adverts run as a job), and showing hidden items on the CV."""

from __future__ import annotations

import asyncio
import dataclasses
import json
import time
from collections.abc import AsyncIterator, Iterator
from typing import Any

import reflex as rx
from reflex.event import EventSpec
from sqlmodel import Session

from cvapp.components.ai.state import AiState, ai_error
from cvapp.db import session_scope
from cvapp.domain.ai import service as ai
from cvapp.domain.ai import tasks as ai_tasks
from cvapp.domain.ai.jobposting import parse_job
from cvapp.domain.ai.schemas import GapAnalysis, QuotaStatus, RequirementResult
from cvapp.domain.cvs import service as cvs_service
from cvapp.domain.jobs import service as job_service
from cvapp.errors import DomainError
from cvapp.models import User
from cvapp.state.session import Caller, off_loop, signed_in_user

WHOLE_PROFILE = "profile"
"""The CV choice meaning "no CV: compare with the whole profile"."""
MAX_FILE_BYTES = 200 * 1024
FILE_TYPES = ("application/json", "text/json", "text/plain", "application/octet-stream", "")
JOB_POLL_SECONDS = 0.5
JOB_WAIT_SECONDS = 180


@dataclasses.dataclass
class CvChoice:
    id: str = ""
    name: str = ""


@dataclasses.dataclass
class EvidenceRow:
    """An item of the profile proving a requirement; ``key`` is ``section:id``."""

    key: str = ""
    section: str = ""
    item_id: str = ""
    label: str = ""
    on_cv: bool = False
    snippet: str = ""


@dataclasses.dataclass
class RequirementRow:
    name: str = ""
    kind: str = ""
    importance: str = ""
    note: str = ""
    evidence: list[EvidenceRow] = dataclasses.field(default_factory=list)


@dataclasses.dataclass
class SuggestionRow:
    kind: str = ""
    message: str = ""
    key: str = ""  # the item to show on the CV (``add_to_cv``), else ""


_KIND_LABELS = {"soft": "soft skill"}


def _rows(results: list[RequirementResult]) -> list[RequirementRow]:
    return [
        RequirementRow(
            name=r.requirement.name,
            kind=_KIND_LABELS.get(r.requirement.kind, r.requirement.kind),
            importance=r.requirement.importance,
            note=r.note or "",
            evidence=[
                EvidenceRow(
                    f"{e.section}:{e.id}", e.section, e.id, e.label, e.on_cv, e.snippet or ""
                )
                for e in r.evidence
            ],
        )
        for r in results
    ]


def _signed_in(db: Session, caller: Caller) -> User | None:
    found = signed_in_user(db, caller)
    return found[0] if found else None


def _analyse(caller: Caller, job: str, cv_id: str | None) -> tuple[Any, QuotaStatus] | None:
    """The analysis (or, for a long advert, the id of the job running it) and the usage."""
    with session_scope() as db:
        user = _signed_in(db, caller)
        if user is None:
            return None
        if ai.is_long_job(job):
            started = ai_tasks.start_gap_analysis(db, user=user, job_description=job, cv_id=cv_id)
            return started.id, ai.usage(db, user=user)
        result = ai.gap_analysis(db, user=user, job_description=job, cv_id=cv_id)
        return result, ai.usage(db, user=user)


def _job_state(caller: Caller, job_id: str) -> tuple[dict[str, Any], QuotaStatus] | None:
    """The job (as the API shows it) and today's usage."""
    with session_scope() as db:
        user = _signed_in(db, caller)
        if user is None:
            return None
        job = job_service.get_job(db, job_id=job_id, user_id=user.id)
        return job_service.job_public(job), ai.usage(db, user=user)


class GapState(AiState):
    cvs: list[CvChoice] = []
    cv_choice: str = WHOLE_PROFILE
    source: str = "text"  # text | file
    file_name: str = ""
    file_title: str = ""
    loading: bool = False
    progress: int = 0  # of a long analysis running as a job; 0 otherwise
    error: str = ""
    notice: str = ""
    has_result: bool = False
    score: int = 0
    potential: int = 0
    method: str = ""
    job_title: str = ""
    analysed_cv: str = ""  # the CV's id the result is about; "" for the whole profile
    matched: list[RequirementRow] = []
    hidden: list[RequirementRow] = []
    missing: list[RequirementRow] = []
    suggestions: list[SuggestionRow] = []
    added: list[str] = []
    adding: str = ""
    _file_job: str = ""  # the uploaded job as JSON text (the services read it as a job)
    _ticket: int = 0

    @rx.event
    @off_loop
    def load(self) -> None:
        """Loader: the user's CV versions (the newest is picked)."""
        self.loading, self.error, self.notice, self.adding = False, "", "", ""
        with self._signed_in(quiet=True) as (db, user):
            cvs, _ = cvs_service.list_cvs(db, user_id=user.id)
        self.cvs = [CvChoice(cv.id, cv.name) for cv in cvs]
        if self.cv_choice not in {cv.id for cv in cvs}:
            self.cv_choice = cvs[0].id if cvs else WHOLE_PROFILE

    @rx.event
    def set_cv(self, choice: str) -> None:
        self.cv_choice = choice

    @rx.event
    def set_source(self, source: str | list[str]) -> None:
        self.source = "file" if source == "file" else "text"
        self.error = ""

    # -- the job file ---------------------------------------------------------------------

    @rx.event
    async def upload_job(self, files: list[rx.UploadFile]) -> None:
        """Read a JSON Resume job file (one .json file of at most 200 KB)."""
        if not files:  # every file was refused in the browser: ``file_rejected`` says why
            return
        self.error = ""
        with session_scope() as db:
            if self._check(db) is None:
                return
        if len(files) != 1:
            self.error = "Choose one file."
            return
        upload = files[0]
        name = upload.name or "job.json"
        if not name.lower().endswith(".json") or (upload.content_type or "") not in FILE_TYPES:
            self.error = "Choose a .json file (a JSON Resume job)."
            return
        data = await upload.read(MAX_FILE_BYTES + 1)
        if len(data) > MAX_FILE_BYTES:
            self.error = f"The file is larger than {MAX_FILE_BYTES // 1024} KB."
            return
        try:
            job = json.loads(data.decode("utf-8"))
            if not isinstance(job, dict):
                raise ValueError
            posting = parse_job(job)
        except (UnicodeDecodeError, ValueError):
            self.error = "This file is not a JSON Resume job: it must hold one JSON object."
            return
        except DomainError as exc:
            self.error = ai_error(exc)
            return
        self._file_job, self.file_name = json.dumps(job), name
        self.file_title = " at ".join(filter(None, [posting.title, posting.company]))

    @rx.event
    def file_rejected(self, rejections: list[dict[str, Any]]) -> None:
        self.error = f"Choose one .json file of at most {MAX_FILE_BYTES // 1024} KB."

    @rx.event
    def clear_file(self) -> None:
        self._file_job, self.file_name, self.file_title = "", "", ""

    # -- analysing ------------------------------------------------------------------------

    @rx.event
    def analyse(self, form: dict[str, Any]) -> EventSpec | None:
        """Check that there is an advert, then analyse it in the background."""
        if self.loading:
            return None
        text = str(form.get("job_text", "")).strip()
        if self.source == "file" and not self._file_job:
            self.error = "Choose a JSON Resume job file first."
            return None
        if self.source == "text" and not text:
            self.error = "Paste the job advert first."
            return None
        return GapState.run(text)

    @rx.event(background=True)
    async def run(self, text: str) -> AsyncIterator[EventSpec | None]:
        """The analysis of the advert against the chosen CV (or the whole profile)."""
        async with self:
            self._ticket += 1
            ticket = self._ticket
            job = self._file_job if self.source == "file" else text
            cv_id = None if self.cv_choice == WHOLE_PROFILE else self.cv_choice
            self.loading, self.progress, self.error, self.notice = True, 0, "", ""
            caller = self._caller()

        async def ask() -> tuple[GapAnalysis, QuotaStatus] | None:
            started = await asyncio.to_thread(_analyse, caller, job, cv_id)
            if started is not None and isinstance(started[0], str):  # a job for a long advert
                return await self._follow(ticket, caller, started[0])
            return started

        lost = await self._answered(ticket, ask, cv_id=cv_id or "")
        if lost is not None:
            yield lost

    async def _follow(
        self, ticket: int, caller: Caller, job_id: str
    ) -> tuple[GapAnalysis, QuotaStatus] | None:
        """Wait for the job analysing a long advert, showing its progress."""
        deadline = time.monotonic() + JOB_WAIT_SECONDS
        while time.monotonic() < deadline:
            found = await asyncio.to_thread(_job_state, caller, job_id)
            if found is None:
                return None
            state, quota = found
            async with self:
                if ticket != self._ticket:
                    return None
                self.progress = max(1, int(state["progress"]))
            if state["status"] == "succeeded":
                return GapAnalysis.model_validate(state["result"]), quota
            if state["status"] == "failed":
                message = (state.get("error") or {}).get("message") or "The analysis failed."
                raise DomainError(message)
            await asyncio.sleep(JOB_POLL_SECONDS)
        raise DomainError("The analysis is taking too long. Try again in a few minutes.")

    def _done(  # type: ignore[override]  # the runner passes the CV analysed (functools.partial)
        self,
        ticket: int,
        answer: tuple[GapAnalysis, QuotaStatus] | None,
        error: str,
        *,
        cv_id: str,
    ) -> EventSpec | None:
        """Show the analysis (or the error) unless a newer request replaced this one."""
        if ticket != self._ticket:
            return None
        self.loading, self.progress, self.error = False, 0, error
        if answer is not None:
            self._show(*answer, cv_id=cv_id)
        elif not error:  # the caller is not signed in any more
            return self._session_lost()
        return None

    def _show(self, result: GapAnalysis, quota: QuotaStatus, *, cv_id: str) -> None:
        explanation = result.score_explanation
        self.has_result, self.score, self.method = True, result.score, explanation.method
        self.potential, self.job_title = explanation.potential_score, result.job_title or ""
        self.analysed_cv, self.added = cv_id, []
        self.matched, self.hidden = _rows(result.matched), _rows(result.hidden)
        self.missing = _rows(result.missing)
        self.suggestions = [
            SuggestionRow(
                s.kind, s.message, f"{s.section}:{s.item_id}" if s.kind == "add_to_cv" else ""
            )
            for s in result.suggestions
        ]
        self._note_usage(quota)

    # -- showing hidden items -------------------------------------------------------------

    @rx.event
    @off_loop
    def add_to_cv(self, key: str) -> Iterator[EventSpec | None]:
        """Show one item of the profile on the analysed CV."""
        section, _, item_id = key.partition(":")
        if not self.analysed_cv or not item_id or self.adding or key in self.added:
            return
        self.adding, self.error, self.notice = key, "", ""
        yield
        try:
            with self._signed_in() as (db, user):
                cvs_service.set_item_visible(
                    db,
                    user_id=user.id,
                    cv_id=self.analysed_cv,
                    section=section,
                    item_id=item_id,
                    visible=True,
                )
        except DomainError as exc:
            self.error = ai_error(exc)
            return
        finally:
            self.adding = ""
        self.added = [*self.added, key]
        self.notice = "Added to this CV. Analyse again to see the new score."
