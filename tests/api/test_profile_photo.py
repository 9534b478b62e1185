"""PUT/GET/DELETE /profiles/me/photo: sniffed, re-encoded, size-capped, EXIF stripped."""

from __future__ import annotations

import asyncio
import io
from typing import Any

import pytest
from fastapi.testclient import TestClient
from PIL import Image
from sqlmodel import Session, select

from cvapp.api.app import create_api
from cvapp.domain.auth.tokens import create_access_token
from cvapp.domain.profiles.photo import reencode
from cvapp.errors import PayloadTooLarge
from cvapp.models import Profile, StoredFile, User
from cvapp.storage import get_storage

API = "/api/v1"
PHOTO = f"{API}/profiles/me/photo"
Headers = dict[str, str]


def _image(
    fmt: str, size: tuple[int, int] = (1600, 1200), mode: str = "RGB", **save: object
) -> bytes:
    buffer = io.BytesIO()
    Image.new(mode, size, "red" if mode != "1" else 1).save(buffer, fmt, **save)
    return buffer.getvalue()


def _exif_jpeg() -> bytes:
    exif = Image.Exif()
    exif[0x010F] = "SecretCam"  # Make
    exif[0x0112] = 6  # Orientation: rotate 90° clockwise to display
    return _image("JPEG", size=(1600, 1200), exif=exif.tobytes())


@pytest.fixture
def owner(session: Session) -> Headers:
    user = User(email="pic@example.com", full_name="Pic Owner", password_hash="x")
    session.add(user)
    session.commit()
    return {"Authorization": f"Bearer {create_access_token(user_id=user.id, plan='free')}"}


def _upload(
    api: TestClient, headers: Headers, data: bytes, name: str = "me.jpg", ctype: str = "image/jpeg"
) -> object:
    return api.put(PHOTO, files={"file": (name, data, ctype)}, headers=headers)


def _photo_key(session: Session) -> str | None:
    session.expire_all()
    return session.exec(select(Profile.photo_key)).one()


def test_jpeg_is_reencoded_upright_small_and_without_exif(
    api: TestClient, owner: Headers, session: Session
) -> None:
    response = _upload(api, owner, _exif_jpeg())
    assert response.status_code == 200, response.text  # type: ignore[attr-defined]
    body = response.json()  # type: ignore[attr-defined]
    assert body["content_type"] == "image/jpeg"
    assert (body["width"], body["height"]) == (600, 800)  # rotated by its EXIF, then ≤ 800 px
    served = api.get(PHOTO, headers=owner)
    assert served.status_code == 200 and served.headers["content-type"] == "image/jpeg"
    assert b"SecretCam" not in served.content
    with Image.open(io.BytesIO(served.content)) as image:
        assert image.format == "JPEG" and image.size == (600, 800)
        assert dict(image.getexif()) == {}
    profile = api.get(f"{API}/profiles/me", headers=owner).json()
    assert profile["photo_url"] == body["photo_url"]
    assert "Add a photo" not in profile["missing"]
    key = _photo_key(session)
    assert key and get_storage().get(key) == served.content


@pytest.mark.parametrize(
    ("data", "name", "ctype"),
    [
        (_image("PNG", mode="RGBA", size=(300, 200)), "me.png", "image/png"),
        (_image("WEBP", size=(900, 900)), "me.webp", "image/webp"),
        (_image("PNG", size=(50, 40)), "wrong-name.gif", "application/octet-stream"),
    ],
)
def test_png_and_webp_are_accepted_whatever_the_name(
    api: TestClient, owner: Headers, data: bytes, name: str, ctype: str
) -> None:
    response = _upload(api, owner, data, name, ctype)
    assert response.status_code == 200, response.text  # type: ignore[attr-defined]
    assert max(response.json()["width"], response.json()["height"]) <= 800  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"just some text pretending", "not an image"),
        (_image("GIF", size=(10, 10)), "not an image we accept"),
        (_image("BMP", size=(10, 10)), "not an image we accept"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 200, "damaged"),
        (_image("JPEG")[:400], "damaged"),
        (b"<svg xmlns='http://www.w3.org/2000/svg'/>", "not an image"),
    ],
)
def test_other_content_is_415(api: TestClient, owner: Headers, data: bytes, reason: str) -> None:
    response = _upload(api, owner, data, "me.jpg", "image/jpeg")
    assert response.status_code == 415, response.text  # type: ignore[attr-defined]
    error = response.json()["error"]  # type: ignore[attr-defined]
    assert error["code"] == "UNSUPPORTED_MEDIA_TYPE" and "JPEG, PNG or WebP" in error["message"]


