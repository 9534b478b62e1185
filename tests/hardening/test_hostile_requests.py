"""Hostile requests: oversized strings and arrays, bodies over the size limits (declared or
streamed), malformed JSON, wrong content types and huge multipart uploads all get a clean 4xx
in the error envelope, quickly, and change nothing."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from cvapp.api.limits import DEFAULT_LIMIT, UPLOAD_LIMITS
from tests.hardening.support import API, Account, make_account

MB = 1024 * 1024
QUICK = 5.0  # seconds


@pytest.fixture
def account(session: Session) -> Account:
    return make_account(session, needs=("cv_id", "items:experiences"))


def _refused(response: httpx.Response, *statuses: int) -> dict[str, Any]:
    assert response.status_code in statuses, (response.status_code, response.text[:300])
    error: dict[str, Any] = response.json()["error"]
    assert error["code"] and error["message"]
    return error


def _timed(api: TestClient, method: str, url: str, **kwargs: Any) -> httpx.Response:
    started = time.monotonic()
    response = api.request(method, url, **kwargs)
    assert time.monotonic() - started < QUICK, f"{method} {url} took too long"
    return response


def test_oversized_strings_and_arrays(api: TestClient, account: Account) -> None:
    item = f"{API}/experiences/{account.section_ids['experiences']}"
    cases = [
        ("PATCH", f"{API}/profiles/me", {"summary": "x" * 1_000_000}),
        ("PATCH", item, {"responsibilities": ["Did things"] * 10_000}),
        ("POST", f"{API}/experiences/reorder", {"ids": ["01ARZ3NDEKTSV4RRFFQ69G5FAV"] * 10_000}),
        ("PATCH", f"{API}/cvs/{account.ids['cv_id']}", {"sections": [{"key": "skills"}] * 10_000}),
        ("POST", f"{API}/ai/optimize-text", {"text": "word " * 200_000}),
        ("POST", f"{API}/skills", {"name": "Go", **{f"extra{n}": n for n in range(10_000)}}),
    ]
    for method, url, body in cases:
        response = _timed(api, method, url, json=body, headers=account.headers)
        _refused(response, 413, 422)
    profile = api.get(f"{API}/profiles/me", headers=account.headers).json()
    assert profile["summary"] is None


def test_bodies_over_the_limit_are_refused_before_they_are_read(
    api: TestClient, account: Account
) -> None:
    too_big = b'{"summary": "' + b"x" * (DEFAULT_LIMIT + 10) + b'"}'
    headers = {**account.headers, "Content-Type": "application/json"}
    declared = _timed(api, "PATCH", f"{API}/profiles/me", content=too_big, headers=headers)
    assert _refused(declared, 413)["code"] == "PAYLOAD_TOO_LARGE"

    def chunks() -> Iterator[bytes]:  # no Content-Length: counted as it arrives
        for start in range(0, len(too_big), 64 * 1024):
            yield too_big[start : start + 64 * 1024]

    streamed = _timed(api, "PATCH", f"{API}/profiles/me", content=chunks(), headers=headers)
    assert _refused(streamed, 413)["code"] == "PAYLOAD_TOO_LARGE"
    anonymous = _timed(
        api,
        "POST",
        f"{API}/auth/login",
        content=too_big,
        headers={"Content-Type": "application/json"},
    )
    assert _refused(anonymous, 413)["code"] == "PAYLOAD_TOO_LARGE"


@pytest.mark.parametrize(
    "body",
    [
        b"{",
        b"{'headline': 'single quotes'}",
        b'{"headline": "trailing comma",}',
        b"",
        b"null",
        b'["an", "array"]',
        b'{"headline": NaN}',
        b'{"headline": 1e400}',
        b"\xff\xfe\x00{",
        b'{"headline": "' + b"\xc3\x28" + b'"}',
        b"[" * 100_000 + b"]" * 100_000,
        b'{"a":' * 50_000 + b"1" + b"}" * 50_000,
    ],
    ids=lambda body: repr(body[:20]),
)
def test_malformed_json_is_refused(api: TestClient, account: Account, body: bytes) -> None:
    headers = {**account.headers, "Content-Type": "application/json"}
    response = _timed(api, "PATCH", f"{API}/profiles/me", content=body, headers=headers)
    _refused(response, 400, 422)


@pytest.mark.parametrize(
    "content_type",
    ["text/plain", "application/xml", "application/x-www-form-urlencoded", "", "image/png"],
)
def test_a_json_route_refuses_other_content_types(
    api: TestClient, account: Account, content_type: str
) -> None:
    headers = {**account.headers, "Content-Type": content_type}
    body = b'{"name": "Go"}'
    response = _timed(api, "POST", f"{API}/skills", content=body, headers=headers)
    _refused(response, 415, 422)
    assert api.get(f"{API}/skills", headers=account.headers).json()["pagination"]["total"] == 0


def _multipart(size: int, *, files: int = 1) -> tuple[bytes, str]:
    boundary = "hardening-boundary"
    parts = b"".join(
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="f{n}.zip"\r\n'
        f"Content-Type: application/zip\r\n\r\n".encode()
        + b"\0" * size
        + b"\r\n"
        for n in range(files)
    )
    return parts + f"--{boundary}--\r\n".encode(), f"multipart/form-data; boundary={boundary}"


@pytest.mark.parametrize(
    ("path", "size", "files"),
    [
        ("/api/v1/imports/linkedin", UPLOAD_LIMITS["/api/v1/imports/"] + MB, 1),
        ("/api/v1/imports/linkedin", 21 * MB, 1),
        ("/api/v1/imports/jsonresume", 1024, 50),
        ("/api/v1/profiles/me/photo", UPLOAD_LIMITS["/api/v1/profiles/me/photo"] + MB, 1),
    ],
    ids=["over-the-request-limit", "one-file-too-big", "too-many-files", "photo"],
)
def test_huge_multipart_uploads_are_refused(
    api: TestClient, account: Account, path: str, size: int, files: int
) -> None:
    body, content_type = _multipart(size, files=files)
    headers = {**account.headers, "Content-Type": content_type}
    method = "PUT" if path.endswith("photo") else "POST"
    response = _timed(api, method, path, content=body, headers=headers)
    _refused(response, 413, 422)
    assert api.get(f"{API}/profiles/me", headers=account.headers).json()["photo_url"] is None


def test_multipart_sent_to_a_json_route(api: TestClient, account: Account) -> None:
    body, content_type = _multipart(10)
    headers = {**account.headers, "Content-Type": content_type}
    response = _timed(api, "POST", f"{API}/skills", content=body, headers=headers)
    _refused(response, 415, 422)
