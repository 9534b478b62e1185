"""Template thumbnails for the picker, drawn by rendering a sample CV with each template.

Generated on first request and kept in storage (keyed by the templates' fingerprint, so an
edited template gets a new thumbnail) and in the process.
"""

from __future__ import annotations

import threading

from cvapp.domain.exports import pdf, pdftext
from cvapp.domain.exports.catalog import get_template
from cvapp.domain.exports.document import build_document
from cvapp.domain.exports.html import render_html
from cvapp.domain.exports.sample import sample_cv
from cvapp.domain.exports.styles import templates_fingerprint
from cvapp.storage import get_storage

WIDTH = 360
_memory: dict[str, bytes] = {}
_lock = threading.Lock()


def thumbnail_key(template: str) -> str:
    return f"thumbnails/{template}-{templates_fingerprint()}-{WIDTH}.png"


def thumbnail_png(template: str) -> bytes:
    """The first page of the sample CV in ``template``, as a PNG."""
    info = get_template(template)
    key = thumbnail_key(info.key)
    with _lock:
        if key in _memory:
            return _memory[key]
    storage = get_storage()
    png = storage.get(key)
    if png is None:
        html = render_html(build_document(sample_cv(template=info.key)))
        data = pdf.render_pdf(html, template=info, page_size=info.page_size)
        png = pdftext.page_png(data, page=1, width=WIDTH)
        storage.put(key, png, "image/png")
    with _lock:
        _memory[key] = png
    return png


def forget() -> None:
    """Drop the in-process copies (tests)."""
    with _lock:
        _memory.clear()
