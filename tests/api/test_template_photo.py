"""The uploaded profile photo in the templates that show one (issue #20.1): in the PDF, the
downloaded HTML and the public page; never in the others; a US résumé starts on Letter."""

from __future__ import annotations

import io

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from fastapi.testclient import TestClient
from PIL import Image, ImageDraw
from sqlmodel import Session, select

from cvapp.domain.exports.pdftext import pdf_text
from cvapp.models import Profile
from tests.domain.cv_support import (  # noqa: F401  (forget_exports: autouse)
    auth,
    build_profile,
    forget_exports,
    make_user,
)

API = "/api/v1"


def _portrait() -> bytes:
    """A PNG larger than any template prints (1200 × 1500, not square) with transparency."""
    image = Image.new("RGBA", (1200, 1500), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.ellipse((300, 250, 900, 950), fill=(214, 160, 120, 255))
    draw.rectangle((150, 1000, 1050, 1500), fill=(40, 60, 90, 255))
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def _images_on_page_one(data: bytes) -> list[tuple[int, int]]:
    document = pdfium.PdfDocument(data)
    try:
        found = document[0].get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_IMAGE,))
        return [obj.get_px_size() for obj in found]  # type: ignore[attr-defined]
    finally:
        document.close()


def _with_photo(api: TestClient, session: Session) -> dict[str, str]:
    user = make_user(session, name="Zoë Ångström")
    build_profile(session, user)
    headers = auth(user)
    upload = api.put(
        f"{API}/profiles/me/photo",
        files={"file": ("zoë.png", _portrait(), "image/png")},
        headers=headers,
    )
    assert upload.status_code == 200, upload.text
    return headers


def _cv(api: TestClient, headers: dict[str, str], template: str) -> str:
    made = api.post(f"{API}/cvs", json={"name": template, "template": template}, headers=headers)
    assert made.status_code == 201, made.text
    return str(made.json()["id"])


def _export(api: TestClient, headers: dict[str, str], cv_id: str, fmt: str) -> bytes:
    answer = api.get(f"{API}/cvs/{cv_id}/export.{fmt}", headers=headers)
    assert answer.status_code == 200, answer.text
    return answer.content


def test_photo_templates_print_the_uploaded_photo_and_the_others_do_not(
    api: TestClient, session: Session
) -> None:
    headers = _with_photo(api, session)
    for template in ("photo-header", "photo-sidebar", "europass"):
        pdf = _export(api, headers, _cv(api, headers, template), "pdf")
        (size,) = _images_on_page_one(pdf)
        assert max(size) <= 400  # scaled down for print, not the 800 px upload
    for template in ("classic", "two-column", "us-resume"):
        assert _images_on_page_one(_export(api, headers, _cv(api, headers, template), "pdf")) == []


def test_downloaded_html_carries_the_photo_without_the_storage_key(
    api: TestClient, session: Session
) -> None:
    headers = _with_photo(api, session)
    html = _export(api, headers, _cv(api, headers, "photo-header"), "html").decode()
    assert '<img class="photo" src="data:image/jpeg;base64,' in html
    assert 'alt="Zoë Ångström"' in html
    key = session.exec(select(Profile.photo_key)).one()
    assert key and key not in html and "photos/" not in html


def test_a_removed_photo_leaves_the_pdf_at_once(api: TestClient, session: Session) -> None:
    headers = _with_photo(api, session)
    cv_id = _cv(api, headers, "photo-sidebar")
    first = _export(api, headers, cv_id, "pdf")
    assert api.delete(f"{API}/profiles/me/photo", headers=headers).status_code == 204
    without = _export(api, headers, cv_id, "pdf")
    assert without != first and _images_on_page_one(without) == []
    assert "Zoë Ångström" in pdf_text(without)  # still the CV, only the photo left


def test_public_page_shows_the_photo_from_its_served_address(
    api: TestClient, session: Session
) -> None:
    headers = _with_photo(api, session)
    cv_id = _cv(api, headers, "photo-sidebar")
    body = {"visibility": "PUBLIC", "slug": "zoe-angstrom", "public_cv_id": cv_id}
    assert api.patch(f"{API}/profiles/me", json=body, headers=headers).status_code == 200
    page = api.get("/p/zoe-angstrom")
    assert page.status_code == 200
    photo_url = api.get(f"{API}/profiles/me", headers=headers).json()["photo_url"]
    assert f'<img class="photo" src="{photo_url}"' in page.text
    assert api.get(photo_url).status_code == 200


def test_a_us_resume_starts_on_letter_unless_the_request_says_otherwise(
    api: TestClient, session: Session
) -> None:
    headers = auth(make_user(session))
    body = {"name": "US", "template": "us-resume"}
    assert api.post(f"{API}/cvs", json=body, headers=headers).json()["page_size"] == "Letter"
    body = {"name": "US A4", "template": "us-resume", "page_size": "A4"}
    assert api.post(f"{API}/cvs", json=body, headers=headers).json()["page_size"] == "A4"
    body = {"name": "EU", "template": "europass"}
    assert api.post(f"{API}/cvs", json=body, headers=headers).json()["page_size"] == "A4"


def test_a_cv_switched_to_the_us_resume_takes_a_letter_page_and_keeps_it_after(
    api: TestClient, session: Session
) -> None:
    headers = auth(make_user(session))
    cv = api.post(f"{API}/cvs", json={"name": "Lebenslauf"}, headers=headers).json()
    assert cv["page_size"] == "A4"
    url = f"{API}/cvs/{cv['id']}"
    switched = api.patch(url, json={"template": "us-resume"}, headers=headers)
    assert switched.status_code == 200, switched.text
    assert switched.json()["page_size"] == "Letter"
    history = api.get(f"{url}/history", headers=headers).json()["data"]
    assert "Letter" in " ".join(str(revision) for revision in history[:1])
    # Leaving it keeps the paper (the person may well be in the US); asked for, A4 it is.
    assert api.patch(url, json={"template": "classic"}, headers=headers).json()["page_size"] == (
        "Letter"
    )
    body = {"template": "us-resume", "page_size": "A4"}
    assert api.patch(url, json=body, headers=headers).json()["page_size"] == "A4"
    # Another template never changes the paper.
    body = {"template": "europass"}
    assert api.patch(url, json=body, headers=headers).json()["page_size"] == "A4"
