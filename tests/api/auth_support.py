"""Helpers of the auth tests: accounts through the API, the job queue, a real SMTP server."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from aiosmtpd.controller import Controller
from fastapi.testclient import TestClient

from cvapp.settings import get_settings
from cvapp.worker.broker import broker

PASSWORD = "correct horse battery"
PRIVACY_VERSION = get_settings().privacy_policy_version


def register(
    api: TestClient, email: str = "ann@example.org", password: str = PASSWORD, **extra: Any
) -> dict[str, Any]:
    body = {
        "email": email,
        "password": password,
        "full_name": "Ann Example",
        "accept_privacy_version": PRIVACY_VERSION,
        **extra,
    }
    response = api.post("/api/v1/auth/register", json=body)
    assert response.status_code == 201, response.text
    return dict(response.json())


def login(api: TestClient, email: str = "ann@example.org", password: str = PASSWORD) -> Any:
    return api.post("/api/v1/auth/login", json={"email": email, "password": password})


def bearer(tokens: dict[str, Any]) -> dict[str, str]:
    return {"Authorization": f"Bearer {tokens['access_token']}"}


def wait_for_jobs() -> None:
    """Wait until every queued job (mail sending included) has run."""
    broker.join("default", timeout=30_000)


def token_from(message: EmailMessage) -> str:
    """The ``token`` query parameter of the first link in a received mail."""
    body = message.get_body(("plain",))
    assert body is not None
    for word in body.get_content().split():
        if word.startswith("http") and "token=" in word:
            return parse_qs(urlsplit(word).query)["token"][0]
    raise AssertionError(f"no link with a token in {message['Subject']!r}")


@dataclass
class Inbox:
    """Every message the test SMTP server accepted."""

    messages: list[EmailMessage] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        parsed = message_from_bytes(envelope.content, policy=policy.default)
        with self.lock:
            self.messages.append(parsed)  # type: ignore[arg-type]
        return "250 Message accepted for delivery"

    def to(self, address: str, subject: str | None = None) -> list[EmailMessage]:
        with self.lock:
            return [
                m
                for m in self.messages
                if m["To"] == address and (subject is None or subject in str(m["Subject"]))
            ]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def smtp_inbox(monkeypatch: pytest.MonkeyPatch) -> Iterator[Inbox]:
    """A real SMTP server on a free local port, and the app configured to send through it."""
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=_free_port())
    controller.start()
    settings = get_settings()
    monkeypatch.setattr(settings, "smtp_host", "127.0.0.1")
    monkeypatch.setattr(settings, "smtp_port", controller.port)
    monkeypatch.setattr(settings, "smtp_starttls", False)
    try:
        yield inbox
    finally:
        wait_for_jobs()
        controller.stop()


@pytest.fixture(autouse=True)
def _quiet_queue() -> Iterator[None]:
    """Fresh rate limits; and no job of this test may still run when the tables are emptied."""
    from cvapp import ratelimit

    ratelimit.reset()
    yield
    wait_for_jobs()
    ratelimit.reset()
