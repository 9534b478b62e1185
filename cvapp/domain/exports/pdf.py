"""WeasyPrint rendering with everything reusable kept between renders.

The font configuration and parsed stylesheets (fonts, shared rules, each template's CSS,
page options) live for the process: a render only parses the HTML and lays it out.
WeasyPrint is not thread-safe, so renders are serialized.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration

from cvapp.domain.exports.catalog import TEMPLATES_DIR, Template
from cvapp.domain.exports.styles import options_css, stylesheet_paths

_lock = threading.RLock()
_BASE_URL = str(TEMPLATES_DIR) + "/"


@lru_cache(maxsize=1)
def font_config() -> FontConfiguration:
    return FontConfiguration()


@cache
def _file_css(path: Path) -> CSS:
    return CSS(filename=str(path), font_config=font_config())


@lru_cache(maxsize=128)
def _options_css(css: str) -> CSS:
    return CSS(string=css, base_url=_BASE_URL, font_config=font_config())


def stylesheets(template: Template, page_size: str, level: int) -> list[CSS]:
    files = [_file_css(path) for path in stylesheet_paths(template)]
    return [*files, _options_css(options_css(template, page_size, level))]


@dataclass(frozen=True)
class LaidOut:
    """A laid-out document: its page count, and the PDF bytes on demand."""

    document: object
    pages: int

    def write(self) -> bytes:
        with _lock:
            return bytes(self.document.write_pdf())  # type: ignore[attr-defined]


def layout(html: str, *, template: Template, page_size: str, level: int = 0) -> LaidOut:
    """Lay ``html`` out with the template's stylesheets at density ``level``."""
    with _lock:
        document = HTML(string=html, base_url=_BASE_URL).render(
            stylesheets=stylesheets(template, page_size, level), font_config=font_config()
        )
    return LaidOut(document=document, pages=len(document.pages))


def render_pdf(html: str, *, template: Template, page_size: str, level: int = 0) -> bytes:
    """The PDF of ``html`` in one go."""
    return layout(html, template=template, page_size=page_size, level=level).write()


def warm_up() -> None:
    """Parse every template's stylesheets and lay out a tiny page (call once at start-up,
    so the first real render does not pay for it)."""
    from cvapp.domain.exports.catalog import TEMPLATES

    for template in TEMPLATES.values():
        stylesheets(template, "A4", 0)
    first = next(iter(TEMPLATES.values()))
    layout("<p>cvapp</p>", template=first, page_size="A4").write()
