"""Tailoring a CV to a long advert runs as a job (the AI job pattern): 202, progress, then
the CV made and linked; a short one still answers at once."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlmodel import Session

from cvapp.domain.ai.service import LONG_JOB_CHARS
from tests.api.auth_support import wait_for_jobs
from tests.api.test_applications_links import tailorable
from tests.domain.cv_support import auth, forget_exports, make_user

__all__ = ["forget_exports"]

API = "/api/v1/applications"
REQUIREMENTS = "Requirements:\n- Strong Python experience\n- Experience with PostgreSQL\n"
# A long advert, as careers pages write them: the company's story around the requirements.
STORY = "Über uns: Wir bauen seit 1998 Zahlungssysteme für Banken in ganz Europa. " * 110
LONG_ADVERT = f"Backend Engineer (Zahlungen)\n{STORY}\n{REQUIREMENTS}"


def test_a_long_advert_is_tailored_by_a_job(api: TestClient, session: Session) -> None:
    assert len(LONG_ADVERT) > LONG_JOB_CHARS
    headers, created, _ = tailorable(api, session, LONG_ADVERT)
    queued = api.post(f"{API}/{created['id']}/tailor", headers=headers)
    assert queued.status_code == 202, queued.text
    job = queued.json()["job"]
    assert job["kind"] == "applications.tailor_cv"
    assert queued.headers["location"] == f"/api/v1/jobs/{job['id']}"
    wait_for_jobs()
    done = api.get(f"/api/v1/jobs/{job['id']}", headers=headers).json()
    assert done["status"] == "succeeded" and done["progress"] == 100, done
    result = done["result"]
    application = api.get(f"{API}/{created['id']}", headers=headers).json()
    assert application["cv_id"] == result["cv_id"] and result["application_id"] == created["id"]
    assert application["gap_analysis"]["score"] == result["score"]
    matched = application["gap_analysis"]["matched"] + application["gap_analysis"]["hidden"]
    assert {"python", "postgresql"} <= {r["requirement"]["name"].lower() for r in matched}
    assert application["timeline"][-1]["kind"] == "tailored"
    cv = api.get(f"/api/v1/cvs/{result['cv_id']}", headers=headers).json()
    assert cv["name"] == result["cv_name"] and cv["target_role"] == "Backend Engineer"
    assert "Zahlungen" in application["job_text"]
    # Someone else's application: 404 before anything is queued.
    other = auth(make_user(session))
    assert api.post(f"{API}/{created['id']}/tailor", headers=other).status_code == 404


def test_a_short_advert_answers_at_once_unless_asked_for_a_job(
    api: TestClient, session: Session
) -> None:
    headers, created, _ = tailorable(api, session, f"Backend Engineer\n{REQUIREMENTS}")
    assert api.post(f"{API}/{created['id']}/tailor", headers=headers).status_code == 201
    queued = api.post(f"{API}/{created['id']}/tailor?async=true", headers=headers)
    assert queued.status_code == 202
    bare = api.post(API, json={"company": "B", "role": "C"}, headers=headers).json()
    refused = api.post(f"{API}/{bare['id']}/tailor?async=true", headers=headers)
    assert refused.status_code == 422  # no advert: refused before a job is made
    wait_for_jobs()
    done = api.get(f"/api/v1/jobs/{queued.json()['job']['id']}", headers=headers).json()
    assert done["status"] == "succeeded", done
