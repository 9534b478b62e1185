"""End-to-end fixtures: the production build served like ``make run``, driven by Chromium.

The server is built and started once per session on a free port, with its own data directory,
a migrated SQLite database and its own ``.web`` build directory (so a running ``make run`` is
left alone). Tests get its ``base_url`` and open pages in Debian's Chromium through Playwright.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import (
    Browser,
    ConsoleMessage,
    Page,
    Playwright,
    WebSocket,
    sync_playwright,
)

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
CACHE = ROOT / ".cache"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
BUILD_TIMEOUT_SECONDS = 240

# What the Makefile exports, for a plain `pytest` run outside make.
TOOLCHAIN_DEFAULTS = {
    "REFLEX_BUN_PATH": str(CACHE / "tools" / "bun" / "node_modules" / ".bin" / "bun"),
    "REFLEX_TELEMETRY_ENABLED": "0",
    "REFLEX_CHECK_LATEST_VERSION": "0",
    "REFLEX_DIR": str(CACHE / "reflex"),
    "BUN_INSTALL_CACHE_DIR": str(CACHE / "bun" / "install"),
    "BUN_RUNTIME_TRANSPILER_CACHE_PATH": str(CACHE / "bun" / "transpiler"),
    "npm_config_cache": str(CACHE / "npm"),
}
# Settings the unit-test conftest points at shared services; the e2e server runs embedded.
SERVICE_VARIABLES = ("CVAPP_REDIS_URL", "CVAPP_BROKER", "REFLEX_REDIS_URL", "REDIS_URL")


def wait_until(
    condition: Callable[[], bool], *, timeout: float, interval: float = 0.1, what: str
) -> None:
    """Poll ``condition`` until it is true; fail with ``what`` after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError(f"timed out after {timeout:.0f} s waiting for {what}")
        time.sleep(interval)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _server_env(
    data_dir: Path, port: int, *, web: str = "web", extra: dict[str, str] | None = None
) -> dict[str, str]:
    env = {**TOOLCHAIN_DEFAULTS, **os.environ}
    for name in SERVICE_VARIABLES:
        env.pop(name, None)
    if "NPM_CONFIG_REGISTRY" not in env and shutil.which("npm"):
        registry = subprocess.run(
            ["npm", "config", "get", "registry"], capture_output=True, text=True, check=False
        ).stdout.strip()
        if registry:
            env["NPM_CONFIG_REGISTRY"] = registry
    env.update(
        {
            "CVAPP_ENV": "test",
            "CVAPP_DATA_DIR": str(data_dir),
            "CVAPP_DATABASE_URL": f"sqlite:///{data_dir / 'cvapp.db'}",
            "CVAPP_STORAGE_URL": f"file://{data_dir / 'files'}",
            "CVAPP_PUBLIC_URL": f"http://localhost:{port}",
            # A build directory of its own: the build bakes this port into the frontend.
            "REFLEX_WEB_WORKDIR": str(CACHE / "e2e" / web),
            "REFLEX_STATES_WORKDIR": str(data_dir / "states"),
            # Every browser signs in from 127.0.0.1: as many sign-ins a minute as the tests
            # make (the limits themselves are tested in tests/api).
            "CVAPP_RATE_LIMITS": "login_ip=200/minute",
            "PYTHONUNBUFFERED": "1",
            **(extra or {}),
        }
    )
    return env


def _log_tail(path: Path, lines: int = 40) -> str:
    return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])


def _answers(url: str) -> bool:
    try:
        return httpx.get(url, timeout=2, trust_env=False).status_code == 200
    except httpx.TransportError:
        return False


@pytest.fixture(scope="session")
def server_data_dir() -> Iterator[Path]:
    """The production server's data directory; its SQLite database is ``cvapp.db`` in it."""
    with tempfile.TemporaryDirectory(prefix="cvapp-e2e-") as tmp:
        yield Path(tmp)


@pytest.fixture(scope="session")
def base_url(server_data_dir: Path) -> Iterator[str]:
    """Build and serve the production app (``reflex run --env prod --single-port``)."""
    with production_server(server_data_dir) as url:
        yield url


