"""The import page's state: upload files, follow their ``imports.parse`` jobs, choose an action
per previewed item, apply (an ``imports.apply`` job) and show what was written.

The domain does the work (``cvapp.domain.imports.service``); handlers authenticate the
caller again for every call, and the slow parts run in threads or as jobs this state polls.
"""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import AsyncIterator
from typing import Any

import reflex as rx
from reflex.event import EventSpec

from cvapp.db import session_scope
from cvapp.domain.imports import limits
from cvapp.domain.imports import service as imports
from cvapp.domain.imports import tasks as import_tasks
from cvapp.domain.jobs import service as jobs
from cvapp.errors import DomainError, NotFound
from cvapp.state.imports.rows import (
    ACTIONS,
    KINDS,
    SOURCE_LABELS,
    FileImport,
    decisions,
    error_lines,
    show_preview,
    show_summary,
    source_of,
    undone_text,
)
from cvapp.state.session import Caller, SessionState, off_loop, signed_in_user

UPLOAD_ID = "import-files"
MAX_MB = limits.MAX_UPLOAD_BYTES // limits.MB
POLL_SECONDS = 0.5
FOLLOW_SECONDS = 600
# A follower that has not reported for this long is gone (a restarted server): start another.
FOLLOWER_SILENT_SECONDS = 5.0
_WORKING = ("reading", "applying")
_REFUSED = {
    "file-invalid-type": "is not a CV (.pdf, .docx, .txt, .md), a .zip or a .json file",
    "file-too-large": f"is larger than {MAX_MB} MB",
    "too-many-files": f"was not added: choose at most {limits.MAX_FILES_PER_REQUEST} files",
}
WRONG_TYPE = (
    "Choose a CV (PDF, Word .docx, .txt or .md), a LinkedIn data export (.zip) or a JSON "
    "Resume (.json)."
)
PASTE_FORM = "import-paste"


def _user_id(db: Any, caller: Caller) -> str | None:
    found = signed_in_user(db, caller)
    return found[0].id if found else None


def _start(caller: Caller, uploads: list[tuple[str, bytes]]) -> list[FileImport] | None:
    """One import per file (a refused file gets its reason); None when signed out."""
    started: list[FileImport] = []
    with session_scope() as db:
        user_id = _user_id(db, caller)
        if user_id is None:
            return None
        for name, data in uploads:
            source = source_of(name)
            if source is None:
                started.append(_refused(name, WRONG_TYPE))
                continue
            try:
                # One call per file: a refused file (checked before anything is stored)
                # does not hold back the others.
                ((batch, job),) = import_tasks.start_imports(
                    db, user_id=user_id, source=source, files=[(name, data)]
                )
            except DomainError as exc:
                message, details = error_lines({"message": exc.message, "details": exc.details})
                started.append(_refused(name, message, details))
                continue
            started.append(
                FileImport(
                    key=batch.id,
                    filename=batch.preview.get("filename") or name,
                    source=SOURCE_LABELS[source],
                    job_id=job.id,
                )
            )
    return started


def _refused(name: str, message: str, details: list[str] | None = None) -> FileImport:
    key = f"refused-{uuid.uuid4().hex}"
    return FileImport(key=key, filename=name, status="refused", error=message,
                      error_details=details or [])  # fmt: skip


def _poll(caller: Caller, watched: list[tuple[str, str]]) -> dict[str, dict[str, Any]] | None:
    """The job of each watched import and, once it has ended, the import's view."""
    with session_scope() as db:
        user_id = _user_id(db, caller)
        if user_id is None:
            return None
        polled: dict[str, dict[str, Any]] = {}
        for import_id, job_id in watched:
            try:
                job = jobs.job_public(jobs.get_job(db, job_id=job_id, user_id=user_id))
                ended = job["status"] in ("succeeded", "failed")
                view = imports.get_preview(db, user_id=user_id, import_id=import_id)
            except NotFound:
                job, ended, view = {"status": "failed", "progress": 0}, True, None
            polled[import_id] = {"job": job, "view": view if ended else None}
        return polled


def _start_apply(caller: Caller, import_id: str, chosen: list[dict[str, Any]]) -> str | None:
    """Queue the apply job; its id (None when signed out)."""
    with session_scope() as db:
        user_id = _user_id(db, caller)
        if user_id is None:
            return None
        job = import_tasks.start_apply(db, user_id=user_id, import_id=import_id, decisions=chosen)
        return job.id


