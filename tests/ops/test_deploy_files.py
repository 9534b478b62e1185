"""deploy/: the Grafana dashboard and Prometheus alerts parse and name only metrics we export."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml
from prometheus_client import REGISTRY

import cvapp.observability.metrics  # noqa: F401  (registers every cvapp metric)

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"
ALERTS = DEPLOY / "prometheus-alerts.yml"
DASHBOARD = DEPLOY / "grafana-dashboard.json"
SEED_METRICS = {
    "cvapp_http_requests_total",
    "cvapp_http_request_duration_seconds",
    "cvapp_jobs_total",
    "cvapp_job_duration_seconds",
    "cvapp_cache_requests_total",
    "cvapp_db_pool_checked_out",
}
_SUFFIXES = {
    "counter": ("_total",),
    "histogram": ("_bucket", "_sum", "_count"),
    "gauge": ("",),
}


def exported_series() -> set[str]:
    """Every series name the cvapp metrics expose (counters as ``_total``, histogram parts)."""
    names: set[str] = set()
    for family in REGISTRY.collect():
        if family.name.startswith("cvapp_"):
            names.update(family.name + suffix for suffix in _SUFFIXES[family.type])
    return names


def metric_names(expr: str) -> set[str]:
    return set(re.findall(r"\bcvapp_[a-z0-9_]+\b", expr))


def _rules() -> list[dict[str, Any]]:
    document = yaml.safe_load(ALERTS.read_text())
    return [rule for group in document["groups"] for rule in group["rules"]]


def _dashboard_exprs() -> list[str]:
    panels = json.loads(DASHBOARD.read_text())["panels"]
    return [target["expr"] for panel in panels for target in panel.get("targets", [])]


def test_alert_rules_parse_and_use_exported_metrics() -> None:
    rules = _rules()
    assert {rule["alert"] for rule in rules} >= {
        "CvappLatencyP95High",
        "CvappErrorRateHigh",
        "CvappFailedLoginSpike",
    }
    exported = exported_series()
    for rule in rules:
        assert rule["labels"]["severity"] in ("page", "warn")
        assert rule["annotations"]["summary"] and rule["for"]
        unknown = metric_names(rule["expr"]) - exported
        assert not unknown, f"{rule['alert']} uses metrics we do not export: {unknown}"


def test_alert_thresholds_are_the_seeds() -> None:
    rules = {rule["alert"]: " ".join(rule["expr"].split()) for rule in _rules()}
    assert "histogram_quantile(0.95," in rules["CvappLatencyP95High"]
    assert rules["CvappLatencyP95High"].endswith(") > 2")
    errors = rules["CvappErrorRateHigh"]
    assert '{status=~"5.."}' in errors and ") > 0.01" in errors
    assert "cvapp_login_failures_total" in rules["CvappFailedLoginSpike"]


def test_dashboard_panels_query_exported_metrics() -> None:
    dashboard = json.loads(DASHBOARD.read_text())
    ids = [panel["id"] for panel in dashboard["panels"]]
    assert len(ids) == len(set(ids))
    exprs = _dashboard_exprs()
    used = set().union(*(metric_names(expr) for expr in exprs))
    unknown = used - exported_series()
    assert not unknown, f"the dashboard queries metrics we do not export: {unknown}"
    shown = {re.sub(r"_(bucket|sum|count)$", "", name) for name in used}
    assert SEED_METRICS <= shown
    for panel in dashboard["panels"]:
        if panel["type"] != "row":
            assert panel["datasource"]["uid"] == "${datasource}" and panel["targets"]


_FIRING = {
    "CvappLatencyP95High": {
        "series": {
            'cvapp_http_request_duration_seconds_bucket{le="2",method="GET",route="/x"}': "0+1x30",
            'cvapp_http_request_duration_seconds_bucket{le="5",method="GET",route="/x"}': "0+10x30",
            'cvapp_http_request_duration_seconds_bucket{le="+Inf",method="GET",route="/x"}': (
                "0+10x30"
            ),
        },
        "eval_time": "15m",
        "summary": "cvapp p95 latency is 4.833s (over 2 s)",
    },
    "CvappErrorRateHigh": {
        "series": {
            'cvapp_http_requests_total{method="GET",route="/x",status="200"}': "0+100x30",
            'cvapp_http_requests_total{method="GET",route="/x",status="500"}': "0+5x30",
        },
        "eval_time": "10m",
        "summary": "cvapp answers 4.762% of requests with a 5xx",
    },
    "CvappFailedLoginSpike": {
        "series": {'cvapp_login_failures_total{reason="password"}': "0+1x60 61+50x20"},
        "eval_time": "70m",
        "summary": "250 failed sign-ins in 5 minutes",
    },
}


@pytest.mark.skipif(shutil.which("promtool") is None, reason="promtool (Debian prometheus) absent")
def test_alerts_fire_on_synthetic_series(tmp_path: Path) -> None:
    """promtool evaluates each rule on series that should fire it, and on a steady baseline."""
    descriptions = {rule["alert"]: rule["annotations"]["description"] for rule in _rules()}
    tests = []
    for alert, case in _FIRING.items():
        annotations = {"summary": case["summary"], "description": descriptions[alert]}
        severity = "warn" if alert == "CvappFailedLoginSpike" else "page"
        tests.append(
            {
                "interval": "1m",
                "input_series": [{"series": s, "values": v} for s, v in case["series"].items()],
                "alert_rule_test": [
                    {
                        "eval_time": case["eval_time"],
                        "alertname": alert,
                        "exp_alerts": [
                            {"exp_labels": {"severity": severity}, "exp_annotations": annotations}
                        ],
                    }
                ],
            }
        )
    steady = {"series": 'cvapp_login_failures_total{reason="password"}', "values": "0+10x90"}
    tests.append(
        {
            "interval": "1m",
            "input_series": [steady],
            "alert_rule_test": [{"eval_time": "80m", "alertname": "CvappFailedLoginSpike"}],
        }
    )
    spec = {"rule_files": [str(ALERTS)], "evaluation_interval": "1m", "tests": tests}
    path = tmp_path / "alerts.test.yml"
    path.write_text(yaml.safe_dump(spec, sort_keys=False))
    done = subprocess.run(
        ["promtool", "test", "rules", str(path)], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stdout + done.stderr