@contextlib.contextmanager
def production_server(
    data_dir: Path, *, web: str = "web", extra: dict[str, str] | None = None
) -> Iterator[str]:
    """A production server on a free port over ``data_dir``; ``web`` names its build
    directory (one per port), ``extra`` adds settings."""
    bun = Path(TOOLCHAIN_DEFAULTS["REFLEX_BUN_PATH"])
    if not Path(os.environ.get("REFLEX_BUN_PATH", bun)).exists():
        pytest.fail("bun is missing: run `make test`, which installs it into .cache/tools/bun")
    port = _free_port()
    ARTIFACTS.mkdir(exist_ok=True)
    log_path = ARTIFACTS / ("e2e-server.log" if web == "web" else f"e2e-server-{web}.log")
    env = _server_env(data_dir, port, web=web, extra=extra)
    subprocess.run([sys.executable, "-m", "cvapp.cli", "migrate"], cwd=ROOT, env=env, check=True)
    with log_path.open("w") as log:
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "reflex",
                "run",
                "--env",
                "prod",
                "--single-port",
                "--frontend-port",
                str(port),
                "--backend-port",
                str(port),
            ],
            cwd=ROOT,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    url = f"http://localhost:{port}"
    try:
        wait_until(
            lambda: server.poll() is not None or _answers(f"{url}/ping"),
            timeout=BUILD_TIMEOUT_SECONDS,
            what=f"the production server on {url} (log: {log_path})",
        )
        if server.poll() is not None:
            pytest.fail(f"the production server exited:\n{_log_tail(log_path)}")
        yield url
    finally:
        _stop(server)


def _stop(server: subprocess.Popen[bytes]) -> None:
    """Stop the server and its granian workers like Ctrl-C would."""
    if server.poll() is None:
        os.killpg(server.pid, signal.SIGINT)  # the whole process group, like Ctrl-C
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


# Package scope, not session: Playwright's sync API keeps an event loop running in the
# thread while it is open, and a test the same process runs after the browser tests (plain
# `pytest tests`, or an xdist worker given more after them) would find it there: asyncio.run
# refuses to start. Pytest closes it as soon as the next test is outside tests/e2e.
@pytest.fixture(scope="package")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as pw:
        yield pw


@pytest.fixture(scope="package")
def browser(playwright: Playwright) -> Iterator[Browser]:
    """Debian's Chromium, headless (Playwright's own browser downloads are never used)."""
    if not CHROMIUM.exists():
        pytest.fail("Chromium is missing: run `make test`, which installs Debian's chromium")
    browser = playwright.chromium.launch(
        executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
    )
    yield browser
    browser.close()


@pytest.fixture
def console_errors() -> list[str]:
    """Console errors and uncaught exceptions the test's pages reported."""
    return []


def _open_page(browser: Browser, errors: list[str], **context_options: object) -> Page:
    context = browser.new_context(**context_options)  # type: ignore[arg-type]
    page = context.new_page()

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error":
            errors.append(f"console: {message.text}")

    page.on("console", on_console)
    page.on("pageerror", lambda exc: errors.append(f"pageerror: {exc}"))
    return page


@pytest.fixture
def page(browser: Browser, console_errors: list[str]) -> Iterator[Page]:
    """A fresh desktop-sized page; console errors are collected in ``console_errors``."""
    page = _open_page(browser, console_errors, viewport={"width": 1280, "height": 800})
    yield page
    page.context.close()


@pytest.fixture
def mobile_page(browser: Browser, console_errors: list[str]) -> Iterator[Page]:
    """A fresh 375 px wide page (a small phone)."""
    page = _open_page(
        browser,
        console_errors,
        viewport={"width": 375, "height": 812},
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
    )
    yield page
    page.context.close()


def _goto_connected(page: Page, url: str) -> WebSocket:
    frames: list[object] = []

    def is_event_socket(socket: WebSocket) -> bool:
        if "/_event" not in socket.url:
            return False
        # Listen before Playwright dispatches the socket's first frames, so none is missed.
        socket.on("framereceived", lambda frame: frames.append(frame))
        return True

    with page.expect_websocket(is_event_socket) as opened:
        page.goto(url)
    socket = opened.value
    if not frames:
        socket.wait_for_event("framereceived")
    return socket


@pytest.fixture(scope="session")
def goto_connected() -> Callable[[Page, str], WebSocket]:
    """Open a URL and return once the app's event websocket has heard from the server."""
    return _goto_connected


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """Where screenshots go (kept by CI, ignored by git)."""
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
