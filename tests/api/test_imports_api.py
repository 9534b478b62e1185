"""/api/v1/imports: upload → 202 job → preview → apply with a merge → items in the profile."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient
from sqlmodel import Session, func, select

from cvapp.domain.auth.tokens import create_access_token
from cvapp.models import ImportBatch, User
from cvapp.worker.broker import broker
from tests.fixtures.linkedin import build
from tests.fixtures.linkedin.build import csv_text, zip_bytes

SAMPLE = Path(__file__).resolve().parents[3] / "shared" / "jsonresume" / "sample.resume.json"
ZIP = "application/zip"


def _auth(session: Session, email: str = "lena@example.org") -> dict[str, str]:
    user = User(email=email, full_name="Lena Marquardt", password_hash="x")
    session.add(user)
    session.commit()
    return {"Authorization": f"Bearer {create_access_token(user_id=user.id, plan='free')}"}


def _error(response: Any, status: int, code: str) -> dict[str, Any]:
    assert response.status_code == status, response.text
    error: dict[str, Any] = response.json()["error"]
    assert error["code"] == code
    return error


def _finished(api: TestClient, headers: dict[str, str], job: dict[str, Any]) -> dict[str, Any]:
    broker.join("default", timeout=30_000)
    response = api.get(f"/api/v1/jobs/{job['id']}", headers=headers)
    assert response.status_code == 200
    done: dict[str, Any] = response.json()
    assert done["status"] == "succeeded", done["error"]
    return done


def test_linkedin_upload_preview_merge_apply(api: TestClient, session: Session) -> None:
    headers = _auth(session)
    created = api.post(
        "/api/v1/experiences",
        headers=headers,
        json={
            "company": "Nordlicht Logistics",
            "title": "Backend Engineer",
            "start_date": "2017-09",
        },
    )
    assert created.status_code == 201, created.text
    existing_id = created.json()["id"]
    response = api.post(
        "/api/v1/imports/linkedin",
        headers=headers,
        files={"file": ("Basic_LinkedInDataExport.zip", build.basic_export(), ZIP)},
    )
    assert response.status_code == 202, response.text
    body = response.json()
    assert body["job"]["status"] in ("queued", "running", "succeeded")
    assert body["job"]["kind"] == "imports.parse"
    (started,) = body["imports"]
    assert started["filename"] == "Basic_LinkedInDataExport.zip"
    result = _finished(api, headers, body["job"])["result"]
    assert result["import_id"] == started["import_id"]
    assert {"creates", "updates", "duplicates", "warnings"} <= set(result)

    preview = api.get(f"/api/v1/imports/{started['import_id']}", headers=headers).json()
    assert preview["status"] == "previewed"
    (conflict,) = [item for item in preview["updates"] if item["section"] == "experiences"]
    assert conflict["match"]["id"] == existing_id
    decisions = [{"item_ref": conflict["item_ref"], "action": "merge"}]
    applied = api.post(
        f"/api/v1/imports/{started['import_id']}/apply",
        headers=headers,
        json={"decisions": decisions},
    )
    assert applied.status_code == 200, applied.text
    summary = applied.json()
    assert summary["merged"] == 2 and summary["created"] == 10  # profile + the experience
    merged = [
        i for i in summary["items"] if i["section"] == "experiences" and i["action"] == "merged"
    ]
    assert [item["id"] for item in merged] == [existing_id]

    profile = api.get("/api/v1/profiles/me", headers=headers).json()
    assert len(profile["experiences"]) == 3 and len(profile["skills"]) == 5
    nordlicht = next(e for e in profile["experiences"] if e["id"] == existing_id)
    assert nordlicht["end_date"] == "2021-02" and len(nordlicht["responsibilities"]) == 2
    again = api.post(f"/api/v1/imports/{started['import_id']}/apply", headers=headers)
    assert again.status_code == 200 and again.json() == summary


def test_several_files_at_once_each_get_a_preview(api: TestClient, session: Session) -> None:
    headers = _auth(session)
    response = api.post(
        "/api/v1/imports/linkedin",
        headers=headers,
        files=[
            ("file", ("a.zip", build.basic_export(), ZIP)),
            ("file", ("b.zip", build.complete_export(), ZIP)),
        ],
    )
    assert response.status_code == 202, response.text
    imports = response.json()["imports"]
    assert [item["filename"] for item in imports] == ["a.zip", "b.zip"]
    for item in imports:
        _finished(api, headers, item["job"])
        preview = api.get(f"/api/v1/imports/{item['import_id']}", headers=headers).json()
        assert preview["status"] == "previewed" and preview["creates"]


def test_hostile_and_wrong_uploads_get_clear_4xx(api: TestClient, session: Session) -> None:
    headers = _auth(session)

    def upload(data: bytes, name: str = "x.zip") -> Any:
        return api.post(
            "/api/v1/imports/linkedin", headers=headers, files={"file": (name, data, ZIP)}
        )

    error = _error(upload(b"%PDF-1.4 not a zip", "cv.pdf"), 415, "UNSUPPORTED_MEDIA_TYPE")
    assert "not a ZIP archive" in error["message"]
    wrong = zip_bytes({"Positions.csv": csv_text(["Firma", "Titel"], [["A", "B"]])})
    error = _error(upload(wrong), 422, "VALIDATION_ERROR")
    assert "expected Company Name, Title, Started On" in error["message"]
    assert error["details"][0]["field"] == "Positions.csv"
    bomb = zip_bytes({"Skills.csv": "Name\nGo\n", "Positions.csv": b"\0" * (3 * 1024 * 1024)})
    _error(upload(bomb), 413, "PAYLOAD_TOO_LARGE")
    huge = b"PK\x03\x04" + b"\0" * (20 * 1024 * 1024)
    error = _error(upload(huge), 413, "PAYLOAD_TOO_LARGE")
    assert "20 MB" in error["message"]
    _error(api.post("/api/v1/imports/linkedin", headers=headers, json={}), 415,
           "UNSUPPORTED_MEDIA_TYPE")  # fmt: skip
    empty = api.post("/api/v1/imports/linkedin", headers=headers, files={"other": ("a", b"x")})
    _error(empty, 422, "VALIDATION_ERROR")
    assert session.exec(select(func.count()).select_from(ImportBatch)).one() == 0


def test_traversal_and_nested_archives_are_only_warnings(api: TestClient, session: Session) -> None:
    headers = _auth(session)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("../../Skills.csv", "Name\nEvil\n")
        archive.writestr("inner.zip", build.basic_export())
        archive.writestr("Skills.csv", "Name\nGo\n")
    response = api.post(
        "/api/v1/imports/linkedin", headers=headers, files={"file": ("t.zip", out.getvalue(), ZIP)}
    )
    result = _finished(api, headers, response.json()["job"])["result"]
    assert [item["data"] for item in result["creates"]] == [{"name": "Go"}]
    assert {w["location"] for w in result["warnings"]} == {"../../Skills.csv", "inner.zip"}


def test_json_resume_as_body_or_file(api: TestClient, session: Session) -> None:
    headers = _auth(session)
    body = api.post(
        "/api/v1/imports/jsonresume",
        headers={**headers, "Content-Type": "application/json"},
        content=SAMPLE.read_bytes(),
    )
    assert body.status_code == 202, body.text
    result = _finished(api, headers, body.json()["job"])["result"]
    assert len(result["creates"]) == 9
    upload = api.post(
        "/api/v1/imports/jsonresume",
        headers=headers,
        files={"file": ("resume.json", SAMPLE.read_bytes(), "application/json")},
    )
    assert upload.status_code == 202
    from_file = _finished(api, headers, upload.json()["job"])["result"]
    assert len(from_file["creates"]) == 9
    applied = api.post(f"/api/v1/imports/{result['import_id']}/apply", headers=headers, json={})
    assert applied.status_code == 200 and applied.json()["created"] == 9


def test_json_resume_bad_fields_are_warned_by_path_not_refused(
    api: TestClient, session: Session
) -> None:
    headers = _auth(session)
    document = {
        "basics": {"name": "Lena"},
        "work": [{"name": "A", "position": "B", "startDate": "2013-13-45"}],
        "skills": {"name": "Go"},
    }
    response = api.post("/api/v1/imports/jsonresume", headers=headers, json=document)
    assert response.status_code == 202, response.text
    result = _finished(api, headers, response.json()["job"])["result"]
    warned = {w["location"]: w["message"] for w in result["warnings"]}
    assert "must be a list, not an object" in warned["skills"]
    assert "not a date" in warned["work[0].startDate"]


def test_json_resume_that_is_not_json_is_refused(api: TestClient, session: Session) -> None:
    headers = _auth(session)
    not_json = api.post(
        "/api/v1/imports/jsonresume",
        headers={**headers, "Content-Type": "application/json"},
        content=b"{oops",
    )
    assert "not valid JSON" in _error(not_json, 422, "VALIDATION_ERROR")["message"]
    text = api.post(
        "/api/v1/imports/jsonresume",
        headers={**headers, "Content-Type": "text/plain"},
        content=b"hello",
    )
    _error(text, 415, "UNSUPPORTED_MEDIA_TYPE")


def test_imports_need_auth_and_are_private(api: TestClient, session: Session) -> None:
    owner, other = _auth(session), _auth(session, "other@example.org")
    assert api.post("/api/v1/imports/jsonresume", json={}).status_code == 401
    started = api.post("/api/v1/imports/jsonresume", headers=owner, json={"basics": {}})
    import_id = started.json()["imports"][0]["import_id"]
    _finished(api, owner, started.json()["job"])
    _error(api.get(f"/api/v1/imports/{import_id}", headers=other), 404, "NOT_FOUND")
    _error(api.post(f"/api/v1/imports/{import_id}/apply", headers=other), 404, "NOT_FOUND")
    bad = api.post(
        f"/api/v1/imports/{import_id}/apply",
        headers=owner,
        json={"decisions": [{"item_ref": "x", "action": "explode"}]},
    )
    _error(bad, 422, "VALIDATION_ERROR")


def test_openapi_describes_the_import_endpoints(api: TestClient) -> None:
    paths = api.get("/api/v1/openapi.json").json()["paths"]
    assert {"/api/v1/imports/linkedin", "/api/v1/imports/jsonresume", "/api/v1/imports/{import_id}",
            "/api/v1/imports/{import_id}/apply"} <= set(paths)  # fmt: skip
    linkedin = paths["/api/v1/imports/linkedin"]["post"]
    assert "multipart/form-data" in linkedin["requestBody"]["content"]
    assert "202" in linkedin["responses"]
    assert json.dumps(paths["/api/v1/imports/{import_id}/apply"]["post"]["requestBody"])
