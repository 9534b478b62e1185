"""What the HTTP benchmarks share: a scratch database, the production server, nginx and wrk.

Everything listens on 127.0.0.1 only and is stopped when its ``with`` block ends (the server
with its whole process group, like Ctrl-C). The server is ``reflex run --env prod
--single-port`` — what ``make run`` starts — with its own build directory under
``.cache/bench/``, its own data directory, PostgreSQL and Redis (database 9).
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / ".cache"
POSTGRES = os.environ.get("BENCH_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
REDIS = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/9")
SECRET = "bench-secret-key-that-is-long-enough-0123456789"
TOOLCHAIN = {
    "REFLEX_BUN_PATH": str(CACHE / "tools" / "bun" / "node_modules" / ".bin" / "bun"),
    "REFLEX_TELEMETRY_ENABLED": "0",
    "REFLEX_CHECK_LATEST_VERSION": "0",
    "REFLEX_DIR": str(CACHE / "reflex"),
    "BUN_INSTALL_CACHE_DIR": str(CACHE / "bun" / "install"),
    "BUN_RUNTIME_TRANSPILER_CACHE_PATH": str(CACHE / "bun" / "transpiler"),
    "npm_config_cache": str(CACHE / "npm"),
}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_until(condition: Callable[[], bool], *, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError(f"timed out after {timeout:.0f} s waiting for {what}")
        time.sleep(0.2)


@contextmanager
def scratch_database(name: str) -> Iterator[str]:
    """A new, empty PostgreSQL database (dropped afterwards); yields its SQLAlchemy URL."""
    import psycopg

    with psycopg.connect(POSTGRES, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    base = POSTGRES.rsplit("/", 1)[0].replace("postgresql://", "postgresql+psycopg://", 1)
    try:
        yield f"{base}/{name}"
    finally:
        with psycopg.connect(POSTGRES, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def app_env(data_dir: Path, database_url: str, port: int, **extra: str) -> dict[str, str]:
    """The settings of a production-like app process on ``port``."""
    env = {**TOOLCHAIN, **os.environ}
    for name in ("CVAPP_REDIS_URL", "REFLEX_REDIS_URL", "CVAPP_BROKER", "REDIS_URL"):
        env.pop(name, None)
    env.update(
        {
            "CVAPP_ENV": "production",
            "CVAPP_SECRET_KEY": SECRET,
            "CVAPP_DATA_DIR": str(data_dir),
            "CVAPP_DATABASE_URL": database_url,
            "CVAPP_STORAGE_URL": f"file://{data_dir / 'files'}",
            "CVAPP_PUBLIC_URL": f"http://localhost:{port}",
            "CVAPP_REDIS_URL": REDIS,
            "REFLEX_REDIS_URL": REDIS,
            "REFLEX_WEB_WORKDIR": str(CACHE / "bench" / "web"),
            "REFLEX_STATES_WORKDIR": str(data_dir / "states"),
            "PYTHONUNBUFFERED": "1",
            **extra,
        }
    )
    return env


def configure_here(env: dict[str, str]) -> None:
    """Point this process's cvapp settings at the server's database (to seed it)."""
    for name in ("CVAPP_ENV", "CVAPP_SECRET_KEY", "CVAPP_DATA_DIR", "CVAPP_DATABASE_URL"):
        os.environ[name] = env[name]
    for name in ("CVAPP_PUBLIC_URL", "CVAPP_STORAGE_URL", "CVAPP_REDIS_URL"):
        os.environ[name] = env[name]
    os.environ["CVAPP_LOG_JSON"] = "false"
    sys.path.insert(0, str(ROOT))


def migrate(env: dict[str, str]) -> None:
    subprocess.run(
        [sys.executable, "-m", "cvapp.cli", "migrate"],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
    )


def flush_redis() -> None:
    import redis

    redis.Redis.from_url(REDIS).flushdb()


@contextmanager
def prod_server(env: dict[str, str], port: int, *, workers: int = 2) -> Iterator[str]:
    """``reflex run --env prod --single-port`` with ``workers`` granian processes."""
    metrics_dir = Path(tempfile.mkdtemp(prefix="cvapp-bench-metrics-"))
    env = {**env, "GRANIAN_WORKERS": str(workers), "PROMETHEUS_MULTIPROC_DIR": str(metrics_dir)}
    log_path = Path(env["CVAPP_DATA_DIR"]) / "server.log"
    command = [sys.executable, "-m", "reflex", "run", "--env", "prod", "--single-port",
               "--frontend-port", str(port), "--backend-port", str(port)]  # fmt: skip
    with log_path.open("w") as log:
        server = subprocess.Popen(
            command,
            cwd=ROOT,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until(
            lambda: server.poll() is not None or _answers(f"{url}/ping"),
            timeout=300,
            what=f"the production server (log: {log_path})",
        )
        if server.poll() is not None:
            raise RuntimeError(f"the server exited: {log_path.read_text()[-3000:]}")
        yield url
    finally:
        stop_group(server)
        shutil.rmtree(metrics_dir, ignore_errors=True)


def stop_group(
    process: subprocess.Popen[bytes], timeout: float = 20, sig: int = signal.SIGINT
) -> None:
    """``sig`` to the process group (SIGINT: like Ctrl-C), SIGKILL if it is still there."""
    if process.poll() is None:
        os.killpg(process.pid, sig)
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def _spawn_quiet(command: list[str], **options: Any) -> subprocess.Popen[bytes]:
    """A server process in a process group of its own, with no input and its output dropped."""
    return subprocess.Popen(
        command,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
        **options,
    )


def _answers(url: str) -> bool:
    try:
        return httpx.get(url, timeout=2, trust_env=False).status_code == 200
    except httpx.TransportError:
        return False


_NGINX_CONF = """
worker_processes {workers};
daemon off;
pid {prefix}/nginx.pid;
error_log {prefix}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    sendfile on;
    keepalive_requests 100000;
    client_body_temp_path {prefix}/tmp; proxy_temp_path {prefix}/tmp;
    fastcgi_temp_path {prefix}/tmp; uwsgi_temp_path {prefix}/tmp; scgi_temp_path {prefix}/tmp;
    proxy_cache_path {prefix}/cache keys_zone=pages:1m;
    upstream app {{ server {upstream}; keepalive 16; }}
    server {{
        listen 127.0.0.1:{port};
        root {root};
        default_type text/html;
        location / {{ {location} }}
    }}
}}
"""
_STATIC = "try_files $uri =404;"
# A shared cache in front of the app, as a CDN would be: it keeps what the app's
# Cache-Control allows (public, max-age) and revalidates with the app's ETag.
_CACHING_PROXY = (
    "proxy_pass http://app; proxy_http_version 1.1; proxy_set_header Connection ''; "
    "proxy_cache pages; proxy_cache_revalidate on; proxy_cache_lock on;"
)


@contextmanager
def nginx(root: Path, port: int, *, workers: int = 2, upstream: str | None = None) -> Iterator[str]:
    """Debian's nginx on ``port`` (no access log): serving ``root`` from disk, or with
    ``upstream`` ("127.0.0.1:PORT") as a caching reverse proxy in front of that server."""
    prefix = Path(tempfile.mkdtemp(prefix="cvapp-bench-nginx-"))
    (prefix / "tmp").mkdir()
    for path in (prefix, root, *root.parents):
        if path == Path("/"):
            break
        path.chmod(path.stat().st_mode | 0o055)  # nginx workers run as www-data
    conf = prefix / "nginx.conf"
    location = _CACHING_PROXY if upstream else _STATIC
    conf.write_text(
        _NGINX_CONF.format(
            workers=workers,
            prefix=prefix,
            port=port,
            root=root,
            upstream=upstream or "127.0.0.1:9",
            location=location,
        )  # fmt: skip
    )
    server = _spawn_quiet(["nginx", "-c", str(conf), "-p", str(prefix)])
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until(lambda: _reachable(port), timeout=10, what="nginx")
        yield url
    finally:
        # SIGQUIT: nginx's graceful stop (workers finish, then exit).
        stop_group(server, timeout=10, sig=signal.SIGQUIT)
        shutil.rmtree(prefix, ignore_errors=True)


def _reachable(port: int) -> bool:
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) == 0


@dataclass(frozen=True)
class WrkResult:
    requests_per_second: float
    p50_ms: float
    p95_ms: float
    p99_ms: float
    requests: int
    errors: int


# wrk's own summary has no p95: a Lua ``done`` hook prints the percentiles (microseconds).
_PERCENTILES_LUA = """
done = function(summary, latency, requests)
  for _, p in pairs({50, 95, 99}) do
    io.write(string.format("PCT %d %d\\n", p, latency:percentile(p)))
  end
