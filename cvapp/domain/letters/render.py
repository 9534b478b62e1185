"""A letter's outputs: HTML with a letterhead in the chosen CV's template, PDF, DOCX,
Markdown, and "letter + CV" as one PDF.

The letterhead is the CV's head (name, headline, contacts) resolved and anonymized exactly
as the CV's own exports are; the letter's words go through the same masking (a hidden
client's name becomes its alias) and every output passes the leak check before it leaves.
Without a CV the profile is shown in the Classic template.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any

from babel.dates import format_date
from sqlmodel import Session

from cvapp.domain.anonymize.service import anonymize, masker_for
from cvapp.domain.cvs.service import get_cv_row
from cvapp.domain.exports import docx, markdown, pdf, pdftext
from cvapp.domain.exports import service as exports
from cvapp.domain.exports.catalog import TEMPLATES_DIR, get_template
from cvapp.domain.exports.document import Document, build_document
from cvapp.domain.exports.html import environment
from cvapp.domain.exports.leaks import LeakScanner
from cvapp.domain.exports.resolve import ResolvedCv, resolve
from cvapp.domain.letters import service
from cvapp.domain.letters.schemas import ExportFormat
from cvapp.domain.profiles.lookup import get_or_create_profile
from cvapp.domain.profiles.views import build_view
from cvapp.errors import ValidationFailed
from cvapp.models import Application, CoverLetter, CvVersion

LETTER_CSS = TEMPLATES_DIR / "letter" / "letter.css"
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "md": "text/markdown; charset=utf-8",
}


@dataclass
class LetterText:
    """The letter's words as they are printed (anonymized)."""

    date: str
    recipient: str = ""
    subject: str = ""
    greeting: str = ""
    body: str = ""
    closing: str = ""
    recipient_lines: list[str] = field(default_factory=list)


@dataclass
class LetterSource:
    """Everything an output of the letter is made from."""

    row: CoverLetter
    cv: ResolvedCv
    head: Document
    letter: LetterText
    scanner: LeakScanner
    cv_row: CvVersion | None


@dataclass
class LetterFile:
    data: bytes
    filename: str
    content_type: str
    pages: int | None = None


@lru_cache(maxsize=1)
def _letter_css() -> str:
    return LETTER_CSS.read_text()


def load(session: Session, *, user_id: str, letter_id: str) -> LetterSource:
    """The caller's letter with its letterhead, anonymized."""
    row = service.get_row(session, user_id=user_id, letter_id=letter_id)
    profile = build_view(session, profile=get_or_create_profile(session, user_id=user_id))
    cv_row = get_cv_row(session, user_id=user_id, cv_id=row.cv_id) if row.cv_id else None
    # Without a CV: the profile's head in the default template (an unsaved CV, never stored).
    shown = cv_row or CvVersion(
        user_id=user_id, profile_id=profile.id, name=row.title, locale=row.language
    )
    resolved = resolve(shown, profile, public=False)
    application = session.get(Application, row.application_id) if row.application_id else None
    subject = f"{application.role} – {application.company}" if application else ""
    masker = masker_for(profile.projects)
    text = LetterText(
        date=format_date(datetime.now(UTC).date(), format="long", locale=_locale(row.language)),
        recipient=row.recipient or "",
        subject=subject,
        greeting=row.greeting or "",
        body=row.body or "",
        closing=row.closing or "",
    )
    text = LetterText(**anonymize(text.__dict__, masker=masker))
    text.recipient_lines = [line.strip() for line in text.recipient.splitlines() if line.strip()]
    return LetterSource(
        row=row,
        cv=resolved,
        head=build_document(resolved.model_copy(update={"sections": []})),
        letter=text,
        scanner=LeakScanner(profile.projects),
        cv_row=cv_row,
    )


def _locale(language: str) -> str:
    return language.replace("-", "_") or "en"


def render_letter_html(source: LetterSource) -> str:
    """The letter's HTML (for the PDF renderer): the CV template's head and stylesheet."""
    template = environment().get_template("letter/letter.html")
    html = template.render(
        doc=source.head, letter=source.letter, letter_css=_letter_css(), inline_css=None
    )
    _check(source, html, "letter")
    return html


