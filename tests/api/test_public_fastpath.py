"""/p/{slug} answered from process memory: same bytes and headers, never stale.

The app is the REST app wrapped in ``PublicPageFastPath``, as ``cvapp/cvapp.py`` builds it.
A counter on the route's domain call tells whether an answer came from memory.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from cvapp import invalidation
from cvapp.api import fastpath
from cvapp.api.routes import public as public_route
from cvapp.domain.public import pages
from cvapp.domain.public.pages import PAGE_TOPIC
from tests.domain.account_support import PASSWORD, populate
from tests.domain.cv_support import (  # noqa: F401  (forget_exports: autouse)
    auth,
    build_profile,
    forget_exports,
    make_user,
)
from tests.services import needs_redis

API = "/api/v1"
SLUG = "ann-example"


@pytest.fixture
def fast(api_app: object) -> Iterator[TestClient]:
    """The REST app behind the fast path, with an empty memory before and after."""
    fastpath.pages.drop("")
    assert _listening(), "the invalidation listener did not connect"
    with TestClient(fastpath.HotReads(api_app), raise_server_exceptions=False) as c:  # type: ignore[arg-type]
        yield c
    fastpath.pages.drop("")


@pytest.fixture
def renders(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Slugs the route asked the domain for (a memory answer adds none)."""
    calls: list[str] = []
    original = pages.public_profile_page

    def counting(session: Session, *, slug: str) -> pages.PublicPage:
        calls.append(slug)
        return original(session, slug=slug)

    monkeypatch.setattr(public_route.pages, "public_profile_page", counting)
    return calls


def _listening(timeout: float = 10.0) -> bool:
    deadline = time.monotonic() + timeout
    while invalidation.epoch() is None:
        if time.monotonic() > deadline:
            return False
        time.sleep(0.02)
    return True


def _owner(api: TestClient, session: Session, visibility: str = "PUBLIC") -> dict[str, str]:
    user = make_user(session)
    build_profile(session, user)
    headers = auth(user)
    _settings(api, headers, visibility=visibility, slug=SLUG)
    return headers


def _settings(api: TestClient, headers: dict[str, str], **changes: str) -> None:
    response = api.patch(f"{API}/profiles/me", json=changes, headers=headers)
    assert response.status_code == 200, response.text


def test_second_request_comes_from_memory_with_the_same_answer(
    fast: TestClient, session: Session, renders: list[str]
) -> None:
    _owner(fast, session)
    first = fast.get(f"/p/{SLUG}")
    second = fast.get(f"/p/{SLUG}")
    assert first.status_code == second.status_code == 200
    assert renders == [SLUG], "the second answer should not have reached the route"
    assert second.content == first.content and b"Ann Example" in second.content
    same = ("etag", "cache-control", "content-type", "content-security-policy", "x-frame-options")
    for name in same:
        assert second.headers[name] == first.headers[name], name
    assert "x-cvapp-page" not in first.headers and "x-cvapp-page" not in second.headers
    assert second.headers["x-request-id"] != first.headers["x-request-id"]
    revalidated = fast.get(f"/p/{SLUG}", headers={"If-None-Match": first.headers["etag"]})
    assert revalidated.status_code == 304 and revalidated.content == b""
    assert revalidated.headers["etag"] == first.headers["etag"] and renders == [SLUG]


def test_every_change_reaches_the_next_request(
    fast: TestClient, session: Session, renders: list[str]
) -> None:
    headers = _owner(fast, session)
    assert b"Backend engineer" in fast.get(f"/p/{SLUG}").content
    _settings(fast, headers, headline="Staff engineer at scale")
    assert b"Staff engineer at scale" in fast.get(f"/p/{SLUG}").content
    fast.post(
        f"{API}/experiences",
        json={"company": "Brand New Co", "title": "CTO", "start_date": "2025-01"},
        headers=headers,
    )
    assert b"Brand New Co" in fast.get(f"/p/{SLUG}").content
    _settings(fast, headers, visibility="UNLISTED")
    unlisted = fast.get(f"/p/{SLUG}")
    assert unlisted.headers["x-robots-tag"] == "noindex, nofollow"
    assert fast.get(f"/p/{SLUG}").headers["x-robots-tag"] == "noindex, nofollow"
    _settings(fast, headers, visibility="PRIVATE")
    assert fast.get(f"/p/{SLUG}").status_code == 404
    _settings(fast, headers, visibility="PUBLIC", slug="ann-moved")
    assert fast.get(f"/p/{SLUG}").status_code == 404
    assert fast.get("/p/ann-moved").status_code == 200


def test_errors_are_never_kept(fast: TestClient, session: Session, renders: list[str]) -> None:
    assert fast.get("/p/nobody-here").status_code == 404
    assert fast.get("/p/nobody-here").status_code == 404
    assert renders == ["nobody-here", "nobody-here"] and len(fastpath.pages) == 0


