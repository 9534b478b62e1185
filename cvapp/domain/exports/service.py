"""Exporting a CV version: one entry point per output, each leak-checked, PDFs cached.

For the UI and the API alike::

    with session_scope() as session:
        out = exports_service.export_cv(session, user_id=uid, cv_id=cv_id, fmt="pdf")
        out.data, out.filename, out.content_type, out.dropped
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from sqlmodel import Session

from cvapp.domain.cvs.design import CvDesign, design_of
from cvapp.domain.cvs.service import get_cv_row
from cvapp.domain.exports import pdf, pdftext, store
from cvapp.domain.exports.catalog import get_template
from cvapp.domain.exports.document import build_document
from cvapp.domain.exports.docx import docx_text, render_docx
from cvapp.domain.exports.fit import Dropped, fit_one_page
from cvapp.domain.exports.formats import FORMATS, FormatInfo, get_format
from cvapp.domain.exports.html import render_html
from cvapp.domain.exports.jsonresume import build_resume
from cvapp.domain.exports.leaks import LeakScanner
from cvapp.domain.exports.markdown import render_markdown
from cvapp.domain.exports.native import build_native
from cvapp.domain.exports.resolve import ResolvedCv, resolve
from cvapp.domain.exports.styles import density, templates_fingerprint
from cvapp.domain.profiles.lookup import get_or_create_profile
from cvapp.domain.profiles.views import build_view
from cvapp.errors import ValidationFailed
from cvapp.models import CvVersion

# Part of every export's cache key: bump it when the same content renders differently (the
# one-page fit of /2 tightens before it leaves anything out).
ENGINE = "weasyprint-70/2"
Progress = Callable[[int], None]


@dataclass
class ExportFile:
    """An export's bytes and how to serve them; ``digest`` doubles as the ETag."""

    data: bytes
    format: FormatInfo
    filename: str
    digest: str
    cached: bool = False
    pages: int | None = None
    dropped: list[Dropped] = field(default_factory=list)
    level: int = 0  # the density level a one-page fit tightened to (0: as designed)

    @property
    def content_type(self) -> str:
        return self.format.content_type


@dataclass
class Source:
    """What every format is made from: the row, the owner's master, the resolved CV."""

    cv: CvVersion
    resolved: ResolvedCv
    scanner: LeakScanner
    native: Callable[[], dict[str, Any]] | None = None


def load_source(session: Session, *, cv: CvVersion, public: bool = False) -> Source:
    """Read the master once and resolve ``cv`` (``public``: no contact details)."""
    row = get_or_create_profile(session, user_id=cv.user_id)
    profile = build_view(session, profile=row)
    resolved = resolve(cv, profile, public=public, photo_key=row.photo_key)
    return Source(
        cv=cv,
        resolved=resolved,
        scanner=LeakScanner(profile.projects),
        native=lambda: build_native(cv, profile, resolved),
    )


def export_cv(
    session: Session, *, user_id: str, cv_id: str, fmt: str, progress: Progress | None = None
) -> ExportFile:
    """The caller's CV version in ``fmt`` (pdf, json, jsonresume, markdown, docx, html)."""
    info = get_format(fmt)
    cv = get_cv_row(session, user_id=user_id, cv_id=cv_id)
    at_rest = rest_key(session, cv) if info.key == "pdf" else None
    known = store.recall("pdf-at-rest", at_rest) if at_rest is not None else None
    if known is not None and (hit := store.lookup("pdf", known["digest"])) is not None:
        dropped = [Dropped(**d) for d in hit.meta.get("dropped", [])]
        return ExportFile(
            hit.data, info, known["filename"], known["digest"], True, hit.meta.get("pages"), dropped
        )
    source = load_source(session, cv=cv)
    if progress:
        progress(20)
    file = export_source(source, fmt=info.key, progress=progress)
    if at_rest is not None:
        # The owner's id in the entry: erasing an account finds it (``account.traces``).
        known = {"user_id": cv.user_id, "digest": file.digest, "filename": file.filename}
        store.remember("pdf-at-rest", at_rest, known)
    return file