def _start_pasted(caller: Caller, text: str) -> FileImport | None:
    """A ``resume`` import of pasted text; None when signed out."""
    with session_scope() as db:
        user_id = _user_id(db, caller)
        if user_id is None:
            return None
        upload = imports.pasted_text(text)
        ((batch, job),) = import_tasks.start_imports(
            db, user_id=user_id, source="resume", files=[upload]
        )
        return FileImport(
            key=batch.id, filename="Pasted text", source=SOURCE_LABELS["resume"], job_id=job.id
        )


def _undo(caller: Caller, import_id: str) -> dict[str, Any] | None:
    with session_scope() as db:
        user_id = _user_id(db, caller)
        if user_id is None:
            return None
        return imports.undo_import(db, user_id=user_id, import_id=import_id)


class ImportState(SessionState):
    files: list[FileImport] = []
    uploading: bool = False
    pasting: bool = False
    paste_error: str = ""
    upload_percent: int = 0
    _owner: str = ""
    _follower_beat: float = 0.0

    @rx.var
    def has_files(self) -> bool:
        return len(self.files) > 0

    @rx.var
    def applied_any(self) -> bool:
        """Whether an import of this tab wrote to the profile (the wizard then says Next)."""
        return any(file.status == "applied" for file in self.files)

    @rx.event
    @off_loop
    def load(self) -> EventSpec | None:
        """Loader: keep this tab's imports (for the same user) and follow those still working."""
        self.uploading = False
        user = self._signed_in_user(quiet=True)
        if self._owner != user.id:
            self._owner, self.files = user.id, []
        return ImportState.follow if self._working() else None

    @rx.event
    def upload_progress(self, progress: dict[str, Any]) -> None:
        """The browser's upload progress (the files reach ``upload`` once all are sent)."""
        fraction = float(progress.get("progress") or 0)
        # The last report may come after ``upload`` has finished (or after an empty upload,
        # when every file was refused): only a transfer still under way shows.
        if fraction < 1:
            self.uploading, self.upload_percent = True, int(fraction * 100)

    @rx.event
    async def upload(self, files: list[rx.UploadFile]) -> AsyncIterator[EventSpec | None]:
        """Start an import for each uploaded file, then follow their jobs."""
        if not files:
            self.uploading = False
            return
        self.uploading, self.upload_percent = True, 100
        yield
        try:
            # One byte over the limit is enough for the service to refuse the file.
            uploads = [
                (upload.name or "", await upload.read(limits.MAX_UPLOAD_BYTES + 1))
                for upload in files
            ]
            started = await asyncio.to_thread(_start, self._caller(), uploads)
        finally:
            self.uploading, self.upload_percent = False, 0
        if started is None:
            yield self._session_lost()
            return
        for file in reversed(started):  # the newest upload first, in the order chosen
            self.files.insert(0, file)
        yield ImportState.follow

    @rx.event
    async def paste(self, form: dict[str, Any]) -> AsyncIterator[EventSpec | None]:
        """Read pasted CV text like a .txt file: its preview joins the list below."""
        if self.pasting:
            return
        self.pasting, self.paste_error = True, ""
        yield
        try:
            started = await asyncio.to_thread(
                _start_pasted, self._caller(), str(form.get("text", ""))
            )
        except DomainError as exc:
            details = exc.details or [{"message": exc.message}]
            self.paste_error = str(details[0].get("message") or exc.message)
            return
        finally:
            self.pasting = False
        if started is None:
            yield self._session_lost()
            return
        self.files.insert(0, started)
        yield rx.set_value(f"{PASTE_FORM}-text", "")
        yield ImportState.follow

    @rx.event
    def refuse(self, refused: list[dict[str, Any]]) -> None:
        """Files the browser did not send (type, size or count), each with its reason."""
        for item in refused:
            name = str(item.get("name") or "A file")
            reason = _REFUSED.get(str(item.get("code")), "cannot be imported")
            self.files.insert(0, _refused(name, f"{name} {reason}."))

    @rx.event(background=True)
    async def follow(self) -> AsyncIterator[EventSpec | None]:
        """Poll the jobs of the imports being read or applied until none is left."""
        async with self:
            # Wall-clock time: the state may move between server processes.
            if time.time() - self._follower_beat < FOLLOWER_SILENT_SECONDS:
                return  # another follower is at work for this tab
            self._follower_beat = time.time()
            caller = self._caller()
        deadline = time.monotonic() + FOLLOW_SECONDS
        while True:
            async with self:
                watched = [(f.key, f.job_id) for f in self.files if f.status in _WORKING]
                if not watched or time.monotonic() > deadline:
                    self._follower_beat = 0.0
                    self._give_up(watched)
                    return
                self._follower_beat = time.time()
            polled = await asyncio.to_thread(_poll, caller, watched)
            async with self:
                if polled is None:
                    self._follower_beat = 0.0
                    lost = self._session_lost()
                else:
                    for file in self.files:
                        _followed(file, polled.get(file.key))
            if polled is None:
                yield lost
                return
            await asyncio.sleep(POLL_SECONDS)

    def _give_up(self, watched: list[tuple[str, str]]) -> None:
        keys = {key for key, _ in watched}
        late = "This is taking too long. Please try again in a few minutes."
        for file in self.files:
            if file.key in keys and file.status == "applying":
                file.status, file.apply_error = "previewed", late
            elif file.key in keys:
                file.status, file.error = "failed", late

    def _working(self) -> bool:
        return any(file.status in _WORKING for file in self.files)

    def _file(self, key: str) -> FileImport | None:
        return next((file for file in self.files if file.key == key), None)

    @rx.event
    def choose(self, key: str, item_ref: str, action: str) -> None:
        """Set one row's action."""
        file = self._file(key)
        if file is None or action not in ACTIONS or file.status != "previewed":
            return
        for kind in KINDS:
            for row in getattr(file, kind):
                if row.item_ref == item_ref and _allowed(row, action):
                    row.choice = action

    @rx.event
    def choose_all(self, key: str, kind: str, action: str) -> None:
        """Set the action of every row of one table (rows it does not fit keep theirs)."""
        file = self._file(key)
        if file is None or kind not in KINDS or action not in ACTIONS:
            return
        if file.status != "previewed":
            return
        for row in getattr(file, kind):
            if _allowed(row, action):
                row.choice = action

    @rx.event
    def set_overwrite(self, key: str, item_ref: str, field: str, checked: bool) -> None:
        """Take the file's value of a conflicting field (with "merge") or keep the current one."""
        file = self._file(key)
        if file is None or file.status != "previewed":
            return
        for kind in KINDS:  # each list through the state (a concatenation would hide changes)
            for row in getattr(file, kind):
                if row.item_ref != item_ref:
                    continue
                for conflict in row.conflicts:
                    if conflict.field == field:
                        conflict.overwrite = bool(checked)
                if checked and row.match:
                    row.choice = "merge"

    @rx.event
    async def apply(self, key: str) -> AsyncIterator[EventSpec | None]:
        """Queue the apply of one import with the chosen actions, then follow it."""
        file = self._file(key)
        if file is None or file.status != "previewed":
            return
        file.status, file.apply_error, file.progress = "applying", "", 0
        yield
        try:
            job_id = await asyncio.to_thread(_start_apply, self._caller(), key, decisions(file))
        except DomainError as exc:
            file.status, file.apply_error = "previewed", exc.message
            return
        if job_id is None:
            file.status = "previewed"
            yield self._session_lost()
            return
        file.job_id = job_id
        yield ImportState.follow

    @rx.event
    async def undo(self, key: str) -> AsyncIterator[EventSpec | None]:
        """Take an applied import back (what it created goes, what it merged is restored)."""
        file = self._file(key)
        if file is None or file.status != "applied" or file.undoing:
            return
        file.undoing, file.undo_error = True, ""
        yield
        try:
            result = await asyncio.to_thread(_undo, self._caller(), key)
        except DomainError as exc:
            file.undo_error = exc.message
            return
        finally:
            file.undoing = False
        if result is None:
            yield self._session_lost()
            return
        file.status, file.undone = "undone", undone_text(result)

    @rx.event
    def dismiss(self, key: str) -> None:
        """Take a file off the list (an import left unapplied writes nothing)."""
        for index, file in enumerate(self.files):
            if file.key == key and file.status not in _WORKING:
                del self.files[index]
                return


def _followed(file: FileImport, polled: dict[str, Any] | None) -> None:
    """Show what the poll says of one file's job (and, once it ended, of its import)."""
    if polled is None or file.status not in _WORKING:
        return
    job, view = polled["job"], polled["view"] or {}
    file.progress = max(file.progress, int(job.get("progress") or 0))
    if job["status"] == "failed":
        failure = view.get("error") or job.get("error")
        message, details = error_lines(failure)
        if file.status == "applying":
            file.status, file.apply_error = "previewed", message
        else:
            file.status, file.error, file.error_details = "failed", message, details
    elif job["status"] == "succeeded" and view.get("status") == "previewed":
        file.status, file.progress = "previewed", 100
        show_preview(file, view)
    elif job["status"] == "succeeded" and view.get("status") == "applied":
        file.status = "applied"
        show_summary(file, view.get("summary") or {})


def _allowed(row: Any, action: str) -> bool:
    if action == "merge":
        return bool(row.match)
    if action == "create":
        return bool(row.can_create)
    return True
