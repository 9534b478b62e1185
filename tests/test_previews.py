"""The live preview is rendered in a process of its own, and answers as the web process did."""

from __future__ import annotations

import os
import pickle
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from cvapp import previews
from cvapp.domain.exports import service
from cvapp.errors import NotFound, RateLimited, ValidationFailed
from cvapp.settings import get_settings
from tests.domain.cv_support import (  # noqa: F401  (forget_exports: autouse)
    auth,
    build_profile,
    forget_exports,
    make_user,
)

API = "/api/v1"


@pytest.fixture
def pool(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(get_settings(), "preview_processes", 1)
    yield
    previews.shut_down()


@pytest.fixture
def cv(api: TestClient, session: Session) -> tuple[dict[str, str], str]:
    user = make_user(session, name="Þórunn Ólafsdóttir")
    build_profile(session, user)
    headers = auth(user)
    made = api.post(f"{API}/cvs", json={"name": "Hönnuður — Reykjavík"}, headers=headers)
    return headers, made.json()["id"]


def _no_render_here(*args: object, **kwargs: object) -> None:
    raise AssertionError("the web process rendered the preview")


def test_the_pool_renders_the_preview_outside_the_web_process(
    pool: None,
    api: TestClient,
    cv: tuple[dict[str, str], str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    headers, cv_id = cv
    assert previews._executor().submit(os.getpid).result() != os.getpid()
    monkeypatch.setattr(service, "preview_png", _no_render_here)
    shown = api.get(f"{API}/cvs/{cv_id}/preview.png?width=320", headers=headers)
    assert shown.status_code == 200, shown.text
    assert shown.content.startswith(b"\x89PNG") and shown.headers["x-page-count"] == "1"
    monkeypatch.undo()
    # The web process, rendering itself, finds the very image the pool stored.
    monkeypatch.setattr(get_settings(), "preview_processes", 0)
    again = api.get(f"{API}/cvs/{cv_id}/preview.png?width=320", headers=headers)
    assert again.content == shown.content and again.headers["etag"] == shown.headers["etag"]


def test_refusals_from_the_pool_answer_as_before(
    pool: None, api: TestClient, session: Session, cv: tuple[dict[str, str], str]
) -> None:
    headers, cv_id = cv
    beyond = api.get(f"{API}/cvs/{cv_id}/preview.png?page=2", headers=headers)
    assert beyond.status_code == 422
    assert beyond.json()["error"]["details"][0]["field"] == "page"
    stranger = auth(make_user(session, name="Wang Fang"))
    assert api.get(f"{API}/cvs/{cv_id}/preview.png", headers=stranger).status_code == 404
    assert api.get(f"{API}/cvs/{cv_id}/preview.png?width=500", headers=headers).status_code == 422


def test_domain_errors_cross_a_process_whole() -> None:
    refused = pickle.loads(pickle.dumps(ValidationFailed.field("page", "The CV has 1 page(s)")))
    assert isinstance(refused, ValidationFailed) and refused.status == 422
    assert refused.details == [{"field": "page", "message": "The CV has 1 page(s)"}]
    limited = pickle.loads(pickle.dumps(RateLimited("Slow down", retry_after=30)))
    assert (limited.retry_after, limited.headers) == (30, {"Retry-After": "30"})
    assert str(pickle.loads(pickle.dumps(NotFound("CV not found")))) == "CV not found"


def test_without_a_shared_cache_the_web_process_renders(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(get_settings(), "preview_processes", None)
    monkeypatch.setattr(get_settings(), "redis_url", None)
    assert previews.processes() == 0
    monkeypatch.setattr(get_settings(), "redis_url", "redis://cache.internal:6379/0")
    assert previews.processes() == 1