def test_a_deleted_account_disappears_at_once(fast: TestClient, session: Session) -> None:
    world = populate(session, slug=SLUG)
    login = fast.post(f"{API}/auth/login", json={"email": world.user.email, "password": PASSWORD})
    headers = {"Authorization": f"Bearer {login.json()['access_token']}"}
    assert fast.get(f"/p/{SLUG}").status_code == 200
    assert fast.get(f"/p/{SLUG}").status_code == 200  # now in memory
    assert len(fastpath.pages) == 1
    deleted = fast.request("DELETE", f"{API}/account", json={"password": PASSWORD}, headers=headers)
    assert deleted.status_code == 202, deleted.text
    assert fast.get(f"/p/{SLUG}").status_code == 404


def test_a_message_from_another_process_drops_the_page(
    fast: TestClient, session: Session, renders: list[str]
) -> None:
    _owner(fast, session)
    fast.get(f"/p/{SLUG}")
    fast.get(f"/p/{SLUG}")
    assert renders == [SLUG] and len(fastpath.pages) == 1
    profile_id = next(iter(next(iter(fastpath.pages._entries.values()))[1]))
    if os.environ.get("CVAPP_TEST_REDIS_URL"):
        # Another app process publishes on the shared channel; this one's listener hears it.
        from cvapp.redis_client import get_redis

        client = get_redis()
        assert client is not None
        client.publish(invalidation.channel(), f"{PAGE_TOPIC}\n{profile_id}")
        deadline = time.monotonic() + 5
        while len(fastpath.pages) and time.monotonic() < deadline:
            time.sleep(0.01)
    else:
        invalidation.publish(PAGE_TOPIC, profile_id)
    assert len(fastpath.pages) == 0
    fast.get(f"/p/{SLUG}")
    assert renders == [SLUG, SLUG]


@needs_redis  # pub/sub
def test_memory_is_not_trusted_while_the_listener_is_down(
    fast: TestClient, session: Session, renders: list[str]
) -> None:
    _owner(fast, session)
    fast.get(f"/p/{SLUG}")
    fast.get(f"/p/{SLUG}")
    assert renders == [SLUG]
    invalidation.stop_listener()  # like a lost connection: messages could be missed now
    assert invalidation._state["connected"] is False
    fast.get(f"/p/{SLUG}")
    assert renders == [SLUG, SLUG], "an entry from before the outage must not be used"
    assert _listening()
    fast.get(f"/p/{SLUG}")
    settled = len(renders)
    fast.get(f"/p/{SLUG}")
    assert len(renders) == settled, "after reconnecting, memory is filled and used again"


def test_entries_expire_whatever_happens(
    fast: TestClient, session: Session, renders: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _owner(fast, session)
    monkeypatch.setattr(fastpath.pages, "max_age", 0.0)
    fast.get(f"/p/{SLUG}")
    fast.get(f"/p/{SLUG}")
    assert renders == [SLUG, SLUG]


def test_revalidations_alone_fill_the_memory(
    fast: TestClient, session: Session, renders: list[str]
) -> None:
    _owner(fast, session)
    etag = fast.get(f"/p/{SLUG}").headers["etag"]
    fastpath.pages.drop("")  # e.g. the entry expired: only revalidations come in now
    renders.clear()
    first = fast.get(f"/p/{SLUG}", headers={"If-None-Match": etag})
    second = fast.get(f"/p/{SLUG}", headers={"If-None-Match": etag})
    assert first.status_code == second.status_code == 304
    assert first.content == b"" and first.headers["etag"] == etag
    assert renders == [SLUG], "the second revalidation should come from memory"
    stale = fast.get(f"/p/{SLUG}", headers={"If-None-Match": '"something-else"'})
    assert stale.status_code == 200 and b"Ann Example" in stale.content


def test_memory_answers_are_counted_and_logged(
    fast: TestClient,
    session: Session,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from cvapp.settings import get_settings
    from tests.api.test_observability import _sample

    _owner(fast, session)
    fast.get(f"/p/{SLUG}")

    def served() -> float:
        text = fast.get("/metrics").text
        return _sample(
            text, "cvapp_http_requests_total", method="GET", route="/p/{slug}", status="200"
        )

    before = served()
    capsys.readouterr()
    answer = fast.get(f"/p/{SLUG}")
    logged = capsys.readouterr().out
    assert served() - before == 1
    assert answer.headers["x-request-id"] in logged and "memory=True" in logged
    monkeypatch.setattr(get_settings(), "log_memory_answers", False)
    again = fast.get(f"/p/{SLUG}")
    assert again.headers["x-request-id"] not in capsys.readouterr().out
    assert served() - before == 2