def test_json_body_is_415(api: TestClient, owner: Headers) -> None:
    response = api.put(PHOTO, json={"file": "x"}, headers=owner)
    assert response.status_code == 415
    assert response.json()["error"]["code"] == "UNSUPPORTED_MEDIA_TYPE"


def test_missing_file_field_is_422(api: TestClient, owner: Headers) -> None:
    response = api.put(
        PHOTO, files={"photo": ("a.jpg", _image("JPEG"), "image/jpeg")}, headers=owner
    )
    assert response.status_code == 422
    assert response.json()["error"]["details"][0]["field"] == "file"


def test_over_5_mb_is_413(api: TestClient, owner: Headers) -> None:
    big = b"\xff\xd8\xff" + b"\x00" * (5 * 1024 * 1024)
    response = _upload(api, owner, big)
    assert response.status_code == 413  # type: ignore[attr-defined]
    assert response.json()["error"]["code"] == "PAYLOAD_TOO_LARGE"  # type: ignore[attr-defined]
    assert "5 MB" in response.json()["error"]["message"]  # type: ignore[attr-defined]


def test_streamed_body_is_cut_off_without_a_content_length(owner: Headers) -> None:
    """Driven at the ASGI level: the test client would buffer the whole body first."""
    boundary = "cvappboundary"
    head = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.jpg"\r\n'
        "Content-Type: image/jpeg\r\n\r\n"
    ).encode()
    chunks = [head + b"\xff\xd8\xff"] + [b"\x00" * (1024 * 1024)] * 40  # 40 MB, unannounced
    pulled: list[int] = []
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        pulled.append(1)
        index = len(pulled) - 1
        more = index < len(chunks) - 1
        return {"type": "http.request", "body": chunks[index], "more_body": more}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    headers = [
        (b"content-type", f"multipart/form-data; boundary={boundary}".encode()),
        (b"authorization", owner["Authorization"].encode()),
    ]
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "PUT",
        "scheme": "http",
        "path": PHOTO,
        "raw_path": PHOTO.encode(),
        "query_string": b"",
        "headers": headers,
        "client": ("127.0.0.1", 1234),
        "server": ("testserver", 80),
        "root_path": "",
    }
    asyncio.run(create_api()(scope, receive, send))
    assert sent[0]["status"] == 413
    assert len(pulled) < 10


def test_too_many_pixels_is_413() -> None:
    bomb = _image("PNG", size=(10_000, 5_000), mode="1")
    assert len(bomb) < 5 * 1024 * 1024
    with pytest.raises(PayloadTooLarge, match="pixels"):
        reencode(bomb)


def test_replace_and_delete_clean_up_storage(
    api: TestClient, owner: Headers, session: Session
) -> None:
    _upload(api, owner, _image("JPEG"))
    first = _photo_key(session)
    _upload(api, owner, _image("PNG", size=(100, 100)), "b.png", "image/png")
    second = _photo_key(session)
    assert first and second and first != second
    assert get_storage().get(first) is None and get_storage().get(second) is not None
    assert session.exec(select(StoredFile.key)).all() == [second]
    deleted = api.delete(PHOTO, headers=owner)
    assert deleted.status_code == 204
    assert _photo_key(session) is None and get_storage().get(second) is None
    assert session.exec(select(StoredFile)).all() == []
    assert api.get(PHOTO, headers=owner).status_code == 404
    assert api.delete(PHOTO, headers=owner).status_code == 204


def test_photo_of_shared_profiles_only(api: TestClient, owner: Headers, session: Session) -> None:
    _upload(api, owner, _image("JPEG"))
    profile_id = api.get(f"{API}/profiles/me", headers=owner).json()["id"]
    url = f"{API}/profiles/{profile_id}/photo"
    assert api.get(url, headers=owner).status_code == 200
    assert api.get(url).status_code == 404
    api.patch(f"{API}/profiles/me", json={"visibility": "UNLISTED"}, headers=owner)
    assert api.get(url).status_code == 200  # shown on the unlisted page
    api.patch(f"{API}/profiles/me", json={"visibility": "PUBLIC"}, headers=owner)
    public = api.get(url)
    assert public.status_code == 200 and public.headers["content-type"] == "image/jpeg"
    assert public.headers["cache-control"].startswith("public")


def test_photo_needs_authentication(api: TestClient) -> None:
    assert _upload(api, {}, _image("JPEG")).status_code == 401  # type: ignore[attr-defined]
    assert api.get(PHOTO).status_code == 401
