"""Scale-out on one machine: the production shape, every piece a separate process.

granian with 2 workers serving the app (as the Docker image does), UI state and cache in
Redis, the Redis job broker with 2 separate ``dramatiq cvapp.worker`` processes, PostgreSQL,
and the S3 storage backend against moto's S3 server. A user publishes a profile, its public
page answers the same from either worker (ETag, 304), a PDF export runs as a job in a worker
process and lands in S3, and /metrics adds up every process. Everything is stopped at the end.

Needs PostgreSQL (``CVAPP_TEST_DATABASE_URL`` or 127.0.0.1:5432) and Redis
(``CVAPP_SCALE_OUT_REDIS_URL``, default 127.0.0.1:6379 database 9, flushed); skipped
without them unless ``CVAPP_REQUIRE_SERVICES=1``. About 15 s on an idle 2-core machine.
"""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest

from cvapp.domain.auth.legal import current_privacy_policy
from tests.services import needs_postgres, needs_redis

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
ADMIN_URL = os.environ.get(
    "CVAPP_TEST_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/postgres"
)
REDIS_URL = os.environ.get("CVAPP_SCALE_OUT_REDIS_URL", "redis://127.0.0.1:6379/9")
BUCKET = "cvapp-scale-out"
STARTUP_SECONDS = 180
PASSWORD = "correct horse battery staple"

pytestmark = [pytest.mark.timeout(420), needs_postgres, needs_redis]


def wait_until(condition: Callable[[], object], *, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError(f"timed out after {timeout:.0f} s waiting for {what}")
        time.sleep(0.25)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _libpq(url: str) -> str:
    return re.sub(r"^postgresql\+\w+://", "postgresql://", url)


class Topology:
    """Starts processes in their own process groups and stops them all, newest first."""

    def __init__(self, workdir: Path) -> None:
        self.workdir = workdir
        self.processes: list[tuple[str, subprocess.Popen[bytes]]] = []

    def start(self, name: str, command: list[str], env: dict[str, str]) -> None:
        with (self.workdir / f"{name}.log").open("wb") as log:  # the process keeps its own
            process = subprocess.Popen(
                command, cwd=ROOT, env=env, stdin=subprocess.DEVNULL, stdout=log,
                stderr=subprocess.STDOUT, start_new_session=True,
            )  # fmt: skip
        self.processes.append((name, process))

    def alive(self, name: str) -> bool:
        return any(n == name and p.poll() is None for n, p in self.processes)

    def log(self, name: str) -> str:
        return (self.workdir / f"{name}.log").read_text(errors="replace")[-3000:]

    def stop_all(self) -> None:
        for _, process in reversed(self.processes):
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGINT)
        for _, process in reversed(self.processes):
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()