end
"""


_SOCKET_ERRORS = r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)"


def wrk(
    url: str,
    *,
    seconds: int,
    connections: int,
    threads: int = 1,
    headers: dict[str, str] | None = None,
) -> WrkResult:
    """Run ``wrk`` against ``url``: requests/s, latency percentiles, failed requests."""
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(_PERCENTILES_LUA)
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "-s", script.name]
    for name, value in (headers or {}).items():
        command += ["-H", f"{name}: {value}"]
    try:
        out = subprocess.run(
            [*command, url], capture_output=True, text=True, check=True, timeout=seconds + 30
        ).stdout
    finally:
        os.unlink(script.name)
    pct = {int(p): int(us) / 1000 for p, us in re.findall(r"^PCT (\d+) (\d+)$", out, re.M)}
    failed = sum(int(n) for n in re.findall(r"Non-2xx or 3xx responses: (\d+)", out))
    for counts in re.findall(_SOCKET_ERRORS, out):
        failed += sum(int(n) for n in counts)
    rps = re.search(r"Requests/sec:\s+([\d.]+)", out)
    total = re.search(r"(\d+) requests in", out)
    assert rps and total, out
    return WrkResult(float(rps.group(1)), pct[50], pct[95], pct[99], int(total.group(1)), failed)


def machine() -> str:
    """One line about this machine: CPU model, cores, memory, load."""
    model = "unknown CPU"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            model = line.split(":", 1)[1].strip()
            break
    memory_kb = int(Path("/proc/meminfo").read_text().split()[1])
    load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    return (
        f"{model}, {os.cpu_count()} cores, {memory_kb / 1024 / 1024:.0f} GiB RAM, "
        f"Python {sys.version.split()[0]}, load average {load}"
    )


_BARE_APP = """
import os

