"""Metrics per route template and structured, redacted request logs."""

from __future__ import annotations

import json
import re
from typing import Any

import structlog
from pydantic import SecretStr

from cvapp import cache
from cvapp.observability.logging import _redact


def _sample(text: str, name: str, **labels: str) -> float:
    wanted = ",".join(f'{k}="{v}"' for k, v in sorted(labels.items()))
    for line in text.splitlines():
        match = re.match(rf"^{name}\{{(.*)\}} (\S+)$", line)
        if match and ",".join(sorted(match.group(1).split(","))) == wanted:
            return float(match.group(2))
    return 0.0


def test_requests_are_counted_per_route_template(api: Any) -> None:
    before = _sample(
        api.get("/metrics").text,
        "cvapp_http_requests_total",
        method="GET",
        route="/api/v1/jobs/{job_id}",
        status="401",
    )
    for job_id in ("a", "b", "c"):
        assert api.get(f"/api/v1/jobs/{job_id}").status_code == 401
    text = api.get("/metrics").text
    after = _sample(
        text,
        "cvapp_http_requests_total",
        method="GET",
        route="/api/v1/jobs/{job_id}",
        status="401",
    )
    assert after - before == 3
    assert "cvapp_http_request_duration_seconds_bucket" in text
    assert "cvapp_db_pool" in text


def test_cache_hits_and_misses_are_counted(api: Any) -> None:
    def count(result: str) -> float:
        return _sample(
            api.get("/metrics").text, "cvapp_cache_requests_total", cache="probe", result=result
        )

    hits, misses = count("hit"), count("miss")
    assert cache.get("probe:x") is None
    cache.set("probe:x", b"1", 60)
    assert cache.get("probe:x") == b"1"
    assert count("hit") - hits == 1 and count("miss") - misses == 1


def test_secrets_never_reach_the_log() -> None:
    event = _redact(None, "info", {"event": "login", "password": "hunter2", "token": "abc"})
    assert event == {"event": "login", "password": "[redacted]", "token": "[redacted]"}


def test_request_log_line_is_json_with_request_id(capsys: Any, api: Any) -> None:
    renderer = structlog.processors.JSONRenderer()
    line = renderer(None, "info", {"event": "request", "request_id": "r1"})
    assert json.loads(line)["request_id"] == "r1"
    response = api.get("/api/v1/health", headers={"X-Request-ID": "req-42"})
    assert response.headers["x-request-id"] == "req-42"


def test_metrics_token_guards_the_endpoint(api: Any, monkeypatch: Any) -> None:
    from cvapp.settings import get_settings

    assert api.get("/metrics").status_code == 200  # unset: open (the load balancer guards it)
    monkeypatch.setattr(get_settings(), "metrics_token", SecretStr("s3cret-scrape-token"))
    refused = api.get("/metrics")
    assert refused.status_code == 401 and refused.json()["error"]["code"] == "UNAUTHENTICATED"
    wrong = api.get("/metrics", headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 401
    allowed = api.get("/metrics", headers={"Authorization": "Bearer s3cret-scrape-token"})
    assert allowed.status_code == 200 and "cvapp_http_requests_total" in allowed.text


def test_metrics_without_a_token_stay_private_in_production(api: Any, monkeypatch: Any) -> None:
    """Issue #15 point 12: in production an unset token no longer means open to the world."""
    from cvapp.api import observe
    from cvapp.settings import get_settings

    monkeypatch.setattr(get_settings(), "env", "production")
    monkeypatch.setattr(get_settings(), "metrics_token", None)
    assert api.get("/metrics").status_code == 404  # the test client is no private address

    class Peer:
        host = "10.0.3.7"

    class Request:
        headers: dict[str, str] = {}
        client = Peer()

    assert observe._from_private_network(Request())  # type: ignore[arg-type]
    Request.headers = {"x-forwarded-for": "203.0.113.9"}
    assert not observe._from_private_network(Request())  # type: ignore[arg-type]
    Peer.host = "8.8.8.8"  # a public address (203.0.113.x is documentation: "private")
    Request.headers = {}
    assert not observe._from_private_network(Request())  # type: ignore[arg-type]
