"""Exports over HTTP: synchronous downloads with ETags, previews, and queued jobs."""

from __future__ import annotations

import io

import pytest
from fastapi.testclient import TestClient
from pdfminer.high_level import extract_text
from sqlmodel import Session

from cvapp.worker.broker import broker
from tests.domain.cv_support import (  # noqa: F401  (forget_exports: autouse)
    auth,
    build_profile,
    forget_exports,
    make_user,
)

API = "/api/v1"


@pytest.fixture
def cv(api: TestClient, session: Session) -> tuple[dict[str, str], str]:
    user = make_user(session)
    build_profile(session, user)
    headers = auth(user)
    created = api.post(f"{API}/cvs", json={"name": "Backend"}, headers=headers).json()
    return headers, created["id"]


@pytest.mark.parametrize(
    ("suffix", "media", "magic"),
    [
        ("pdf", "application/pdf", b"%PDF"),
        ("json", "application/json", b"{"),
        ("jsonresume.json", "application/json", b"{"),
        ("md", "text/markdown", b"# Ann Example"),
        ("docx", "application/vnd.openxmlformats", b"PK"),
        ("html", "text/html", b"<!doctype html>"),
    ],
)
def test_synchronous_downloads(
    api: TestClient, cv: tuple[dict[str, str], str], suffix: str, media: str, magic: bytes
) -> None:
    headers, cv_id = cv
    response = api.get(f"{API}/cvs/{cv_id}/export.{suffix}", headers=headers)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith(media)
    assert response.content.startswith(magic)
    assert f".{suffix}" in response.headers["content-disposition"]
    again = api.get(
        f"{API}/cvs/{cv_id}/export.{suffix}",
        headers={**headers, "If-None-Match": response.headers["etag"]},
    )
    assert again.status_code == 304


def test_pdf_second_download_is_a_cache_hit(
    api: TestClient, cv: tuple[dict[str, str], str]
) -> None:
    headers, cv_id = cv
    first = api.get(f"{API}/cvs/{cv_id}/export.pdf", headers=headers)
    second = api.get(f"{API}/cvs/{cv_id}/export.pdf", headers=headers)
    assert (first.headers["x-export-cache"], second.headers["x-export-cache"]) == ("miss", "hit")
    assert first.content == second.content
    assert "Ann Example" in extract_text(io.BytesIO(second.content))


def test_preview_png(api: TestClient, cv: tuple[dict[str, str], str]) -> None:
    headers, cv_id = cv
    response = api.get(f"{API}/cvs/{cv_id}/preview.png?page=1&width=320", headers=headers)
    assert response.status_code == 200 and response.content.startswith(b"\x89PNG")
    assert response.headers["x-page-count"] == "1"
    missing = api.get(f"{API}/cvs/{cv_id}/preview.png?page=2", headers=headers)
    assert missing.status_code == 422


def test_queued_export_job(api: TestClient, cv: tuple[dict[str, str], str]) -> None:
    headers, cv_id = cv
    accepted = api.post(f"{API}/cvs/{cv_id}/exports", json={"format": "docx"}, headers=headers)
    assert accepted.status_code == 202, accepted.text
    job = accepted.json()["job"]
    assert job["kind"] == "exports.render" and job["status"] in ("queued", "running", "succeeded")
    broker.join("default", timeout=60_000)
    done = api.get(f"{API}/jobs/{job['id']}", headers=headers).json()
    assert done["status"] == "succeeded", done
    assert done["progress"] == 100 and done["result"]["format"] == "docx"
    file = api.get(done["result"]["url"], headers=headers)
    assert file.status_code == 200 and file.content.startswith(b"PK")


def test_queued_pdf_job_and_bad_format(api: TestClient, cv: tuple[dict[str, str], str]) -> None:
    headers, cv_id = cv
    job = api.post(f"{API}/cvs/{cv_id}/exports", json={"format": "pdf"}, headers=headers).json()
    broker.join("default", timeout=60_000)
    done = api.get(f"{API}/jobs/{job['job']['id']}", headers=headers).json()
    assert done["status"] == "succeeded" and done["result"]["pages"] == 1
    assert api.get(done["result"]["url"], headers=headers).content.startswith(b"%PDF")
    bad = api.post(f"{API}/cvs/{cv_id}/exports", json={"format": "odt"}, headers=headers)
    assert bad.status_code == 422


def test_other_users_cannot_export(api: TestClient, session: Session, cv: tuple) -> None:
    _, cv_id = cv
    other = auth(make_user(session))
    assert api.get(f"{API}/cvs/{cv_id}/export.pdf", headers=other).status_code == 404
    assert api.get(f"{API}/cvs/{cv_id}/preview.png", headers=other).status_code == 404
    queued = api.post(f"{API}/cvs/{cv_id}/exports", json={"format": "pdf"}, headers=other)
    assert queued.status_code == 404


def test_leak_answers_422_naming_the_field(api: TestClient, session: Session) -> None:
    from tests.domain.cv_support import anonymized_project

    user = make_user(session)
    build_profile(session, user)
    anonymized_project(session, user, alias="Acme Bank's retail arm")
    headers = auth(user)
    cv_id = api.post(f"{API}/cvs", json={"name": "Leaky"}, headers=headers).json()["id"]
    response = api.get(f"{API}/cvs/{cv_id}/export.md", headers=headers)
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "ANONYMIZATION_LEAK"
    assert any(d["field"].endswith("client_alias") for d in error["details"])
