"""Issue #19 point 6: names and text in every script print in PDF and DOCX.

CJK, Arabic, Hebrew, Cyrillic, Greek, Devanagari and emoji are drawn with real glyphs (Debian's
Noto fonts, installed by ``make run``/``make test`` and the Dockerfile), never as empty boxes;
a Japanese JSON Resume, imported, prints its name.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from docx import Document as open_docx
from docx.oxml.ns import qn
from pdfminer.high_level import extract_text
from pdfminer.pdfdocument import PDFDocument
from pdfminer.pdfpage import PDFPage
from pdfminer.pdfparser import PDFParser
from pdfminer.pdftypes import resolve1
from sqlmodel import Session

from cvapp.domain.exports import service as exports
from cvapp.domain.imports.jsonresume import reader
from cvapp.domain.profiles import service as profiles
from cvapp.domain.sections import SECTIONS
from tests.domain.cv_support import forget_exports, make_cv, make_user  # noqa: F401

JAPANESE = Path(__file__).resolve().parents[1] / "fixtures" / "jsonresume_real" / "japanese.json"
NAMES = {
    "Japanese": "山田 太郎",
    "Korean": "김민준",
    "Chinese": "王小明",
    "Arabic": "محمد علي",
    "Hebrew": "דוד לוי",
    "Cyrillic": "Дмитрий Иванов",
    "Greek": "Γιώργος Παπαδόπουλος",
    "Devanagari": "अनीता शर्मा",
}


def _fonts(data: bytes) -> set[str]:
    document = PDFDocument(PDFParser(io.BytesIO(data)))
    names = set()
    for page in PDFPage.create_pages(document):
        for font in (resolve1(page.resources.get("Font")) or {}).values():
            names.add(resolve1(font).get("BaseFont").name.split("+", 1)[-1])
    return names


def _notdef_free(data: bytes) -> bool:
    """No glyph drawn as .notdef (an empty box): pdfminer reads those as "(cid:0)"."""
    return "(cid:0)" not in extract_text(io.BytesIO(data))


@pytest.mark.parametrize("script", sorted(NAMES))
def test_a_name_in_any_script_prints_in_the_pdf(session: Session, script: str) -> None:
    name = NAMES[script]
    user = make_user(session, name=name)
    profiles.update_profile(
        session, user_id=user.id, changes={"full_name": name, "summary": f"{name} 🚀 ✨"}
    )
    cv = make_cv(session, user)
    data = exports.export_cv(session, user_id=user.id, cv_id=cv.id, fmt="pdf").data
    text = extract_text(io.BytesIO(data))
    assert _notdef_free(data)
    assert name.split()[0] in text or name.split()[0][::-1] in text, text[:200]
    fonts = _fonts(data)
    assert any("Noto" in font or "DejaVu" in font for font in fonts), fonts  # a fallback drew it
    assert any("Emoji" in font for font in fonts), fonts


def test_a_japanese_json_resume_prints_its_name(session: Session) -> None:
    user = make_user(session, name="Taro")
    draft = reader.read(JAPANESE.read_bytes())
    profiles.update_profile(session, user_id=user.id, changes=draft.profile)
    for item in draft.items:
        SECTIONS[item.section].create(session, user_id=user.id, data=item.data)
    cv = make_cv(session, user)
    pdf = exports.export_cv(session, user_id=user.id, cv_id=cv.id, fmt="pdf").data
    text = extract_text(io.BytesIO(pdf))
    assert "山田 太郎" in text and "株式会社メルカリ" in text and _notdef_free(pdf)
    assert any("CJK" in font for font in _fonts(pdf))
    docx = open_docx(
        io.BytesIO(exports.export_cv(session, user_id=user.id, cv_id=cv.id, fmt="docx").data)
    )
    assert any("山田 太郎" in p.text for p in docx.paragraphs)
    fonts = docx.styles["Normal"].element.rPr.rFonts
    assert fonts.get(qn("w:eastAsia")) == "Noto Sans CJK JP" and fonts.get(qn("w:cs"))
    assert json.loads(JAPANESE.read_text())["basics"]["name"] == "山田 太郎"
