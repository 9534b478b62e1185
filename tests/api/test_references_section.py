"""Issue #19 point 5: references reach the CV. The JSON Resume sample's references survive
import → CV export in every format; the whole-master public page leaves them out (they quote
other people), a CV chosen for the page may show them."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from docx import Document as open_docx
from fastapi.testclient import TestClient
from pdfminer.high_level import extract_text
from sqlmodel import Session

from cvapp.domain.exports import service as exports
from cvapp.worker.broker import broker
from tests.domain.cv_support import auth, forget_exports, make_user  # noqa: F401

API = "/api/v1"
SAMPLE = Path(__file__).resolve().parents[3] / "shared" / "jsonresume" / "sample.resume.json"
REFEREE = "Erlich Bachman"
QUOTE = "It is my pleasure to recommend Richard"


@pytest.fixture
def imported(api: TestClient, session: Session) -> tuple[str, dict[str, str], str]:
    user = make_user(session, plan="pro")
    headers = auth(user)
    started = api.post(
        f"{API}/imports/jsonresume",
        headers={**headers, "Content-Type": "application/json"},
        content=SAMPLE.read_bytes(),
    )
    assert started.status_code == 202, started.text
    broker.join("default", timeout=30_000)
    job = api.get(f"{API}/jobs/{started.json()['job']['id']}", headers=headers).json()
    applied = api.post(
        f"{API}/imports/{job['result']['import_id']}/apply", headers=headers, json={}
    )
    assert applied.status_code == 200, applied.text
    cv = api.post(f"{API}/cvs", json={"name": "Sample"}, headers=headers)
    assert cv.status_code == 201, cv.text
    return user.id, headers, cv.json()["id"]


def test_references_survive_import_to_every_export(
    session: Session, imported: tuple[str, dict[str, str], str]
) -> None:
    user_id, _, cv_id = imported
    resume = json.loads(
        exports.export_cv(session, user_id=user_id, cv_id=cv_id, fmt="jsonresume").data
    )
    sample = json.loads(SAMPLE.read_text())
    assert resume["references"] == sample["references"]
    markdown = exports.export_cv(session, user_id=user_id, cv_id=cv_id, fmt="markdown").data
    assert b"## References" in markdown and REFEREE.encode() in markdown
    pdf = extract_text(
        io.BytesIO(exports.export_cv(session, user_id=user_id, cv_id=cv_id, fmt="pdf").data)
    )
    assert "References" in pdf and REFEREE in pdf and QUOTE in " ".join(pdf.split())
    docx = open_docx(
        io.BytesIO(exports.export_cv(session, user_id=user_id, cv_id=cv_id, fmt="docx").data)
    )
    assert any(REFEREE in p.text for p in docx.paragraphs)


def test_a_cv_can_hide_its_references(
    api: TestClient, session: Session, imported: tuple[str, dict[str, str], str]
) -> None:
    user_id, headers, cv_id = imported
    hide = {"sections": [{"key": "references", "visible": False}]}
    assert api.patch(f"{API}/cvs/{cv_id}", json=hide, headers=headers).status_code == 200
    resume = json.loads(
        exports.export_cv(session, user_id=user_id, cv_id=cv_id, fmt="jsonresume").data
    )
    assert "references" not in resume


def test_public_page_shows_references_only_from_a_chosen_cv(
    api: TestClient, imported: tuple[str, dict[str, str], str]
) -> None:
    _, headers, cv_id = imported
    body = {"visibility": "PUBLIC", "slug": "richard-hendriks"}
    assert api.patch(f"{API}/profiles/me", json=body, headers=headers).status_code == 200
    assert REFEREE not in api.get("/p/richard-hendriks").text
    assert (
        api.patch(f"{API}/profiles/me", json={"public_cv_id": cv_id}, headers=headers).status_code
        == 200
    )
    assert REFEREE in api.get("/p/richard-hendriks").text
