"""The profile photo: sniffed, re-encoded (EXIF gone, ≤ 800 px) and kept in storage."""

from __future__ import annotations

import hashlib
import io
import warnings
from dataclasses import dataclass

from PIL import Image, ImageOps
from sqlmodel import Session, select

from cvapp.domain.events import after_commit, publish
from cvapp.domain.profiles.lookup import get_or_create_profile
from cvapp.domain.profiles.schemas import PhotoView
from cvapp.domain.profiles.views import photo_url, visible_profile
from cvapp.errors import NotFound, PayloadTooLarge, UnsupportedMediaType
from cvapp.models import Profile, StoredFile
from cvapp.models.base import new_id
from cvapp.storage import get_storage

MAX_PHOTO_BYTES = 5 * 1024 * 1024
MAX_SIDE = 800
MAX_PIXELS = 40_000_000
CONTENT_TYPE = "image/jpeg"
PURPOSE = "profile_photo"
ACCEPTED = "Use a JPEG, PNG or WebP image"


@dataclass(frozen=True)
class Photo:
    """A stored photo's bytes and type, ready to serve."""

    data: bytes
    content_type: str


def sniff(data: bytes) -> str | None:
    """The real image format from the leading bytes (``JPEG``, ``PNG``, ``WEBP``), or None."""
    if data.startswith(b"\xff\xd8\xff"):
        return "JPEG"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "PNG"
    if len(data) >= 12 and data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "WEBP"
    return None


def reencode(data: bytes) -> tuple[bytes, int, int]:
    """A clean JPEG (no metadata, upright, at most ``MAX_SIDE`` px) and its size."""
    if len(data) > MAX_PHOTO_BYTES:
        raise PayloadTooLarge(f"The photo is larger than {MAX_PHOTO_BYTES // (1024 * 1024)} MB")
    kind = sniff(data)
    if kind is None:
        raise UnsupportedMediaType(f"This file is not an image we accept. {ACCEPTED}.")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data), formats=[kind]) as image:
                if image.width * image.height > MAX_PIXELS:
                    raise PayloadTooLarge("The image has too many pixels (40 megapixels at most)")
                image.load()
                upright = ImageOps.exif_transpose(image)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise PayloadTooLarge("The image has too many pixels (40 megapixels at most)") from None
    except (OSError, SyntaxError, ValueError):
        raise UnsupportedMediaType(f"The image is damaged or incomplete. {ACCEPTED}.") from None
    upright.thumbnail((MAX_SIDE, MAX_SIDE), Image.Resampling.LANCZOS)
    if upright.mode in ("RGBA", "LA") or "transparency" in upright.info:
        rgba = upright.convert("RGBA")
        flat = Image.new("RGB", rgba.size, "white")
        flat.paste(rgba, mask=rgba.getchannel("A"))
        upright = flat
    output = io.BytesIO()
    upright.convert("RGB").save(output, "JPEG", quality=85, optimize=True)
    return output.getvalue(), upright.width, upright.height


def set_photo(session: Session, *, user_id: str, data: bytes) -> PhotoView:
    """Replace the caller's photo with ``data`` (JPEG, PNG or WebP, ≤ 5 MB)."""
    encoded, width, height = reencode(data)
    profile = get_or_create_profile(session, user_id=user_id)
    key = f"photos/{user_id}/{new_id()}.jpg"
    get_storage().put(key, encoded, CONTENT_TYPE)
    _forget(session, profile)
    session.add(
        StoredFile(
            user_id=user_id,
            key=key,
            purpose=PURPOSE,
            content_type=CONTENT_TYPE,
            size_bytes=len(encoded),
            sha256=hashlib.sha256(encoded).hexdigest(),
        )
    )
    profile.photo_key = key
    session.add(profile)
    session.flush()
    publish(session, "profile.changed", user_id=user_id, profile_id=profile.id)
    url = photo_url(profile) or ""
    return PhotoView(
        photo_url=url,
        content_type=CONTENT_TYPE,
        size_bytes=len(encoded),
        width=width,
        height=height,
    )


def delete_photo(session: Session, *, user_id: str) -> None:
    """Remove the caller's photo (nothing happens when there is none)."""
    profile = get_or_create_profile(session, user_id=user_id)
    if profile.photo_key:
        _forget(session, profile)
        profile.photo_key = None
        session.add(profile)
        session.flush()
        publish(session, "profile.changed", user_id=user_id, profile_id=profile.id)


def my_photo(session: Session, *, user_id: str) -> Photo:
    """The caller's photo."""
    return _read(get_or_create_profile(session, user_id=user_id))


def profile_photo(session: Session, *, profile_id: str, viewer_id: str | None) -> Photo:
    """A profile's photo, for its owner or anyone when the profile is PUBLIC or UNLISTED.

    UNLISTED too, so the page behind an unlisted link shows its photo; profile ids are not
    guessable and only appear on pages the owner shared.
    """
    shared = ("PUBLIC", "UNLISTED")
    return _read(
        visible_profile(session, profile_id=profile_id, viewer_id=viewer_id, visibilities=shared)
    )


def _read(profile: Profile) -> Photo:
    data = get_storage().get(profile.photo_key) if profile.photo_key else None
    if data is None:
        raise NotFound("No photo")
    return Photo(data=data, content_type=CONTENT_TYPE)


def _forget(session: Session, profile: Profile) -> None:
    """Drop the old photo's record now and its bytes once the change is committed."""
    old_key = profile.photo_key
    if not old_key:
        return
    for stored in session.exec(select(StoredFile).where(StoredFile.key == old_key)).all():
        session.delete(stored)
    after_commit(session, lambda: get_storage().delete(old_key))
