"""Downloading the CV: each format is rendered by an export job the page follows, then saved."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from typing import Any

import reflex as rx
from reflex.event import EventSpec

from cvapp.db import session_scope
from cvapp.domain.exports import tasks as export_tasks
from cvapp.domain.jobs import service as job_service
from cvapp.errors import DomainError
from cvapp.state.cvs.editor import CvEditorState
from cvapp.state.forms import describe
from cvapp.state.session import Caller, off_loop, signed_in_user

POLL_SECONDS = 0.3
WAIT_SECONDS = 150


def job_state(caller: Caller, job_id: str) -> dict[str, Any] | None:
    """The export job as the API shows it; None when signed out."""
    with session_scope() as db:
        found = signed_in_user(db, caller)
        if found is None:
            return None
        return job_service.job_public(job_service.get_job(db, job_id=job_id, user_id=found[0].id))


class CvDownloadState(CvEditorState):
    exporting: str = ""  # the format being exported, "" when idle
    export_progress: int = 0
    export_error: str = ""

    @rx.event
    @off_loop
    def download(self, fmt: str) -> EventSpec | None:
        """Queue the export of ``fmt``; the job is followed until its file can be saved."""
        if self.exporting:
            return None
        self.export_error = ""
        try:
            with self._signed_in() as (db, user):
                job = export_tasks.start_export(db, user_id=user.id, cv_id=self._cv_id, fmt=fmt)
                job_id = job.id
        except DomainError as exc:
            self.export_error = describe(exc, fields=())[0]
            return None
        self.exporting, self.export_progress = fmt, 2
        return CvDownloadState.follow_export(job_id)

    @rx.event(background=True)
    async def follow_export(self, job_id: str) -> AsyncIterator[EventSpec | None]:
        """Poll the job, showing its progress; download its file once it has succeeded."""
        async with self:
            caller = self._caller()
        outcome: EventSpec | None = None
        error = "The export failed. Please try again."  # kept if anything unexpected raises
        try:
            outcome, error = await self._wait(caller, job_id)
        except DomainError as exc:
            error = describe(exc, fields=())[0]
        finally:
            async with self:
                self.exporting, self.export_progress, self.export_error = "", 0, error
        if outcome is not None:
            yield outcome

    async def _wait(self, caller: Caller, job_id: str) -> tuple[EventSpec | None, str]:
        """Follow the job: (the download, "") when it succeeded, else (None, why not)."""
        deadline = time.monotonic() + WAIT_SECONDS
        while time.monotonic() < deadline:
            job = await asyncio.to_thread(job_state, caller, job_id)
            if job is None:
                async with self:
                    return self._session_lost(), ""
            async with self:
                self.export_progress = max(self.export_progress, int(job["progress"]))
            if job["status"] == "succeeded":
                result = job["result"] or {}
                return rx.download(url=result["url"], filename=result["filename"]), ""
            if job["status"] == "failed":
                return None, (job.get("error") or {}).get("message") or "The export failed."
            await asyncio.sleep(POLL_SECONDS)
        return None, "The export is taking too long. Please try again."
