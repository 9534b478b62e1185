"""Issue #20 point 6: after an edit pauses, a CV's PDF and first preview page are rendered in
the background, so the download is a cache hit; a burst of edits renders once, the last."""

from __future__ import annotations

import io
import time
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from pdfminer.high_level import extract_text
from sqlmodel import Session

from cvapp.domain.exports import tasks
from cvapp.models import User
from cvapp.settings import get_settings
from cvapp.worker.broker import broker
from tests.domain.cv_support import (  # noqa: F401  (forget_exports: autouse)
    auth,
    build_profile,
    forget_exports,
    make_user,
)

API = "/api/v1"
DELAY_MS = 100
BURST_DELAY_MS = 1500


@pytest.fixture(autouse=True)
def prerendering(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Pre-rendering on (the suite turns it off), and which CVs the actor rendered."""
    monkeypatch.setattr(get_settings(), "prerender_delay_ms", DELAY_MS)
    rendered: list[str] = []
    original = tasks.service.preview_png

    def counting(session: Session, **kwargs: object) -> object:
        rendered.append(str(kwargs["cv_id"]))
        return original(session, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(tasks.service, "preview_png", counting)
    yield rendered


def _settle(delay_ms: int = DELAY_MS) -> None:
    """Until the delayed renders have moved to the queue and run."""
    time.sleep(delay_ms / 1000 * 2)
    broker.join("default.DQ", timeout=30_000)
    broker.join("default", timeout=60_000)


def _owner_of_a_cv(api: TestClient, session: Session) -> tuple[User, dict[str, str], dict]:
    user = make_user(session)
    build_profile(session, user)
    session.commit()
    headers = auth(user)
    cv = api.post(f"{API}/cvs", json={"name": "Backend"}, headers=headers).json()
    return user, headers, cv


def _download(api: TestClient, cv_id: str, headers: dict[str, str]) -> tuple[str, bytes]:
    answer = api.get(f"{API}/cvs/{cv_id}/export.pdf", headers=headers)
    assert answer.status_code == 200, answer.text
    return answer.headers["x-export-cache"], answer.content


def test_an_edited_cv_is_ready_before_the_click(
    api: TestClient, session: Session, prerendering: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    user, headers, cv = _owner_of_a_cv(api, session)
    _settle()
    prerendering.clear()
    # A pause long enough that three edits in a row are a burst on a loaded test machine too
    # (a PATCH there may take longer than the 100 ms the other tests wait).
    monkeypatch.setattr(get_settings(), "prerender_delay_ms", BURST_DELAY_MS)
    for role in ("Payments engineer", "Platform engineer", "Staff engineer"):  # a burst
        changed = api.patch(f"{API}/cvs/{cv['id']}", json={"target_role": role}, headers=headers)
        assert changed.status_code == 200, changed.text
    _settle(BURST_DELAY_MS)
    assert prerendering == [cv["id"]], "the burst renders once, for the last edit"

    cache, pdf = _download(api, cv["id"], headers)
    assert cache == "hit"
    preview = api.get(f"{API}/cvs/{cv['id']}/preview.png?width=640", headers=headers)
    assert preview.status_code == 200 and preview.content.startswith(b"\x89PNG")
    assert "Ann Example" in extract_text(io.BytesIO(pdf))


def test_a_profile_edit_renders_the_cvs_cut_from_it(
    api: TestClient, session: Session, prerendering: list[str]
) -> None:
    user, headers, cv = _owner_of_a_cv(api, session)
    _settle()
    prerendering.clear()

    edited = api.patch(
        f"{API}/profiles/me", json={"headline": "Principal engineer"}, headers=headers
    )
    assert edited.status_code == 200
    _settle()
    assert prerendering == [cv["id"]]
    cache, pdf = _download(api, cv["id"], headers)
    assert cache == "hit"
    assert "Principal engineer" in extract_text(io.BytesIO(pdf))


def test_a_render_asked_before_a_later_edit_is_skipped(
    api: TestClient, session: Session, prerendering: list[str]
) -> None:
    user, headers, cv = _owner_of_a_cv(api, session)
    _settle()
    prerendering.clear()
    # A stale request (the CV changed since it was stamped) renders nothing.
    tasks.prerender.fn(user.id, cv["id"], "0:stale")
    assert prerendering == []


def test_an_unchanged_cv_is_served_at_rest_and_a_change_never_is(
    api: TestClient, session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(get_settings(), "prerender_delay_ms", 0)  # downloads render themselves
    user, headers, cv = _owner_of_a_cv(api, session)
    assert _download(api, cv["id"], headers)[0] == "miss"
    # At rest, the CV's version and its master's stamp name the PDF: no master read needed.
    reads: list[str] = []
    monkeypatch.setattr(tasks.service, "load_source", lambda *a, **k: reads.append("read") or None)
    assert _download(api, cv["id"], headers)[0] == "hit" and reads == []
    monkeypatch.undo()
    monkeypatch.setattr(get_settings(), "prerender_delay_ms", 0)
    change = {"summary_override": "Payments specialist who ships."}
    assert api.patch(f"{API}/cvs/{cv['id']}", json=change, headers=headers).status_code == 200
    cache, pdf = _download(api, cv["id"], headers)
    assert cache == "miss" and "Payments specialist" in extract_text(io.BytesIO(pdf))
    api.patch(f"{API}/profiles/me", json={"headline": "Principal engineer"}, headers=headers)
    cache, pdf = _download(api, cv["id"], headers)
    assert cache == "miss" and "Principal engineer" in extract_text(io.BytesIO(pdf))
