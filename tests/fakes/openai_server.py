"""A small OpenAI-compatible HTTP server on localhost, so tests run the real SDK and HTTP.

Each test scripts the replies of ``POST /v1/chat/completions`` in order: a JSON answer, raw
text (malformed), an HTTP error, or a reply slower than the client's timeout.
"""

from __future__ import annotations

import json
import threading
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler
from typing import Any

import pytest

from cvapp.settings import get_settings
from tests.fakes.local_server import LocalServer


@dataclass
class Reply:
    content: str | None = None
    status: int = 200
    delay: float = 0.0


def answer(payload: dict[str, Any]) -> Reply:
    """A completion whose message is ``payload`` as JSON."""
    return Reply(content=json.dumps(payload))


def raw(text: str) -> Reply:
    """A completion whose message is ``text`` as it is (e.g. not JSON)."""
    return Reply(content=text)


def failure(status: int) -> Reply:
    return Reply(status=status)


def slow(seconds: float, payload: dict[str, Any] | None = None) -> Reply:
    return Reply(content=json.dumps(payload or {}), delay=seconds)


class FakeOpenAI(LocalServer):
    """The server: scripted replies, and every request it received (path, headers, body)."""

    def __init__(self) -> None:
        self.replies: deque[Reply] = deque()
        # Answers every request the script does not cover (a fake model), when set.
        self.responder: Callable[[dict[str, Any]], Reply] | None = None
        self.requests: list[dict[str, Any]] = []
        self.released = threading.Event()
        super().__init__()

    @property
    def url(self) -> str:
        return f"{self.origin}/v1"

    def script(self, *replies: Reply) -> None:
        self.replies.extend(replies)

    def stop(self) -> None:
        if self.released.is_set():
            return
        self.released.set()
        super().stop()

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def do_POST(self) -> None:  # noqa: N802 - http.server's naming
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"] or 0)))
                fake.requests.append(
                    {"path": self.path, "headers": dict(self.headers), "body": body}
                )
                if fake.replies:
                    reply = fake.replies.popleft()
                else:
                    reply = fake.responder(body) if fake.responder else failure(500)
                if reply.delay and fake.released.wait(reply.delay):
                    return
                if reply.status != 200:
                    self._send(reply.status, {"error": {"message": "scripted failure"}})
                    return
                self._send(200, _completion(body.get("model", ""), reply.content))

            def _send(self, status: int, payload: dict[str, Any]) -> None:
                data = json.dumps(payload).encode()
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                except OSError:  # the client gave up (timeout test)
                    pass

        return Handler


def _completion(model: str, content: str | None) -> dict[str, Any]:
    return {
        "id": "chatcmpl-test",
        "object": "chat.completion",
        "created": 0,
        "model": model,
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": content},
                "finish_reason": "stop",
            }
        ],
        "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
    }


@pytest.fixture
def openai_server(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeOpenAI]:
    """The fake server, with the settings pointing the OpenAI provider at it."""
    server = FakeOpenAI()
    server.start()
    monkeypatch.setenv("CVAPP_AI_PROVIDER", "openai")
    monkeypatch.setenv("CVAPP_AI_BASE_URL", server.url)
    monkeypatch.setenv("CVAPP_AI_API_KEY", "test-key")
    monkeypatch.setenv("CVAPP_AI_MODEL", "fake-model")
    monkeypatch.setenv("CVAPP_AI_TIMEOUT_SECONDS", "0.5")
    get_settings.cache_clear()
    try:
        yield server
    finally:
        server.stop()
        monkeypatch.undo()
        get_settings.cache_clear()
