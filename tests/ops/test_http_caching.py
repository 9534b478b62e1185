"""HTTP caching headers: immutable hashed assets, revalidated pages, CDN-cacheable /p/{slug}."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from reflex.utils.precompressed_staticfiles import PrecompressedStaticFiles
from sqlmodel import Session

from cvapp.api.app import create_api
from cvapp.api.static_cache import IMMUTABLE, REVALIDATE, cache_control_for
from tests.domain.cv_support import auth, build_profile, make_user

ASSET = "/assets/index-BX3f9a_Q.js"


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        (ASSET, IMMUTABLE),
        ("/assets/KaTeX_AMS-Regular-BQhdFMY1.woff2", IMMUTABLE),
        ("/assets/chunk-CTRA-rTL.css", IMMUTABLE),
        ("/assets/logo.svg", REVALIDATE),  # no content hash: it may change under this name
        ("/styles.css", REVALIDATE),
        ("/", REVALIDATE),
        ("/privacy", REVALIDATE),
        ("/api/v1/health", None),
    ],
)
def test_cache_control_for(path: str, expected: str | None) -> None:
    assert cache_control_for(path) == expected


@pytest.fixture(scope="module")
def frontend(tmp_path_factory: pytest.TempPathFactory) -> TestClient:
    """The API with a compiled frontend mounted underneath, as ``reflex run --env prod``."""
    build = tmp_path_factory.mktemp("client")
    (build / "assets").mkdir()
    (build / ASSET.lstrip("/")).write_text("console.log('app')")
    (build / "index.html").write_text(f'<script src="{ASSET}"></script>')
    (build / "styles.css").write_text("body { margin: 0 }")
    app = create_api()
    app.mount("", PrecompressedStaticFiles(directory=Path(build), html=True, encodings=["gzip"]))
    return TestClient(app)


def test_hashed_assets_are_immutable_for_a_year(frontend: TestClient) -> None:
    first = frontend.get(ASSET)
    assert first.status_code == 200
    assert first.headers["cache-control"] == "public, max-age=31536000, immutable"
    again = frontend.get(ASSET, headers={"If-None-Match": first.headers["etag"]})
    assert again.status_code == 304 and again.headers["cache-control"] == IMMUTABLE


def test_pages_and_unhashed_files_revalidate(frontend: TestClient) -> None:
    for path in ("/", "/styles.css"):
        response = frontend.get(path)
        assert response.status_code == 200 and response.headers["cache-control"] == "no-cache"
        assert response.headers["etag"]  # so revalidating costs a 304, not the file
    assert frontend.get("/assets/missing-AAAAAAAA.js").headers.get("cache-control") is None


def test_api_responses_are_left_alone(frontend: TestClient) -> None:
    assert "cache-control" not in frontend.get("/api/v1/health").headers


def _publish(api: TestClient, session: Session, visibility: str) -> None:
    user = make_user(session)
    build_profile(session, user)
    body = {"visibility": visibility, "slug": "cache-example"}
    response = api.patch("/api/v1/profiles/me", json=body, headers=auth(user))
    assert response.status_code == 200, response.text


def test_public_page_is_cdn_cacheable_with_etag(api: TestClient, session: Session) -> None:
    """Kept by a CDN but revalidated on every request (issue #15 point 14): no max-age."""
    _publish(api, session, "PUBLIC")
    page = api.get("/p/cache-example")
    assert page.status_code == 200
    assert page.headers["cache-control"] == "public, no-cache"
    etag = page.headers["etag"]
    assert etag.startswith('"') and etag.endswith('"') and len(etag) > 10
    assert api.get("/p/cache-example").headers["etag"] == etag  # stable between requests
    cached = api.get("/p/cache-example", headers={"If-None-Match": etag})
    assert cached.status_code == 304 and cached.content == b""
    assert cached.headers["etag"] == etag
    assert cached.headers["cache-control"] == "public, no-cache"
    stale = api.get("/p/cache-example", headers={"If-None-Match": '"something-else"'})
    assert stale.status_code == 200 and stale.text == page.text


def test_unlisted_page_is_not_shared_by_caches(api: TestClient, session: Session) -> None:
    _publish(api, session, "UNLISTED")
    page = api.get("/p/cache-example")
    assert page.status_code == 200 and page.headers["cache-control"].startswith("private")
    assert page.headers["etag"]


def test_unpublishing_is_immediate_even_with_the_old_etag(
    api: TestClient, session: Session
) -> None:
    user = make_user(session)
    build_profile(session, user)
    headers = auth(user)
    api.patch(
        "/api/v1/profiles/me", json={"visibility": "PUBLIC", "slug": "gone-soon"}, headers=headers
    )
    etag = api.get("/p/gone-soon").headers["etag"]
    assert api.get("/p/gone-soon", headers={"If-None-Match": etag}).status_code == 304
    api.patch("/api/v1/profiles/me", json={"visibility": "PRIVATE"}, headers=headers)
    gone = api.get("/p/gone-soon", headers={"If-None-Match": etag})
    assert gone.status_code == 404  # never a 304 for what is no longer published


def test_a_public_photo_is_revalidated(api: TestClient, session: Session) -> None:
    import io

    from PIL import Image

    user = make_user(session)
    headers = auth(user)
    api.patch(
        "/api/v1/profiles/me", json={"visibility": "PUBLIC", "slug": "photo-owner"}, headers=headers
    )
    buffer = io.BytesIO()
    Image.new("RGB", (64, 64), "teal").save(buffer, "PNG")
    put = api.put(
        "/api/v1/profiles/me/photo",
        headers=headers,
        files={"file": ("p.png", buffer.getvalue(), "image/png")},
    )
    assert put.status_code == 200, put.text
    profile_id = api.get("/api/v1/profiles/me", headers=headers).json()["id"]
    photo = api.get(f"/api/v1/profiles/{profile_id}/photo")
    assert photo.headers["cache-control"] == "public, no-cache" and photo.headers["etag"]
    again = api.get(
        f"/api/v1/profiles/{profile_id}/photo", headers={"If-None-Match": photo.headers["etag"]}
    )
    assert again.status_code == 304
    api.patch("/api/v1/profiles/me", json={"visibility": "PRIVATE"}, headers=headers)
    assert (
        api.get(
            f"/api/v1/profiles/{profile_id}/photo", headers={"If-None-Match": photo.headers["etag"]}
        ).status_code
        == 404
    )


def test_a_forged_host_never_reaches_a_redirect(tmp_path: Path) -> None:
    """Issue #15 point 12: the trailing-slash redirect built its Location from the Host."""
    from cvapp.api.security import own_location

    (tmp_path / "login").mkdir()
    (tmp_path / "login" / "index.html").write_text("<p>login</p>")
    app = create_api()
    app.mount("", PrecompressedStaticFiles(directory=tmp_path, html=True, encodings=["gzip"]))
    client = TestClient(app, base_url="http://localhost:3000")
    redirect = client.get("/login", headers={"Host": "evil.example"}, follow_redirects=False)
    assert redirect.status_code in (301, 307, 308), redirect.status_code
    assert "evil.example" not in redirect.headers["location"]
    assert redirect.headers["location"] == "/login/"

    assert own_location("http://evil.example/login/", ["http://localhost:3000"]) == "/login/"
    assert own_location("http://evil.example/a/?b=1", []) == "/a/?b=1"
    assert own_location("http://localhost:3000/x/", ["http://localhost:3000"]) == (
        "http://localhost:3000/x/"
    )
    assert own_location("/relative/", []) == "/relative/"
