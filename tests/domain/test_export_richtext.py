"""Issue #19 point 7: line breaks and light Markdown in summaries and descriptions render as
such in HTML, PDF, DOCX and Markdown, sanitized; imported ``<br>`` is a line break, never
literal markup."""

from __future__ import annotations

import io

import pytest
from docx import Document as open_docx
from pdfminer.high_level import extract_text
from sqlmodel import Session

from cvapp.domain.exports import richtext
from cvapp.domain.exports import service as exports
from cvapp.domain.profiles import service as profiles
from tests.domain.cv_support import (  # noqa: F401  (forget_exports: autouse)
    build_profile,
    forget_exports,
    make_cv,
    make_user,
)

SUMMARY = (
    "Backend engineer for **payment systems**.<br>Second line, *in italics*, see "
    "[my site](https://ann.example.org).\n\n"
    "- Built the ledger\n- Ran the on-call rota\n\n"
    "Imported with <p>HTML</p> and a <script>alert(1)</script> tag & an a < b."
)


def test_blocks_read_paragraphs_lists_and_emphasis() -> None:
    kinds = [block.kind for block in richtext.blocks(SUMMARY)]
    assert kinds == ["paragraph", "list", "paragraph", "paragraph", "paragraph"]  # <p> splits
    first = richtext.blocks(SUMMARY)[0]
    assert len(first.lines) == 2  # the <br> is a line break
    assert [(s.text, s.bold) for s in first.lines[0]][1] == ("payment systems", True)
    assert richtext.plain("**Bold** move, *quietly*.") == "Bold move, quietly."


def test_html_is_escaped_and_keeps_only_our_tags() -> None:
    out = str(richtext.to_html(SUMMARY))
    assert "<strong>payment systems</strong>" in out and "<em>in italics</em>" in out
    assert '<a href="https://ann.example.org" rel="nofollow noopener ugc">my site</a>' in out
    assert '<ul class="rich"><li>Built the ledger</li>' in out
    assert "<script" not in out and "alert(1)" not in out and "&lt;br&gt;" not in out
    assert "a &lt; b" in out and "&amp; an" in out
    assert "[my site]" not in out and "**" not in out


@pytest.fixture
def cv(session: Session) -> tuple[str, str]:
    user = make_user(session)
    build_profile(session, user)
    profiles.update_profile(session, user_id=user.id, changes={"summary": SUMMARY})
    cv = make_cv(session, user)
    return user.id, cv.id


def test_pdf_prints_the_markup_not_its_characters(session: Session, cv: tuple[str, str]) -> None:
    user_id, cv_id = cv
    text = extract_text(
        io.BytesIO(exports.export_cv(session, user_id=user_id, cv_id=cv_id, fmt="pdf").data)
    )
    lines = [line.strip() for line in text.splitlines()]

    assert "Backend engineer for payment systems." in lines
    assert any(line.startswith("Second line, in italics") for line in lines)
    assert "<br>" not in text and "**" not in text and "[my site]" not in text
    assert "alert(1)" not in text


def test_docx_has_runs_and_list_bullets(session: Session, cv: tuple[str, str]) -> None:
    user_id, cv_id = cv
    data = exports.export_cv(session, user_id=user_id, cv_id=cv_id, fmt="docx").data
    paragraphs = open_docx(io.BytesIO(data)).paragraphs
    bold = [r.text for p in paragraphs for r in p.runs if r.bold]
    italic = [r.text for p in paragraphs for r in p.runs if r.italic]
    assert "payment systems" in bold and "in italics" in italic
    bullets = [p.text for p in paragraphs if p.style.name == "List Bullet"]
    assert "Built the ledger" in bullets and "Ran the on-call rota" in bullets
    assert not any("<br>" in p.text or "**" in p.text for p in paragraphs)


def test_markdown_keeps_the_markup_as_markdown(session: Session, cv: tuple[str, str]) -> None:
    user_id, cv_id = cv
    text = exports.export_cv(session, user_id=user_id, cv_id=cv_id, fmt="markdown").data.decode()
    assert "Backend engineer for **payment systems**.\\\nSecond line, *in italics*" in text
    assert "[my site](https://ann.example.org)" in text
    assert "- Built the ledger\n- Ran the on-call rota" in text
    assert "<br>" not in text and "<script>" not in text and "a \\< b" in text