def rest_key(session: Session, cv: CvVersion) -> str:
    """The PDF of a CV at rest is named by what an edit changes (the CV's version and its
    master's ``updated_at``, which every profile change moves) and by the templates and
    engine: a download of an unchanged CV skips reading the master and rendering the HTML."""
    profile = get_or_create_profile(session, user_id=cv.user_id)
    return store.digest(
        "pdf-at-rest", ENGINE, templates_fingerprint(), cv.id, str(cv.version),
        profile.updated_at.isoformat(),
    )  # fmt: skip


def export_source(source: Source, *, fmt: str, progress: Progress | None = None) -> ExportFile:
    """``source`` in ``fmt``, leak-checked."""
    info = FORMATS[fmt]
    if fmt == "pdf":
        return export_pdf(source, progress=progress)
    resolved = source.resolved
    model = resolved.model_dump(mode="json")
    data: bytes
    text: str
    if fmt == "json":
        native = source.native() if source.native else {"resolved": model}
        model = native
        text = json.dumps(native, ensure_ascii=False, indent=2)
        data = text.encode()
    elif fmt == "jsonresume":
        modified = (
            source.cv.updated_at.strftime("%Y-%m-%dT%H:%M:%S") if source.cv.updated_at else None
        )
        text = json.dumps(
            build_resume(resolved, last_modified=modified), ensure_ascii=False, indent=2
        )
        data = text.encode()
    elif fmt == "markdown":
        text = render_markdown(build_document(resolved))
        data = text.encode()
    elif fmt == "html":
        text = render_html(build_document(resolved), standalone=True)
        data = text.encode()
    else:
        data = render_docx(build_document(resolved))
        text = docx_text(data)
    source.scanner.check(text, source=model, output=info.label)
    digest = store.digest(fmt, ENGINE, templates_fingerprint(), json.dumps(model, sort_keys=True))
    return ExportFile(data=data, format=info, filename=filename(resolved, info), digest=digest)


def export_pdf(source: Source, *, progress: Progress | None = None) -> ExportFile:
    """The PDF: from the cache when this exact content was rendered before."""
    resolved = source.resolved
    template = get_template(resolved.template)
    one_page = resolved.one_page or template.one_page
    design = design_of(resolved.design)
    html = render_html(build_document(resolved))
    digest = store.digest(
        "pdf", ENGINE, templates_fingerprint(), resolved.page_size, str(one_page), html,
        design.model_dump_json(exclude_none=True),
    )  # fmt: skip
    info = FORMATS["pdf"]
    name = filename(resolved, info)
    hit = store.lookup("pdf", digest)
    if hit is not None:
        dropped = [Dropped(**d) for d in hit.meta.get("dropped", [])]
        pages, level = hit.meta.get("pages"), int(hit.meta.get("level", 0))
        return ExportFile(hit.data, info, name, digest, True, pages, dropped, level)
    render = _layout_for(template, resolved.page_size, design)
    if one_page:
        fitted = fit_one_page(resolved, render)
        laid_out, dropped, checked = fitted.laid_out, fitted.dropped, fitted.cv
        level = fitted.level
    else:
        laid_out, dropped, checked = (
            pdf.layout(html, template=template, page_size=resolved.page_size, design=design),
            [],
            resolved,
        )
        level = 0
    if progress:
        progress(70)
    data = laid_out.write()
    if source.scanner:  # only profiles with anonymized projects have terms to look for
        final_html = render_html(build_document(checked)) if one_page else html
        text = final_html + "\n" + pdftext.pdf_text(data)
        source.scanner.check(text, source=checked.model_dump(mode="json"), output="PDF")
    meta = {"pages": laid_out.pages, "dropped": [d.__dict__ for d in dropped], "level": level}
    key = store.storage_key(source.cv.user_id, digest, info.extension)
    store.save("pdf", digest, key=key, data=data, content_type=info.content_type, meta=meta)
    if progress:
        progress(90)
    return ExportFile(data, info, name, digest, False, laid_out.pages, dropped, level)


