"""Hostile text in every text field: XSS payloads stay inert on the public page, the share
page, the HTML, PDF and DOCX exports; SQL-looking strings are stored and shown literally."""

from __future__ import annotations

import io
import itertools
import re
import zipfile
from dataclasses import dataclass
from typing import Any
from xml.etree import ElementTree

import pytest
from docx import Document as DocxDocument
from fastapi.testclient import TestClient
from sqlmodel import Session

from cvapp.domain.exports.pdftext import pdf_text
from tests.hardening.hostile import assert_inert, lines, page_text, write_everything
from tests.hardening.support import API, Account, make_account

PDF_ACTIONS = re.compile(rb"/(JavaScript|JS|Launch|SubmitForm|ImportData|RichMedia)\b")
XSS = lines("xss.txt")
SQL = lines("sql.txt")


@dataclass
class Rendered:
    profile_page: str
    share_page: str
    html_export: str
    pdf: bytes
    docx: bytes


def _render(api: TestClient, account: Account) -> Rendered:
    def get(url: str) -> Any:
        response = api.get(url, headers=account.headers)
        assert response.status_code == 200, (url, response.text[:500])
        return response

    cv = f"{API}/cvs/{account.ids['cv_id']}"
    return Rendered(
        profile_page=get(f"/p/{account.slug}").text,
        share_page=get(f"/s/{account.ids['share_token']}").text,
        html_export=get(f"{cv}/export.html").text,
        pdf=get(f"{cv}/export.pdf").content,
        docx=get(f"{cv}/export.docx").content,
    )


def _written(api: TestClient, session: Session, values: list[str]) -> tuple[Account, Rendered]:
    account = make_account(session, needs=("slug", "cv_id"))
    document = api.get(f"{API}/openapi.json").json()
    write_everything(api, document, account, itertools.cycle(values))
    return account, _render(api, account)


@pytest.fixture
def plain(api: TestClient, session: Session) -> Rendered:
    """The same pages with harmless words in every field: what the templates add by
    themselves."""
    return _written(api, session, ["Plain words", "More plain words"])[1]


def _docx_text(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            if name.endswith(".xml") or name.endswith(".rels"):
                ElementTree.fromstring(archive.read(name))  # well-formed: nothing broke out
        relations = ElementTree.fromstring(archive.read("word/_rels/document.xml.rels"))
    targets = [r.get("Target", "").strip().lower() for r in relations]
    assert not [t for t in targets if t.startswith(("javascript:", "vbscript:", "data:"))]
    paragraphs = [p.text for p in DocxDocument(io.BytesIO(data)).paragraphs]
    tables = DocxDocument(io.BytesIO(data)).tables
    cells = [c.text for t in tables for row in t.rows for c in row.cells]
    return "\n".join(paragraphs + cells)


def test_xss_payloads_are_inert_in_every_output(
    api: TestClient, session: Session, plain: Rendered
) -> None:
    account, hostile = _written(api, session, XSS)
    assert_inert(hostile.profile_page, plain.profile_page)
    assert_inert(hostile.share_page, plain.share_page)
    assert_inert(hostile.html_export, plain.html_export)
    assert "49" not in page_text(hostile.profile_page).replace(account.user.id, "")  # {{ 7*7 }}
    assert not PDF_ACTIONS.search(hostile.pdf)
    assert b"javascript:" not in hostile.pdf.lower()
    shown = pdf_text(hostile.pdf) + _docx_text(hostile.docx)
    assert '<script>alert("xss-1")</script>' in shown.replace("\r", "")  # as text


def test_sql_looking_text_is_stored_and_shown_literally(api: TestClient, session: Session) -> None:
    account, rendered = _written(api, session, SQL)
    profile = api.get(f"{API}/profiles/me", headers=account.headers).json()
    experiences = api.get(f"{API}/experiences", headers=account.headers).json()["data"]
    stored = [profile["full_name"], profile["headline"], experiences[0]["company"]]
    assert all(value in SQL for value in stored), stored
    for text in (page_text(rendered.profile_page), page_text(rendered.share_page)):
        assert profile["headline"] in text and experiences[0]["company"] in text
    assert profile["headline"] in pdf_text(rendered.pdf).replace("\r", "")
    assert profile["headline"] in _docx_text(rendered.docx)
    found = api.get(f"{API}/profiles", params={"q": SQL[1]}).json()
    assert found["pagination"]["total"] <= 1  # a search, not a condition


def test_the_markup_of_a_payload_is_escaped_not_dropped(api: TestClient, session: Session) -> None:
    account, rendered = _written(api, session, XSS)
    headline = api.get(f"{API}/profiles/me", headers=account.headers).json()["headline"]
    assert headline.startswith("<img") and headline in page_text(rendered.profile_page)
    assert headline not in rendered.profile_page  # only its escaped form is in the HTML


@pytest.mark.parametrize(
    "injected",
    [
        "<p><script>alert(1)</script></p>",
        "<p><img src=x onerror=alert(1)></p>",
        '<p><a href=" JavaScript:alert(1)">x</a></p>',
        '<script type="application/ld+json">{"name": "</script><script>alert(1)</script>',
        "<p><iframe src=//evil.example></iframe></p>",
    ],
)
def test_the_inertness_check_sees_an_injection(injected: str) -> None:
    plain = '<html><body><p>Plain</p><script type="application/ld+json">{}</script></body></html>'
    with pytest.raises((AssertionError, ValueError)):
        assert_inert(plain.replace("<p>Plain</p>", injected), plain)
