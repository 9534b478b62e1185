"""DOCX export with python-docx: real headings, paragraphs and list bullets, no layout tables."""

from __future__ import annotations

import dataclasses
import io
import re
from typing import Any, TypeVar

from docx import Document as new_docx
from docx.enum.text import WD_BREAK
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.text.paragraph import Paragraph

from cvapp.domain.cvs.design import FONTS, CvDesign
from cvapp.domain.exports import richtext
from cvapp.domain.exports.document import Document, Entry

_PAGE = {"A4": (Mm(210), Mm(297)), "Letter": (Mm(215.9), Mm(279.4))}


def render_docx(doc: Document) -> bytes:
    """The CV as a Word document."""
    doc = _xml_safe(doc)
    word = start_docx(doc)
    for part in doc.sections:
        word.add_heading(part.title, level=1)
        if part.kind == "text":
            for entry in part.entries:
                _paragraphs(word, entry.text)
        elif part.kind == "groups":
            for entry in part.entries:
                paragraph = word.add_paragraph(style="List Bullet")
                if entry.title:
                    paragraph.add_run(f"{entry.title}: ").bold = True
                paragraph.add_run(", ".join(entry.tags))
        elif part.kind == "inline":
            word.add_paragraph(" · ".join(_inline(e) for e in part.entries))
        else:
            for entry in part.entries:
                _entry(word, entry)
    return docx_bytes(word)


def start_docx(doc: Document) -> Any:
    """A Word document with the page, fonts and properties of ``doc`` and its head (name,
    headline, contacts): the start of a CV, or the letterhead of a letter."""
    word = new_docx()
    section = word.sections[0]
    section.page_width, section.page_height = _PAGE.get(doc.page_size, _PAGE["A4"])
    design = doc.design
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(design.margin_mm or 16))
    normal = word.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(design.size_pt or 10.5)
    _script_fonts(normal.element)
    _design_headings(word, design)
    # The core properties hold at most 255 characters (python-docx refuses more).
    word.core_properties.title = doc.title[:255]
    word.core_properties.author = doc.name[:255]
    word.add_heading(doc.name, level=0)
    if doc.headline:
        word.add_paragraph(doc.headline)
    if doc.contacts:
        paragraph = word.add_paragraph()
        for index, contact in enumerate(doc.contacts):
            if index:
                paragraph.add_run(" · ")
            if contact.url:
                _hyperlink(paragraph, contact.url, contact.value)
            else:
                paragraph.add_run(contact.value)
    return word


def docx_bytes(word: Any) -> bytes:
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()


def add_paragraphs(word: object, text: str) -> None:
    """``text`` (the user's light markup) as paragraphs of ``word``."""
    _paragraphs(word, text)


def xml_safe(value: T) -> T:
    """``value`` without the characters XML (hence DOCX) cannot hold."""
    return _xml_safe(value)


# What XML 1.0 cannot hold: C0 controls but tab and line breaks, U+FFFE and U+FFFF (NUL and
# lone surrogates are refused when the text is written; a control character is not).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
T = TypeVar("T")


def _xml_safe(value: T) -> T:
    """``value`` (the document or any part of it) without the characters XML cannot hold."""
    if isinstance(value, str):
        return _NOT_XML.sub("", value)  # type: ignore[return-value]
    if isinstance(value, list):
        return [_xml_safe(item) for item in value]  # type: ignore[return-value]
    if isinstance(value, dict):
        return {key: _xml_safe(item) for key, item in value.items()}  # type: ignore[return-value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {f.name: _xml_safe(getattr(value, f.name)) for f in dataclasses.fields(value)}
        return dataclasses.replace(value, **changes)
    return value


def _inline(e: Entry) -> str:
    text = e.title + (f" ({e.subtitle})" if e.subtitle else "")
    return text + (f": {', '.join(e.tags)}" if e.tags else "")


