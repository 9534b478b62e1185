"""The pages behind share links: the CV as sent to one recipient, and its PDF."""

from __future__ import annotations

from sqlmodel import Session

from cvapp.domain.applications.links import note_opened
from cvapp.domain.exports import service as exports
from cvapp.domain.exports.document import build_document
from cvapp.domain.exports.formats import FORMATS
from cvapp.domain.exports.html import environment, render_html
from cvapp.domain.public.share_links import SHARE_PATH, count, open_share_link


def share_page(session: Session, *, token: str) -> str:
    """The shared CV as a standalone, non-indexed page; counts one view."""
    link, cv = open_share_link(session, token=token)
    source = exports.load_source(session, cv=cv)
    doc = build_document(source.resolved)
    banner = (
        environment()
        .get_template("public/bar.html")
        .render(
            doc=doc,
            pdf_url=SHARE_PATH.format(token=token) + "/cv.pdf",
            pdf_name=exports.filename(source.resolved, FORMATS["pdf"]),
        )
    )
    html = render_html(doc, standalone=True, banner=banner, noindex=True)
    source.scanner.check(html, source=source.resolved.model_dump(mode="json"), output="page")
    count(session, link_id=link.id)
    note_opened(session, link=link, download=False)
    return html


def share_pdf(session: Session, *, token: str) -> exports.ExportFile:
    """The shared CV's PDF; counts one download."""
    link, cv = open_share_link(session, token=token)
    file = exports.export_pdf(exports.load_source(session, cv=cv))
    count(session, link_id=link.id, download=True)
    note_opened(session, link=link, download=True)
    return file