BODY = open(os.environ["BARE_BODY"], "rb").read()
HEADERS = [
    (b"content-type", b"text/html; charset=utf-8"),
    (b"content-length", str(len(BODY)).encode()),
]


async def app(scope, receive, send):
    if scope["type"] != "http":
        return
    await send({"type": "http.response.start", "status": 200, "headers": HEADERS})
    await send({"type": "http.response.body", "body": BODY})
"""


@contextmanager
def bare_granian(body: Path, port: int, *, workers: int = 2) -> Iterator[str]:
    """granian serving ``body`` from a bare ASGI function: the Python server's own ceiling."""
    folder = Path(tempfile.mkdtemp(prefix="cvapp-bench-bare-"))
    (folder / "bare.py").write_text(_BARE_APP)
    command = [sys.executable, "-m", "granian", "--interface", "asgi", "--workers",
               str(workers), "--host", "127.0.0.1", "--port", str(port), "--log-level",
               "warning", "bare:app"]  # fmt: skip
    server = _spawn_quiet(command, cwd=folder, env={**os.environ, "BARE_BODY": str(body)})
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until(lambda: _answers(f"{url}/"), timeout=30, what="the bare granian server")
        yield url
    finally:
        stop_group(server)
        shutil.rmtree(folder, ignore_errors=True)
