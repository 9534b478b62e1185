"""Unicode edge cases: RTL, emoji, combining marks, zero-width and control characters are
stored as sent and rendered in every output; NUL and lone surrogates, which no database or
XML can hold, are refused with a 422 naming the field, on SQLite and PostgreSQL alike."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import quote

import httpx
import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from tests.hardening.hostile import page_text, unicode_cases
from tests.hardening.support import API, Account, make_account

CASES = unicode_cases()
FORMATS = ("pdf", "docx", "html", "md", "json", "jsonresume.json")


def _send(api: TestClient, account: Account, method: str, url: str, body: Any) -> httpx.Response:
    """``body`` as JSON text with every non-ASCII character escaped (lone surrogates too)."""
    headers = {**account.headers, "Content-Type": "application/json"}
    return api.request(method, url, content=json.dumps(body), headers=headers)


@pytest.fixture
def account(session: Session) -> Account:
    return make_account(session, needs=("slug", "cv_id"))


@pytest.mark.parametrize("name", sorted(CASES["stored"]))
def test_edge_cases_are_stored_and_rendered(api: TestClient, account: Account, name: str) -> None:
    value = CASES["stored"][name]
    changed = _send(api, account, "PATCH", f"{API}/profiles/me", {"headline": value})
    assert changed.status_code == 200, changed.text
    assert changed.json()["headline"] == value
    skill = _send(api, account, "POST", f"{API}/skills", {"name": value[:100]})
    assert skill.status_code == 201 and skill.json()["name"] == value[:100]

    page = api.get(f"/p/{account.slug}")
    assert page.status_code == 200
    assert " ".join(value.split()) in page_text(page.text)
    for fmt in FORMATS:
        export = api.get(f"{API}/cvs/{account.ids['cv_id']}/export.{fmt}", headers=account.headers)
        assert export.status_code == 200, (fmt, export.text[:300])


@pytest.mark.parametrize("name", sorted(CASES["refused"]))
def test_unstorable_text_is_refused_cleanly(api: TestClient, account: Account, name: str) -> None:
    value = CASES["refused"][name]
    writes = [
        ("PATCH", f"{API}/profiles/me", {"headline": value}, "headline"),
        ("POST", f"{API}/skills", {"name": value}, "name"),
        ("PATCH", f"{API}/cvs/{account.ids['cv_id']}", {"target_role": value}, "target_role"),
    ]
    for method, url, body, field in writes:
        response = _send(api, account, method, url, body)
        assert response.status_code == 422, (url, response.text)
        error = response.json()["error"]
        assert error["code"] == "VALIDATION_ERROR"
        assert [d["field"] for d in error["details"]] == [field], (url, error)
    raw = quote(value.encode("utf-8", "surrogatepass"))  # what a client could put on the wire
    search = api.get(f"{API}/profiles?q={raw}")
    assert search.status_code in (200, 422), search.text
    assert api.get(f"{API}/profiles/me", headers=account.headers).json()["headline"] == "Engineer"