@dataclass(frozen=True)
class PageFit:
    """How a CV's PDF came out: its pages and, for a one-page CV, what the fit changed (the
    density level and font size it tightened to, the items it left out, least relevant
    first)."""

    digest: str
    pages: int
    one_page: bool
    level: int
    font_pt: float
    template_font_pt: float
    dropped: list[Dropped]


def page_fit(session: Session, *, user_id: str, cv_id: str) -> PageFit:
    """How the caller's CV lays out (its PDF rendered, or taken from the cache)."""
    cv = get_cv_row(session, user_id=user_id, cv_id=cv_id)
    source = load_source(session, cv=cv)
    file = export_pdf(source)
    template = get_template(source.resolved.template)
    design = design_of(source.resolved.design)
    return PageFit(
        digest=file.digest,
        pages=file.pages or pdftext.page_count(file.data),
        one_page=source.resolved.one_page or template.one_page,
        level=file.level,
        font_pt=density(template, file.level, design).font_pt,
        template_font_pt=design.size_pt or template.font_pt,
        dropped=file.dropped,
    )


def _layout_for(
    template: Any, page_size: str, design: CvDesign
) -> Callable[[ResolvedCv, int], Any]:
    def render(cv: ResolvedCv, level: int) -> Any:
        html = render_html(build_document(cv))
        return pdf.layout(html, template=template, page_size=page_size, level=level, design=design)

    return render


@dataclass
class Preview:
    png: bytes
    page: int
    pages: int
    digest: str


PREVIEW_WIDTHS = (320, 640, 960, 1280)


def preview_png(
    session: Session, *, user_id: str, cv_id: str, page: int = 1, width: int = 640
) -> Preview:
    """Page ``page`` of the CV's PDF as a PNG (both cached by content)."""
    if width not in PREVIEW_WIDTHS:
        raise ValidationFailed.field("width", f"Use one of {', '.join(map(str, PREVIEW_WIDTHS))}")
    document = export_cv(session, user_id=user_id, cv_id=cv_id, fmt="pdf")
    pages = document.pages or pdftext.page_count(document.data)
    if not 1 <= page <= pages:
        raise ValidationFailed.field("page", f"The CV has {pages} page(s)")
    digest = store.digest("png", document.digest, str(page), str(width))
    hit = store.lookup("png", digest)
    if hit is not None:
        return Preview(hit.data, page, pages, digest)
    png = pdftext.page_png(document.data, page=page, width=width)
    key = store.storage_key(user_id, digest, "png")
    store.save("png", digest, key=key, data=png, content_type="image/png")
    return Preview(png, page, pages, digest)


def filename(resolved: ResolvedCv, info: FormatInfo) -> str:
    """``Ann-Example-Backend-Engineer-CV.pdf``: the person and the role the CV shows
    (anonymized), never the version's name, which is the owner's private label ("Acme —
    backend role") and would reach whoever downloads a shared or public PDF."""
    basics = resolved.basics
    role = resolved.title()
    words = re.findall(r"[^\W_]+", f"{basics.get('full_name') or ''} {role}")
    stem = "-".join(words)[:90].strip("-")
    return f"{stem}-CV.{info.extension}" if stem else f"CV.{info.extension}"


def ascii_filename(name: str) -> str:
    """``name`` for the plain ``filename=`` of a download (``filename*`` keeps the real one):
    accents dropped, other scripts left out."""
    stem, _, extension = name.rpartition(".")
    ascii_only = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode()
    plain = re.sub(r"[^A-Za-z0-9]+", "-", ascii_only).strip("-") or "CV"
    return f"{plain}.{extension}"


def with_filename(file: ExportFile, name: str) -> ExportFile:
    return replace(file, filename=f"{name}.{file.format.extension}")