@pytest.fixture
def scratch_database() -> Iterator[str]:
    import psycopg

    name = f"cvapp_scale_out_{os.getpid()}"
    with psycopg.connect(_libpq(ADMIN_URL), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    base = _libpq(ADMIN_URL).rsplit("/", 1)[0].replace("postgresql://", "postgresql+psycopg://")
    try:
        yield f"{base}/{name}"
    finally:
        with psycopg.connect(_libpq(ADMIN_URL), autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def topology(tmp_path: Path) -> Iterator[Topology]:
    import redis

    client = redis.Redis.from_url(REDIS_URL)
    client.flushdb()
    running = Topology(tmp_path)
    try:
        yield running
    finally:
        running.stop_all()
        client.flushdb()


def _environment(tmp_path: Path, database_url: str, port: int, s3_port: int) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CVAPP_", "REFLEX_"))}
    (tmp_path / "metrics").mkdir()
    env.update(
        {
            "CVAPP_ENV": "production",
            "CVAPP_SECRET_KEY": "scale-out-secret-key-that-is-long-enough-0123456789",
            "CVAPP_DATA_DIR": str(tmp_path / "data"),
            "CVAPP_DATABASE_URL": database_url,
            "CVAPP_PUBLIC_URL": f"http://localhost:{port}",
            "CVAPP_REDIS_URL": REDIS_URL,
            "CVAPP_BROKER": "redis",
            "CVAPP_STORAGE_URL": f"s3://{BUCKET}/files",
            "CVAPP_S3_ENDPOINT_URL": f"http://127.0.0.1:{s3_port}",
            "CVAPP_S3_ACCESS_KEY_ID": "testing",
            "CVAPP_S3_SECRET_ACCESS_KEY": "testing",
            "CVAPP_S3_REGION": "us-east-1",
            # What the production image sets for granian (see the Dockerfile); no frontend build.
            "REFLEX_REDIS_URL": REDIS_URL,
            "REFLEX_ENV_MODE": "prod",
            "__REFLEX_SKIP_COMPILE": "true",
            "REFLEX_TELEMETRY_ENABLED": "0",
            "REFLEX_CHECK_LATEST_VERSION": "0",
            "REFLEX_WEB_WORKDIR": str(tmp_path / "web"),
            "REFLEX_STATES_WORKDIR": str(tmp_path / "states"),
            "PROMETHEUS_MULTIPROC_DIR": str(tmp_path / "metrics"),
            "AWS_ACCESS_KEY_ID": "testing",
            "AWS_SECRET_ACCESS_KEY": "testing",
            "PYTHONUNBUFFERED": "1",
        }
    )
    return env


def _answers(url: str) -> bool:
    try:
        return httpx.get(url, timeout=2, trust_env=False).status_code == 200
    except httpx.TransportError:
        return False


def _bucket(s3_port: int) -> object:
    import boto3

    return boto3.client(
        "s3",
        endpoint_url=f"http://127.0.0.1:{s3_port}",
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
        region_name="us-east-1",
    )


def _start(topology: Topology, env: dict[str, str], port: int, s3_port: int) -> object:
    """moto, migrations, 2 Dramatiq worker processes and granian with 2 workers, all up."""
    topology.start("moto", [str(BIN / "python"), "-m", "moto.server", "-H", "127.0.0.1",
                            "-p", str(s3_port)], env)  # fmt: skip
    wait_until(lambda: _answers(f"http://127.0.0.1:{s3_port}/moto-api/"), timeout=60, what="moto")
    s3 = _bucket(s3_port)
    s3.create_bucket(Bucket=BUCKET)  # type: ignore[attr-defined]
    subprocess.run(
        [str(BIN / "python"), "-m", "cvapp.cli", "migrate"],
        cwd=ROOT, env=env, check=True, capture_output=True, timeout=STARTUP_SECONDS,
    )  # fmt: skip
    for n in (1, 2):
        topology.start(f"dramatiq-{n}", [str(BIN / "dramatiq"), "cvapp.worker", "--processes",
                                         "1", "--threads", "2"], env)  # fmt: skip
    topology.start("granian", [str(BIN / "granian"), "--interface", "asgi", "--factory",
                               "--host", "127.0.0.1", "--port", str(port), "--workers", "2",
                               "cvapp.cvapp:app"], env)  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    wait_until(
        lambda: _answers(f"{base}/api/v1/ready") or not topology.alive("granian"),
        timeout=STARTUP_SECONDS,
        what="granian",
    )
    assert topology.alive("granian"), topology.log("granian")
    return s3


def _granian_workers(topology: Topology) -> int:
    main = next(p for n, p in topology.processes if n == "granian")
    children = subprocess.run(
        ["pgrep", "-P", str(main.pid)], capture_output=True, text=True, check=False
    ).stdout.split()
    return len(children)


def _metric(text: str, name: str, **labels: str) -> float:
    total = 0.0
    for line in text.splitlines():
        if line.startswith(name + "{") and all(f'{k}="{v}"' in line for k, v in labels.items()):
            total += float(line.rsplit(" ", 1)[1])
    return total


def _publish_profile(api: httpx.Client, headers: dict[str, str]) -> None:
    body = {"visibility": "PUBLIC", "slug": "scale-out", "headline": "Platform engineer"}
    assert api.patch("/api/v1/profiles/me", json=body, headers=headers).status_code == 200
    role = {"company": "Acme", "title": "Engineer", "start_date": "2020-01",
            "responsibilities": ["Ran the platform on several machines"]}  # fmt: skip
    created = api.post("/api/v1/experiences", json=role, headers=headers)
    assert created.status_code == 201, created.text


def _reads_everywhere(
    api: httpx.Client, headers: dict[str, str], text: str, *, expect_headline: str | None
) -> None:
    """Fresh connections (spread over both workers) all read the current page and profile."""
    time.sleep(0.2)  # the other worker hears the invalidation over Redis pub/sub
    for _ in range(12):
        with httpx.Client(base_url=api.base_url, trust_env=False) as fresh:
            page = fresh.get("/p/scale-out")
            assert page.status_code == 200 and text in page.text
            me = fresh.get("/api/v1/profiles/me", headers=headers)
            assert me.status_code == 200, me.text
            if expect_headline is not None:
                assert me.json()["headline"] == expect_headline


def test_scale_out_topology(tmp_path: Path, scratch_database: str, topology: Topology) -> None:
    import redis

    port, s3_port = _free_port(), _free_port()
    env = _environment(tmp_path, scratch_database, port, s3_port)
    s3 = _start(topology, env, port, s3_port)
    assert _granian_workers(topology) == 2
    with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=30, trust_env=False) as api:
        account = {"email": "scale@example.org", "password": PASSWORD, "full_name": "Sam Scale",
                   "accept_privacy_version": current_privacy_policy().version}  # fmt: skip
        registered = api.post("/api/v1/auth/register", json=account)
        assert registered.status_code == 201, registered.text
        headers = {"Authorization": f"Bearer {registered.json()['access_token']}"}
        _publish_profile(api, headers)

        # The public page: rendered once, then served from the Redis cache by either worker.
        etags = set()
        for _ in range(12):
            with httpx.Client(base_url=api.base_url, trust_env=False) as fresh:  # new connection
                page = fresh.get("/p/scale-out")
                assert page.status_code == 200 and "Sam Scale" in page.text
                assert page.headers["cache-control"].startswith("public")
                etags.add(page.headers["etag"])
        assert len(etags) == 1
        assert api.get("/p/scale-out", headers={"If-None-Match": etags.pop()}).status_code == 304

        # Both workers now answer from memory; a change made through either reaches both.
        _reads_everywhere(api, headers, "Sam Scale", expect_headline=None)
        changed = api.patch("/api/v1/profiles/me", json={"headline": "Scaled out"},
                            headers=headers)  # fmt: skip
        assert changed.status_code == 200, changed.text
        _reads_everywhere(api, headers, "Scaled out", expect_headline="Scaled out")

        # A PDF export: queued in Redis, rendered by a Dramatiq worker process, stored in S3.
        cv = api.post("/api/v1/cvs", json={"name": "Scale-out CV"}, headers=headers)
        assert cv.status_code == 201, cv.text
        queued = api.post(f"/api/v1/cvs/{cv.json()['id']}/exports", json={"format": "pdf"},
                          headers=headers)  # fmt: skip
        assert queued.status_code == 202, queued.text
        job_url = f"/api/v1/jobs/{queued.json()['job']['id']}"
        job: dict[str, object] = {}

        def finished() -> bool:
            job.update(api.get(job_url, headers=headers).json())
            return job["status"] in ("succeeded", "failed")

        wait_until(finished, timeout=120, what=f"the export job ({job})")
        assert job["status"] == "succeeded", job
        pdf = api.get(job["result"]["url"], headers=headers)  # type: ignore[index]
        assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
        listed = s3.list_objects_v2(Bucket=BUCKET)  # type: ignore[attr-defined]
        keys = [item["Key"] for item in listed.get("Contents", [])]
        assert any("exports/" in key for key in keys), keys

        # Two separate worker processes consume the queue (each keeps a broker heartbeat).
        client = redis.Redis.from_url(REDIS_URL)
        wait_until(lambda: client.zcard("cvapp:__heartbeats__") >= 2, timeout=60,
                   what="two Dramatiq heartbeats")  # fmt: skip
        assert topology.alive("dramatiq-1") and topology.alive("dramatiq-2")

        # /metrics adds up both granian workers and the Dramatiq processes.
        for _ in range(20):
            with httpx.Client(base_url=api.base_url, trust_env=False) as fresh:
                assert fresh.get("/api/v1/health").status_code == 200
        metrics = api.get("/metrics").text
        assert _metric(metrics, "cvapp_http_requests_total", route="/api/v1/health") >= 20
        assert _metric(metrics, "cvapp_http_requests_total", route="/p/{slug}") >= 13
        assert (
            _metric(metrics, "cvapp_jobs_total", actor="exports.render", outcome="succeeded") == 1
        )