def _entry(word: object, e: Entry) -> None:
    heading: Paragraph = word.add_heading(level=2)  # type: ignore[attr-defined]
    if e.url:
        _hyperlink(heading, e.url, e.title)
    else:
        heading.add_run(e.title)
    sub = " · ".join(p for p in (e.subtitle, e.meta, e.dates) if p)
    if sub:
        word.add_paragraph().add_run(sub).italic = True  # type: ignore[attr-defined]
    _paragraphs(word, e.text)
    for bullet in e.bullets:
        word.add_paragraph(bullet, style="List Bullet")  # type: ignore[attr-defined]
    if e.tags:
        run = word.add_paragraph().add_run(" · ".join(e.tags))  # type: ignore[attr-defined]
        run.font.color.rgb = RGBColor(0x55, 0x55, 0x55)


def _paragraphs(word: object, text: str) -> None:
    """The user's light markup: paragraphs with line breaks, bullet lists, bold, italic,
    links (:mod:`~cvapp.domain.exports.richtext`)."""
    for block in richtext.blocks(text):
        if block.kind == "list":
            for line in block.lines:
                _spans(word.add_paragraph(style="List Bullet"), line)  # type: ignore[attr-defined]
            continue
        paragraph = word.add_paragraph()  # type: ignore[attr-defined]
        for index, line in enumerate(block.lines):
            if index:
                paragraph.add_run().add_break(WD_BREAK.LINE)
            _spans(paragraph, line)


def _spans(paragraph: Paragraph, line: richtext.Line) -> None:
    for span in line:
        if span.url:
            _hyperlink(paragraph, span.url, span.text)
            continue
        run = paragraph.add_run(span.text)
        run.bold = span.bold or None
        run.italic = span.italic or None


def _design_headings(word: object, design: CvDesign) -> None:
    """The design as far as Word styles go: fonts (by family name: Word uses the installed
    font or its substitute), the accent on the name and section headings."""
    styles = word.styles  # type: ignore[attr-defined]
    if design.font:
        pairing = FONTS[design.font]
        styles["Normal"].font.name = pairing.docx_body
        for name in ("Title", "Heading 1", "Heading 2"):
            styles[name].font.name = pairing.docx_head
    if design.accent:
        accent = RGBColor.from_string(design.accent.lstrip("#").upper())
        for name in ("Title", "Heading 1"):
            styles[name].font.color.rgb = accent


# Word picks a run's font by script: Latin from ``w:ascii``, Chinese, Japanese and Korean from
# ``w:eastAsia``, Arabic, Hebrew and Indic scripts from ``w:cs``. Calibri alone has none of
# them; these are the Noto fonts the PDF uses, and Word substitutes its own where they are
# missing, instead of empty boxes.
_SCRIPT_FONTS = {"w:eastAsia": "Noto Sans CJK JP", "w:cs": "Noto Sans"}


def _script_fonts(style: object) -> None:
    fonts = style.get_or_add_rPr().get_or_add_rFonts()  # type: ignore[attr-defined]
    for attribute, family in _SCRIPT_FONTS.items():
        fonts.set(qn(attribute), family)


def _hyperlink(paragraph: Paragraph, url: str, text: str) -> None:
    """A clickable link run (python-docx has no public API for hyperlinks)."""
    part = paragraph.part
    rel_id = part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), rel_id)
    run = OxmlElement("w:r")
    props = OxmlElement("w:rPr")
    style = OxmlElement("w:rStyle")
    style.set(qn("w:val"), "Hyperlink")
    props.append(style)
    color = OxmlElement("w:color")
    color.set(qn("w:val"), "1F3A5F")
    props.append(color)
    run.append(props)
    node = OxmlElement("w:t")
    node.text = text
    node.set(qn("xml:space"), "preserve")
    run.append(node)
    link.append(run)
    paragraph._p.append(link)


def docx_text(data: bytes) -> str:
    """Every text of a DOCX (paragraphs and link texts), for the leak check and tests."""
    word = new_docx(io.BytesIO(data))
    body = word.element.body
    texts = [node.text or "" for node in body.iter(qn("w:t"))]
    props = word.core_properties
    return "\n".join([props.title or "", props.author or "", *texts])
