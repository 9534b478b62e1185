"""Issue #20 point 7: the public page is the CV in its own template and design, fits a phone,
and its "Download PDF" is a download named after the person; its protections stay."""

from __future__ import annotations

from urllib.parse import unquote

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session, select

from cvapp.domain.exports import pdftext
from cvapp.domain.exports.catalog import TEMPLATES
from cvapp.domain.exports.styles import SCREEN_CSS, template_css
from cvapp.domain.public import pages
from cvapp.models import Profile
from tests.api.test_public_fastpath import fast, renders  # noqa: F401  (fixtures)
from tests.domain.cv_support import (  # noqa: F401  (forget_exports: autouse)
    anonymized_project,
    auth,
    build_profile,
    forget_exports,
    make_user,
)

API = "/api/v1"
SLUG = "ann-example"


def _published(api: TestClient, session: Session, template: str) -> tuple[dict[str, str], str]:
    """A PUBLIC profile showing a CV in ``template``; the headers and the CV's id."""
    user = make_user(session)
    build_profile(session, user)
    anonymized_project(session, user)
    headers = auth(user)
    cv = api.post(f"{API}/cvs", json={"name": "Acme role", "template": template}, headers=headers)
    assert cv.status_code == 201, cv.text
    body = {"visibility": "PUBLIC", "slug": SLUG, "public_cv_id": cv.json()["id"]}
    assert api.patch(f"{API}/profiles/me", json=body, headers=headers).status_code == 200
    return headers, cv.json()["id"]


def _rules(template: str) -> str:
    """A line of the template's own stylesheet (the page inlines it)."""
    lines = [line for line in template_css(TEMPLATES[template]).read_text().splitlines()]
    return next(line for line in lines if "{" in line and not line.startswith("/*"))


def _attachment_name(response: object) -> str:
    header = response.headers["content-disposition"]  # type: ignore[attr-defined]
    assert header.startswith("attachment;"), header
    return unquote(header.split("filename*=UTF-8''", 1)[1])


@pytest.mark.parametrize("template", ["modern", "two-column"])
def test_page_is_the_cv_in_its_template_on_every_screen(
    api: TestClient, session: Session, template: str
) -> None:
    _published(api, session, template)
    html = api.get(f"/p/{SLUG}").text
    assert f'<body class="cv cv-{template}">' in html
    assert _rules(template) in html and _rules("classic") not in html
    # Laid out for screens: a sheet on a desk, the bare page on a phone.
    assert "@media screen and (max-width: 40em)" in html
    assert SCREEN_CSS.read_text().strip() in html
    assert '<meta name="viewport" content="width=device-width, initial-scale=1" />' in html


def test_changing_the_design_reaches_the_next_visitor(
    fast: TestClient,  # noqa: F811
    session: Session,
    renders: list[str],  # noqa: F811
) -> None:
    headers, cv_id = _published(fast, session, "modern")
    assert "cv-modern" in fast.get(f"/p/{SLUG}").text
    assert "cv-modern" in fast.get(f"/p/{SLUG}").text  # from memory now
    assert renders == [SLUG]
    changed = fast.patch(f"{API}/cvs/{cv_id}", json={"template": "classic"}, headers=headers)
    assert changed.status_code == 200, changed.text
    html = fast.get(f"/p/{SLUG}").text
    assert "cv-classic" in html and _rules("modern") not in html
    assert renders == [SLUG, SLUG]


def test_a_new_deploy_of_the_templates_is_not_served_from_the_old_cache(
    api: TestClient, session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    _published(api, session, "modern")
    profile = session.exec(select(Profile)).one()
    before = pages.page_stamp(profile, None)
    monkeypatch.setattr(pages, "templates_fingerprint", lambda: "another-deploy")
    assert pages.page_stamp(profile, None) != before


def test_download_pdf_is_a_file_named_after_the_person(api: TestClient, session: Session) -> None:
    headers, cv_id = _published(api, session, "modern")
    html = api.get(f"/p/{SLUG}").text
    assert 'href="/p/ann-example/cv.pdf" download="Ann-Example-Backend-engineer-CV.pdf"' in html
    pdf = api.get(f"/p/{SLUG}/cv.pdf")
    assert pdf.status_code == 200
    assert _attachment_name(pdf) == "Ann-Example-Backend-engineer-CV.pdf"
    link = api.post(f"{API}/cvs/{cv_id}/share-links", json={"label": "x"}, headers=headers)
    path = "/s/" + link.json()["url"].rsplit("/s/", 1)[1]
    shared = api.get(path).text
    assert f'href="{path}/cv.pdf" download="Ann-Example-Backend-engineer-CV.pdf"' in shared
    assert "@media screen and (max-width: 40em)" in shared
    assert _attachment_name(api.get(path + "/cv.pdf")) == "Ann-Example-Backend-engineer-CV.pdf"


@pytest.mark.parametrize("template", ["modern", "two-column", "one-pager"])
def test_hidden_client_never_shows_on_the_page_or_its_pdf(
    api: TestClient, session: Session, template: str
) -> None:
    _published(api, session, template)
    page = api.get(f"/p/{SLUG}")
    assert page.status_code == 200, page.text
    text = page.text + pdftext.pdf_text(api.get(f"/p/{SLUG}/cv.pdf").content)
    assert "a Tier-1 European bank" in text  # the alias shows instead
    for secret in ("Acme", "Falcon"):
        assert secret not in text
    assert "Acme" not in page.headers.get("content-disposition", "")
