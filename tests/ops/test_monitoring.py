"""Monitoring: Sentry off unless configured, the failed-login counter, multiprocess metrics."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import sentry_sdk
from fastapi.testclient import TestClient

from cvapp.observability import metrics
from cvapp.observability.logging import configure_logging
from tests.api.auth_support import _quiet_queue, login, register  # noqa: F401  (fixture)

ROOT = Path(__file__).resolve().parents[2]


def _python(code: str, **env: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        cwd=ROOT,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_sentry_is_off_without_a_dsn() -> None:
    assert "CVAPP_SENTRY_DSN" not in os.environ
    configure_logging()
    assert not sentry_sdk.get_client().is_active()


def test_sentry_is_on_with_a_dsn_and_sends_no_personal_data() -> None:
    out = _python(
        """
        import sentry_sdk
        from cvapp.observability.logging import configure_logging
        configure_logging()
        client = sentry_sdk.get_client()
        print(client.is_active(), client.options["send_default_pii"], client.options["environment"])
        client.close(timeout=0)
        """,
        CVAPP_SENTRY_DSN="http://public@127.0.0.1:9/1",
    )
    assert out == "True False test"


def _failures(reason: str) -> float:
    return metrics.LOGIN_FAILURES.labels(reason)._value.get()


def test_failed_logins_are_counted_by_reason(api: TestClient) -> None:
    register(api)
    wrong, unknown = _failures("password"), _failures("unknown_account")
    assert login(api, password="not the password").status_code == 401
    assert login(api, email="nobody@example.org").status_code == 401
    assert login(api).status_code == 200
    assert _failures("password") - wrong == 1
    assert _failures("unknown_account") - unknown == 1
    assert 'cvapp_login_failures_total{reason="password"}' in api.get("/metrics").text


def test_metrics_add_up_across_processes(tmp_path: Path) -> None:
    """What several granian workers (and Dramatiq workers) of one host see in /metrics."""
    worker = """
        from cvapp.observability import metrics
        metrics.HTTP_REQUESTS.labels("GET", "/probe", "200").inc(3)
        metrics.LOGIN_FAILURES.labels("password").inc()
        metrics.DB_POOL_CHECKED_OUT.inc(2)
        """
    env = {"PROMETHEUS_MULTIPROC_DIR": str(tmp_path)}
    for _ in range(2):
        _python(worker, **env)
    text = _python(
        "from cvapp.observability import metrics; print(metrics.render().decode())", **env
    )
    lines = set(text.splitlines())
    assert 'cvapp_http_requests_total{method="GET",route="/probe",status="200"} 6.0' in lines
    assert 'cvapp_login_failures_total{reason="password"} 2.0' in lines
    assert "cvapp_db_pool_checked_out 4.0" in lines


def test_pool_gauge_follows_checkouts() -> None:
    from cvapp.db import get_engine

    before = metrics.DB_POOL_CHECKED_OUT._value.get()
    with get_engine().connect():
        assert metrics.DB_POOL_CHECKED_OUT._value.get() == before + 1
    assert metrics.DB_POOL_CHECKED_OUT._value.get() == before