def layout_letter(source: LetterSource) -> pdf.LaidOut:
    """The letter laid out with its CV's template and design (colour, fonts, size, margins,
    header and photo): the one place its stylesheets are chosen."""
    template = get_template(source.cv.template)
    return pdf.layout(
        render_letter_html(source),
        template=template,
        page_size=source.cv.page_size,
        design=source.head.design,
    )


def export_letter(
    session: Session, *, user_id: str, letter_id: str, fmt: ExportFormat
) -> LetterFile:
    """The letter as ``fmt`` (pdf, docx, md), leak-checked."""
    source = load(session, user_id=user_id, letter_id=letter_id)
    name = filename(source, fmt)
    if fmt == "pdf":
        laid_out = layout_letter(source)
        data = laid_out.write()
        _check(source, pdftext.pdf_text(data), "PDF")
        return LetterFile(data, name, CONTENT_TYPES[fmt], laid_out.pages)
    if fmt == "docx":
        data = render_docx(source)
        _check(source, docx.docx_text(data), "DOCX")
        return LetterFile(data, name, CONTENT_TYPES[fmt])
    if fmt == "md":
        text = render_markdown(source)
        _check(source, text, "Markdown")
        return LetterFile(text.encode(), name, CONTENT_TYPES[fmt])
    raise ValidationFailed.field("format", "Use one of pdf, docx, md")


def export_bundle(session: Session, *, user_id: str, letter_id: str) -> LetterFile:
    """The letter followed by its CV, as one PDF: the CV's pages are its own PDF export's
    (template, design, one-page fit, leak check and cache included)."""
    source = load(session, user_id=user_id, letter_id=letter_id)
    if source.cv_row is None:
        raise ValidationFailed.field("cv_id", "Choose the CV to send with this letter first")
    letter = layout_letter(source)
    letter_pdf = letter.write()
    cv = exports.export_cv(session, user_id=user_id, cv_id=source.cv_row.id, fmt="pdf")
    data = pdftext.concatenate(letter_pdf, cv.data)
    _check(source, pdftext.pdf_text(data), "PDF")
    stem = filename(source, "pdf").removesuffix(".pdf").replace("Cover-Letter", "Letter-and-CV")
    pages = letter.pages + (cv.pages or pdftext.page_count(cv.data))
    return LetterFile(data, f"{stem}.pdf", CONTENT_TYPES["pdf"], pages)


def render_markdown(source: LetterSource) -> str:
    text, head = source.letter, source.head
    lines = markdown.head_lines(head)
    lines += [markdown.escape(text.date), ""]
    if text.recipient_lines:
        lines += ["\\\n".join(markdown.escape(line) for line in text.recipient_lines), ""]
    if text.subject:
        lines += [f"**{markdown.escape(text.subject)}**", ""]
    if text.greeting:
        lines += [markdown.escape(text.greeting), ""]
    lines += [*markdown.escaped_paragraphs(text.body), ""]
    if text.closing:
        lines += [markdown.escape(text.closing), ""]
    lines += [markdown.escape(head.name)]
    return "\n".join(lines).rstrip() + "\n"


def render_docx(source: LetterSource) -> bytes:
    head = docx.xml_safe(source.head)
    text = docx.xml_safe(source.letter)
    word: Any = docx.start_docx(head)
    word.add_paragraph(text.date)
    if text.recipient_lines:
        docx.add_paragraphs(word, "\n".join(text.recipient_lines))
    if text.subject:
        word.add_paragraph().add_run(text.subject).bold = True
    if text.greeting:
        word.add_paragraph(text.greeting)
    docx.add_paragraphs(word, text.body)
    if text.closing:
        word.add_paragraph(text.closing)
    word.add_paragraph(head.name)
    return docx.docx_bytes(word)


def filename(source: LetterSource, extension: str) -> str:
    """``Ann-Example-Cover-Letter-Acme.pdf``: the person and, when known, the company."""
    company = source.letter.subject.rpartition(" – ")[2] if source.letter.subject else ""
    words = re.findall(r"[^\W_]+", f"{source.head.name} Cover Letter {company}")
    return f"{'-'.join(words)[:100].strip('-') or 'Cover-Letter'}.{extension}"


def _check(source: LetterSource, text: str, output: str) -> None:
    if source.scanner:
        model = {"letter": source.letter.__dict__, "cv": source.cv.model_dump(mode="json")}
        source.scanner.check(text, source=model, output=output)
