"""POST /account/export → 202 job with progress; the link downloads the ZIP for 7 days."""

from __future__ import annotations

import io
import zipfile
from datetime import timedelta
from urllib.parse import urlsplit

import time_machine
from fastapi.testclient import TestClient
from sqlmodel import Session

from cvapp.db import session_scope
from cvapp.domain.account.retention import run_retention
from cvapp.models.base import utcnow
from tests.api.auth_support import _quiet_queue, wait_for_jobs  # noqa: F401
from tests.domain.account_support import _empty_storage, bearer, make_user  # noqa: F401

API = "/api/v1"


def test_export_job_then_download(api: TestClient, session: Session) -> None:
    user = make_user(session)
    none_yet = api.get(f"{API}/account/export", headers=bearer(user))
    assert none_yet.status_code == 200 and none_yet.json() == {"job": None}
    started = api.post(f"{API}/account/export", headers=bearer(user))
    assert started.status_code == 202, started.text
    job = started.json()["job"]
    assert job["kind"] == "account.export" and job["status"] in ("queued", "running")
    assert started.headers["Location"] == f"{API}/jobs/{job['id']}"
    wait_for_jobs()

    done = api.get(f"{API}/jobs/{job['id']}", headers=bearer(user)).json()
    assert done["status"] == "succeeded" and done["progress"] == 100
    url = done["result"]["download_url"]
    latest = api.get(f"{API}/account/export", headers=bearer(user)).json()["job"]
    assert latest["id"] == job["id"] and latest["result"]["download_url"] == url
    path = urlsplit(url).path
    assert path.startswith(f"{API}/account/export/")

    download = api.get(path)  # the signed link is enough: no sign-in needed
    assert download.status_code == 200
    assert download.headers["content-type"] == "application/zip"
    assert "attachment" in download.headers["content-disposition"]
    names = zipfile.ZipFile(io.BytesIO(download.content)).namelist()
    assert {"account.json", "profile.json", "manifest.json"} <= set(names)

    assert api.get(path[:-3] + "xyz").status_code == 404  # tampered
    with time_machine.travel(utcnow() + timedelta(days=8)):
        expired = api.get(path)
        assert expired.status_code == 404
        assert expired.json()["error"]["code"] == "NOT_FOUND"
        with session_scope() as db:
            assert run_retention(db)["archives"] == 1


def test_export_needs_a_signed_in_user(api: TestClient) -> None:
    assert api.post(f"{API}/account/export").status_code == 401
    assert api.get(f"{API}/account/export").status_code == 401


def _export_link(api: TestClient, headers: dict[str, str]) -> str:
    job = api.post(f"{API}/account/export", headers=headers).json()["job"]
    wait_for_jobs()
    done = api.get(f"{API}/jobs/{job['id']}", headers=headers).json()
    path = urlsplit(done["result"]["download_url"]).path
    assert api.get(path).status_code == 200
    return path


def test_signing_out_everywhere_cancels_the_download_link(
    api: TestClient, session: Session
) -> None:
    """Issue #15 point 10: the 7-day bearer link ends with the sessions."""
    from tests.domain.account_support import PASSWORD

    user = make_user(session)
    headers = bearer(user)
    path = _export_link(api, headers)
    assert api.post(f"{API}/account/sessions/revoke-all", headers=headers).status_code == 204
    cancelled = api.get(path)
    assert cancelled.status_code == 404 and "cancelled" in cancelled.json()["error"]["message"]

    second = _export_link(api, bearer(user))  # a new export works again
    body = {"current_password": PASSWORD, "new_password": "a brand new passphrase 42"}
    changed = api.post(f"{API}/account/password", json=body, headers=bearer(user))
    assert changed.status_code == 200, changed.text
    assert api.get(second).status_code == 404
