"""The profile photo in a CV render: a ``data:`` URI, so the PDF renderer and a downloaded
HTML file show it without fetching anything."""

from __future__ import annotations

import base64
import io
from functools import lru_cache
from pathlib import Path

from PIL import Image

from cvapp.domain.exports.resolve import ResolvedCv
from cvapp.storage import get_storage

SAMPLE_PHOTO = "sample-photo"
"""The ``photo_key`` of the sample CV: a drawn, made-up portrait shipped with the code."""
_SAMPLE_FILE = Path(__file__).resolve().parent / "resources" / "sample-photo.jpg"
MAX_SIDE = 400  # about 40 mm at 250 dpi: the largest photo a template prints


def photo_src(cv: ResolvedCv) -> str | None:
    """Where a template reads ``cv``'s photo: its data URI, or (a page built without the
    stored key, the public web page) the address the app serves it at; None without one."""
    if cv.photo_key:
        return _data_uri(cv.photo_key)
    url = cv.basics.get("photo_url")
    return str(url) if url else None


@lru_cache(maxsize=32)
def _data_uri(key: str) -> str | None:
    """Keys are never reused (a new upload gets a new one), so a key's URI is kept."""
    data = _SAMPLE_FILE.read_bytes() if key == SAMPLE_PHOTO else get_storage().get(key)
    if data is None:
        return None
    with Image.open(io.BytesIO(data)) as image:
        if max(image.size) > MAX_SIDE:
            image.thumbnail((MAX_SIDE, MAX_SIDE), Image.Resampling.LANCZOS)
            buffer = io.BytesIO()
            image.convert("RGB").save(buffer, "JPEG", quality=85, optimize=True)
            data = buffer.getvalue()
    return "data:image/jpeg;base64," + base64.b64encode(data).decode()
