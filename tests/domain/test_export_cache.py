"""PDF cache: keyed by a hash of the rendered content; a hit never renders, a change misses."""

from __future__ import annotations

from typing import Any

import pytest
from sqlmodel import Session

from cvapp import cache
from cvapp.domain.cvs import service as cvs
from cvapp.domain.exports import pdf
from cvapp.domain.exports import service as exports
from cvapp.domain.sections import SECTIONS
from tests.domain.cv_support import (  # noqa: F401  (forget_exports: autouse)
    build_profile,
    forget_exports,
    make_cv,
    make_user,
)


@pytest.fixture
def renders(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    calls: list[str] = []
    real = pdf.layout

    def counting(html: str, **kwargs: Any) -> Any:
        calls.append(html)
        return real(html, **kwargs)

    monkeypatch.setattr(pdf, "layout", counting)
    return calls


def test_second_request_is_served_from_the_cache(session: Session, renders: list[str]) -> None:
    user = make_user(session)
    build_profile(session, user)
    cv = make_cv(session, user)
    first = exports.export_cv(session, user_id=user.id, cv_id=cv.id, fmt="pdf")
    second = exports.export_cv(session, user_id=user.id, cv_id=cv.id, fmt="pdf")
    assert len(renders) == 1
    assert (first.cached, second.cached) == (False, True)
    assert second.data == first.data and second.digest == first.digest
    assert second.pages == first.pages


def test_any_change_gets_a_new_digest(session: Session, renders: list[str]) -> None:
    user = make_user(session)
    ids = build_profile(session, user)
    cv = make_cv(session, user)
    digests = {exports.export_cv(session, user_id=user.id, cv_id=cv.id, fmt="pdf").digest}
    SECTIONS["experiences"].update(
        session, user_id=user.id, item_id=ids["experiences"][0], changes={"title": "Principal"}
    )
    changed = exports.export_cv(session, user_id=user.id, cv_id=cv.id, fmt="pdf")
    assert not changed.cached and changed.digest not in digests
    digests.add(changed.digest)
    for change in ({"template": "modern"}, {"page_size": "Letter"}, {"locale": "fr"}):
        cvs.update_cv(session, user_id=user.id, cv_id=cv.id, changes=change)
        again = exports.export_cv(session, user_id=user.id, cv_id=cv.id, fmt="pdf")
        assert not again.cached and again.digest not in digests
        digests.add(again.digest)
    assert len(renders) == 5


def test_identical_versions_share_one_render(session: Session, renders: list[str]) -> None:
    user = make_user(session)
    build_profile(session, user)
    first, second = make_cv(session, user), make_cv(session, user, name="Same content")
    exports.export_cv(session, user_id=user.id, cv_id=first.id, fmt="pdf")
    assert exports.export_cv(session, user_id=user.id, cv_id=second.id, fmt="pdf").cached
    assert len(renders) == 1


def test_lost_pointer_or_file_renders_again(session: Session, renders: list[str]) -> None:
    from cvapp.storage import get_storage

    user = make_user(session)
    build_profile(session, user)
    cv = make_cv(session, user)
    first = exports.export_cv(session, user_id=user.id, cv_id=cv.id, fmt="pdf")
    cache.delete(f"export:pdf:{first.digest}")
    assert not exports.export_cv(session, user_id=user.id, cv_id=cv.id, fmt="pdf").cached
    get_storage().delete_prefix(f"exports/{user.id}")
    assert not exports.export_cv(session, user_id=user.id, cv_id=cv.id, fmt="pdf").cached
    assert len(renders) == 3


def test_cache_unavailable_still_exports(
    session: Session, renders: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    user = make_user(session)
    build_profile(session, user)
    cv = make_cv(session, user)
    monkeypatch.setattr(cache, "get", lambda key: None)
    monkeypatch.setattr(cache, "set", lambda key, value, ttl: None)
    for _ in range(2):
        assert exports.export_cv(session, user_id=user.id, cv_id=cv.id, fmt="pdf").data
    assert len(renders) == 2


def test_preview_pages(session: Session) -> None:
    from cvapp.errors import ValidationFailed
    from tests.domain.cv_support import long_profile

    user = make_user(session)
    long_profile(session, user)
    cv = make_cv(session, user)
    first = exports.preview_png(session, user_id=user.id, cv_id=cv.id, page=1, width=320)
    assert first.png.startswith(b"\x89PNG") and first.pages >= 2
    second = exports.preview_png(session, user_id=user.id, cv_id=cv.id, page=2, width=320)
    assert second.png != first.png
    with pytest.raises(ValidationFailed):
        exports.preview_png(session, user_id=user.id, cv_id=cv.id, page=first.pages + 1)
