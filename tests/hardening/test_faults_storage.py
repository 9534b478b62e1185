"""Storage faults: a write that fails fails its job clearly after retries (or succeeds on a
retry); a writer killed mid-write never leaves a partial file where readers look."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from cvapp.storage import FileStorage, StorageError, get_storage
from tests.hardening.processes import ROOT, wait_until
from tests.hardening.support import Account, make_account, wait_for_jobs

pytestmark = pytest.mark.faults
V1 = "/api/v1"
ATTEMPTS = 3  # exports.render: max_retries=2


def _block_writes(account: Account) -> Path:
    """Make the user's export folder impossible to create (a file sits where it would go):
    every write there fails in the filesystem, as on a full or read-only disk."""
    storage = get_storage()
    assert isinstance(storage, FileStorage)
    blocker = storage.root / "exports" / account.user.id
    blocker.parent.mkdir(parents=True, exist_ok=True)
    blocker.write_text("in the way")
    return blocker


def _unblock_after_first_failure(monkeypatch: pytest.MonkeyPatch, blocker: Path) -> None:
    real = FileStorage.put

    def put(self: FileStorage, key: str, data: bytes, content_type: str) -> None:
        try:
            real(self, key, data, content_type)
        except StorageError:
            blocker.unlink(missing_ok=True)  # the disk recovers before the retry
            raise

    monkeypatch.setattr(FileStorage, "put", put)


def _export(api: TestClient, account: Account) -> dict[str, Any]:
    url = f"{V1}/cvs/{account.ids['cv_id']}/exports"
    started = api.post(url, json={"format": "docx"}, headers=account.headers)
    assert started.status_code == 202, started.text
    wait_for_jobs()
    job = api.get(f"{V1}/jobs/{started.json()['job']['id']}", headers=account.headers)
    return dict(job.json())


def test_a_job_whose_writes_keep_failing_fails_with_a_clear_error(
    api: TestClient, session: Session
) -> None:
    account = make_account(session, needs=("cv_id",))
    _block_writes(account)
    job = _export(api, account)
    assert job["status"] == "failed" and job["result"] is None
    error = job["error"]
    assert error["attempts"] == ATTEMPTS
    assert error["message"].startswith(f"StorageError: Could not store exports/{account.user.id}/")
    download = api.get(f"{V1}/exports/{job['id']}/download", headers=account.headers)
    assert download.status_code == 404


def test_a_job_whose_write_fails_once_succeeds_on_its_retry(
    api: TestClient, session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    account = make_account(session, needs=("cv_id",))
    _unblock_after_first_failure(monkeypatch, _block_writes(account))
    job = _export(api, account)
    assert job["status"] == "succeeded" and job["error"] is None
    download = api.get(job["result"]["url"], headers=account.headers)
    assert download.status_code == 200 and download.content.startswith(b"PK")


def test_a_synchronous_download_says_storage_is_unavailable(
    api: TestClient, session: Session
) -> None:
    account = make_account(session, needs=("cv_id",))
    _block_writes(account)
    url = f"{V1}/cvs/{account.ids['cv_id']}/export.pdf"
    response = api.get(url, headers=account.headers)
    assert response.status_code == 503
    assert response.json()["error"]["code"] == "SERVICE_UNAVAILABLE"


WRITER = """
import os, sys, time
from pathlib import Path
from cvapp.storage import FileStorage, StorageError, get_storage

stage = sys.argv[2]
real_fdopen = os.fdopen

class HalfWriter:
    def __init__(self, handle):
        self.handle = handle
    def __enter__(self):
        return self
    def __exit__(self, *exc):
        return self.handle.__exit__(*exc)
    def write(self, data):
        self.handle.write(data[: len(data) // 2])
        self.handle.flush()
        print("half", flush=True)
        time.sleep(60)

if stage == "write":
    os.fdopen = lambda fd, mode: HalfWriter(real_fdopen(fd, mode))
else:  # killed after writing everything, before the rename
    os.replace = lambda *args: (print("written", flush=True), time.sleep(60))
FileStorage(Path(sys.argv[1])).put("exports/u/cv.pdf", b"%PDF-new" + b"x" * 100_000, "x")
"""


@pytest.mark.parametrize("stage", ["write", "rename"])
def test_a_writer_killed_mid_write_leaves_the_old_file_whole(tmp_path: Path, stage: str) -> None:
    storage = FileStorage(tmp_path)
    storage.put("exports/u/cv.pdf", b"%PDF-old", "application/pdf")
    with subprocess.Popen(  # closes the pipe when done
        [sys.executable, "-c", textwrap.dedent(WRITER), str(tmp_path), stage],
        cwd=ROOT,
        stdout=subprocess.PIPE,
    ) as writer:
        try:
            assert writer.stdout is not None
            wait_until(lambda: writer.stdout.readline().strip(), timeout=30, what="the write")  # type: ignore[union-attr]
            assert any(tmp_path.joinpath("exports/u").glob(".tmp-*"))  # the bytes are on disk...
        finally:
            writer.kill()
            writer.wait(timeout=10)
    assert storage.get("exports/u/cv.pdf") == b"%PDF-old"  # ...but never under the key
