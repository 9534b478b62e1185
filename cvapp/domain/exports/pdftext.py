"""Reading PDFs back with pypdfium2: text for the leak check, page images for previews; and
PDFs put one after the other (a cover letter and its CV)."""

from __future__ import annotations

import io
import threading

import pypdfium2 as pdfium

_lock = threading.Lock()  # PDFium is not thread-safe


def pdf_text(data: bytes) -> str:
    """The text of every page and the document's title and author."""
    with _lock:
        document = pdfium.PdfDocument(data)
        try:
            meta = document.get_metadata_dict()
            pages = [page.get_textpage().get_text_range() for page in document]
        finally:
            document.close()
    return "\n".join([meta.get("Title", ""), meta.get("Author", ""), *pages])


def page_count(data: bytes) -> int:
    with _lock:
        document = pdfium.PdfDocument(data)
        try:
            return len(document)
        finally:
            document.close()


def page_png(data: bytes, *, page: int, width: int) -> bytes:
    """Page ``page`` (1-based) as a PNG ``width`` pixels wide."""
    with _lock:
        document = pdfium.PdfDocument(data)
        try:
            pdf_page = document[page - 1]
            scale = width / pdf_page.get_width()
            image = pdf_page.render(scale=scale).to_pil()
        finally:
            document.close()
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=False, compress_level=3)
    return buffer.getvalue()


def concatenate(*documents: bytes) -> bytes:
    """One PDF with the pages of ``documents`` in order."""
    with _lock:
        opened = [pdfium.PdfDocument(data) for data in documents]
        try:
            merged = pdfium.PdfDocument.new()
            for document in opened:
                merged.import_pages(document)
            buffer = io.BytesIO()
            merged.save(buffer)
            merged.close()
        finally:
            for document in opened:
                document.close()
    return buffer.getvalue()
