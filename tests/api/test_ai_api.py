"""The /ai endpoints: shapes, auth, validation, jobs, quotas and provider errors as envelopes."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import time_machine
from fastapi.testclient import TestClient
from sqlmodel import Session

from cvapp.models import AiUsage
from cvapp.worker.broker import broker
from tests.fakes.ai_profile import WebDeveloper, build_web_developer, create_user
from tests.fakes.openai_server import FakeOpenAI, failure, openai_server, raw, slow

__all__ = ["openai_server"]

SAMPLE_JOB: dict[str, Any] = json.loads(
    (Path(__file__).parents[1] / "fakes" / "sample.job.json").read_text()
)
ENDPOINTS = [
    ("POST", "/api/v1/ai/optimize-text", {"text": "Did code reviews"}),
    ("POST", "/api/v1/ai/suggest-skills", {"role": "Data Engineer"}),
    ("POST", "/api/v1/ai/gap-analysis", {"job_description": "Python and SQL"}),
    ("POST", "/api/v1/ai/summary", {}),
    ("GET", "/api/v1/ai/provider", None),
]


@pytest.fixture
def dev(session: Session) -> WebDeveloper:
    return build_web_developer(session)


@pytest.mark.parametrize(("method", "path", "body"), ENDPOINTS)
def test_every_endpoint_needs_authentication(
    api: TestClient, method: str, path: str, body: dict[str, Any] | None
) -> None:
    response = api.request(method, path, json=body)
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "UNAUTHENTICATED"


def test_endpoints_are_documented(api: TestClient) -> None:
    paths = api.get("/api/v1/openapi.json").json()["paths"]
    assert {path for _, path, _ in ENDPOINTS} <= set(paths)


def test_optimize_text(api: TestClient, dev: WebDeveloper) -> None:
    response = api.post(
        "/api/v1/ai/optimize-text",
        json={"text": "Responsible for managing the design system", "context": "bullet"},
        headers=dev.headers(),
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["original"] == "Responsible for managing the design system"
    assert body["suggestion"] == "Managed the design system"
    assert body["diff"][0] == {"op": "delete", "text": "Responsible for managing"}
    assert body["warnings"] == [] and body["provider"] == "offline" and body["cached"] is False
    assert any(tip.startswith("Add a real number") for tip in body["tips"])


@pytest.mark.parametrize(
    ("path", "body", "field"),
    [
        ("/api/v1/ai/optimize-text", {"text": ""}, "text"),
        ("/api/v1/ai/optimize-text", {"text": "x" * 2001}, "text"),
        (
            "/api/v1/ai/optimize-text",
            {"text": "x", "context": {"tense": "future"}},
            "context.tense",
        ),
        ("/api/v1/ai/suggest-skills", {"role": "Data Engineer", "limit": 51}, "limit"),
        ("/api/v1/ai/summary", {"tone": "sarcastic"}, "tone"),
        ("/api/v1/ai/gap-analysis", {"job_description": "  "}, "job_description"),
    ],
)
def test_invalid_input_is_a_validation_error(
    api: TestClient, dev: WebDeveloper, path: str, body: dict[str, Any], field: str
) -> None:
    response = api.post(path, json=body, headers=dev.headers())
    assert response.status_code == 422, response.text
    error = response.json()["error"]
    assert error["code"] == "VALIDATION_ERROR"
    assert error["details"][0]["field"] == field


def test_suggest_skills(api: TestClient, dev: WebDeveloper) -> None:
    response = api.post(
        "/api/v1/ai/suggest-skills", json={"role": "Full stack", "limit": 3}, headers=dev.headers()
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["role"] == "Full Stack Developer"
    assert body["skills"][0] == {
        "name": "JavaScript",
        "category": "Programming languages",
        "reason": "Core skill for Full Stack Developer roles",
        "already_have": True,
    }


def test_gap_analysis_of_a_json_resume_job_against_a_cv(api: TestClient, dev: WebDeveloper) -> None:
    response = api.post(
        "/api/v1/ai/gap-analysis",
        json={"job_description": SAMPLE_JOB, "cv_id": dev.cv_id},
        headers=dev.headers(),
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["score"] == 69
    hidden = [r["requirement"]["name"] for r in body["hidden"]]
    assert hidden == ["Node.js", "SQL", "NoSQL", "MongoDB"]  # MySQL counts as SQL
    assert body["hidden"][0]["evidence"][0] == {
        "section": "experiences",
        "id": dev.contoso_id,
        "label": "Junior Web Developer at Contoso Media",
        "on_cv": False,
        "snippet": "Maintained Node.js services that sent 50,000 newsletters a week",
    }
    assert len(body["matched"]) == 7 and len(body["missing"]) == 2
    assert body["suggestions"][0]["kind"] == "add_to_cv"


def test_an_uploaded_job_file_can_be_sent_as_text(api: TestClient, dev: WebDeveloper) -> None:
    response = api.post(
        "/api/v1/ai/gap-analysis",
        json={"job_description": json.dumps(SAMPLE_JOB)},
        headers=dev.headers(),
    )
    assert response.status_code == 200 and response.json()["score"] == 85


def test_another_users_cv_is_not_found(
    api: TestClient, session: Session, dev: WebDeveloper
) -> None:
    other = WebDeveloper(**{**dev.__dict__, "user_id": create_user(session).id})
    session.commit()
    response = api.post(
        "/api/v1/ai/gap-analysis",
        json={"job_description": SAMPLE_JOB, "cv_id": dev.cv_id},
        headers=other.headers(),
    )
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "NOT_FOUND"


def test_async_gap_analysis_is_a_job_to_poll(api: TestClient, dev: WebDeveloper) -> None:
    response = api.post(
        "/api/v1/ai/gap-analysis?async=true",
        json={"job_description": SAMPLE_JOB, "cv_id": dev.cv_id},
        headers=dev.headers(),
    )
    assert response.status_code == 202, response.text
    job = response.json()["job"]
    assert job["kind"] == "ai.gap_analysis" and job["status"] == "queued"
    assert response.headers["Location"] == f"/api/v1/jobs/{job['id']}"
    broker.join("default", timeout=30_000)
    polled = api.get(f"/api/v1/jobs/{job['id']}", headers=dev.headers()).json()
    assert polled["status"] == "succeeded" and polled["progress"] == 100
    assert polled["result"]["score"] == 69


def test_a_long_advert_goes_to_a_job_on_its_own(api: TestClient, dev: WebDeveloper) -> None:
    advert = "Requirements: React and Node.js. " + "We care about craft. " * 400
    response = api.post(
        "/api/v1/ai/gap-analysis", json={"job_description": advert}, headers=dev.headers()
    )
    assert response.status_code == 202


def test_summary(api: TestClient, dev: WebDeveloper) -> None:
    response = api.post(
        "/api/v1/ai/summary", json={"cv_id": dev.cv_id, "tone": "concise"}, headers=dev.headers()
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["summary"].startswith("Frontend Developer with ")
    assert body["tone"] == "concise" and body["warnings"] == []
    assert body["original"] == "Web developer who builds fast, accessible web applications."


def test_try_again_and_an_already_good_text(api: TestClient, dev: WebDeveloper) -> None:
    asked = {"cv_id": dev.cv_id, "tone": "professional"}
    first = api.post("/api/v1/ai/summary", json=asked, headers=dev.headers()).json()
    again = api.post(
        "/api/v1/ai/summary", json={**asked, "variant": 1}, headers=dev.headers()
    ).json()
    assert (first["variant"], again["variant"]) == (0, 1)
    assert again["summary"] != first["summary"] and again["warnings"] == []
    good = api.post(
        "/api/v1/ai/optimize-text",
        json={"text": "Cut release time from 12 days to 3"},
        headers=dev.headers(),
    ).json()
    assert good["unchanged"] is True and good["suggestion"] == good["original"]
    assert good["reason"].startswith("Already good")
    usage = api.get("/api/v1/ai/provider", headers=dev.headers()).json()["quota"]
    assert usage["used"] == 2  # the two summaries; the unchanged answer is free
    bad = api.post("/api/v1/ai/summary", json={"variant": -1}, headers=dev.headers())
    assert bad.status_code == 422


@time_machine.travel("2026-11-25T23:00:00Z", tick=False)
def test_provider_and_quota(api: TestClient, session: Session, dev: WebDeveloper) -> None:
    session.add(AiUsage(user_id=dev.user_id, day=date(2026, 11, 25), count=4))
    session.commit()
    body = api.get("/api/v1/ai/provider", headers=dev.headers()).json()
    assert body["provider"] == "offline" and body["offline"] is True and body["model"] is None
    assert body["daily_quotas"] == {"free": 20, "pro": 200, "expert": 2000}
    assert body["cache_ttl_seconds"] == 86400
    assert body["quota"] == {
        "plan": "free",
        "limit": 20,
        "used": 4,
        "remaining": 16,
        "resets_at": "2026-11-26T00:00:00+00:00",
    }


@time_machine.travel("2026-11-25T23:00:00Z", tick=False)
def test_an_exhausted_quota_answers_429_until_midnight(
    api: TestClient, session: Session, dev: WebDeveloper
) -> None:
    session.add(AiUsage(user_id=dev.user_id, day=date(2026, 11, 25), count=20))
    session.commit()
    for path, body in [
        ("/api/v1/ai/optimize-text", {"text": "Did code reviews"}),
        ("/api/v1/ai/gap-analysis?async=true", {"job_description": SAMPLE_JOB}),
    ]:
        response = api.post(path, json=body, headers=dev.headers())
        assert response.status_code == 429, response.text
        assert response.headers["Retry-After"] == "3601"
        error = response.json()["error"]
        assert error["code"] == "RATE_LIMITED"
        assert "resets at 2026-11-26 00:00 UTC" in error["message"]


def test_provider_failures_are_clear_envelopes(
    api: TestClient, dev: WebDeveloper, openai_server: FakeOpenAI
) -> None:
    openai_server.script(failure(500), raw("nope"), raw("still nope"), slow(5))
    cases = [(503, "AI_PROVIDER_UNAVAILABLE"), (502, "AI_PROVIDER_BAD_RESPONSE")]
    cases.append((503, "AI_PROVIDER_TIMEOUT"))
    for status, code in cases:
        response = api.post(
            "/api/v1/ai/optimize-text", json={"text": "Did code reviews"}, headers=dev.headers()
        )
        assert response.status_code == status, response.text
        assert response.json()["error"]["code"] == code
    usage = api.get("/api/v1/ai/provider", headers=dev.headers()).json()
    assert usage["provider"] == "openai" and usage["quota"]["used"] == 0
