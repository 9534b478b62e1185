"""WeasyPrint rendering with everything reusable kept between renders.

The font configuration and parsed stylesheets (fonts, shared rules, each template's CSS,
page options) live for the process: a render only parses the HTML and lays it out.
Our templates are well-formed XML, so the HTML is parsed with expat (C) instead of the
pure-Python HTML5 parser; anything else (say a control character in a user's text) falls
back to the HTML5 parser. The cyclic garbage collector is held off while a render runs: a
render builds tens of thousands of short-lived objects and the collector would otherwise
walk them (and every long-lived object of the app) several times per render.
WeasyPrint is not thread-safe, so renders are serialized.

The figures behind each choice are in bench/pdf.py and the report of issue #5.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache, lru_cache
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import cssselect2  # type: ignore[import-untyped]
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher

from cvapp.domain.exports.catalog import TEMPLATES_DIR, Template
from cvapp.domain.exports.styles import UA_CSS, options_css, stylesheet_paths

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


@cache
def _url_fetcher() -> URLFetcher:
    """One fetcher for every render (they run one at a time): building one costs ~0.2 ms."""
    return URLFetcher()


@cache
def _ua_css() -> CSS:
    return CSS(filename=str(UA_CSS))


class _CvHTML(HTML):  # type: ignore[misc]
    """An HTML document with our lean user-agent stylesheet instead of WeasyPrint's."""

    def _ua_stylesheets(self, forms: bool = False) -> list[CSS]:
        return [_ua_css()]


@contextmanager
def _rendering() -> Iterator[None]:
    """One render at a time, with the cyclic garbage collector held off meanwhile."""
    with _lock:
        enabled = gc.isenabled()
        gc.disable()
        try:
            yield
        finally:
            if enabled:
                gc.enable()


def xml_root(html: str) -> ElementTree.Element | None:
    """The element tree of ``html`` parsed as XML (fast, in C), or None when it is not
    well-formed XML. Our templates are; a user's text with a control character is not."""
    # Expat wants an upper-case DOCTYPE; the tree has no doctype anyway.
    body = html[15:] if html[:15].lower() == "<!doctype html>" else html
    try:
        root = ElementTree.fromstring(body)
    except ElementTree.ParseError:
        return None
    return root if root.tag == "html" else None  # a fragment: the HTML5 parser completes it


def parse_html(html: str) -> HTML:
    """``html`` as a WeasyPrint document: parsed as XML when it is well-formed, else by
    WeasyPrint's HTML5 parser."""
    root = xml_root(html)
    if root is None:
        return _CvHTML(string=html, base_url=_BASE_URL)
    # What HTML.__init__ sets after parsing, with the same element tree types.
    document = _CvHTML.__new__(_CvHTML)
    document.base_url = _BASE_URL
    document.url_fetcher = _url_fetcher()
    document.media_type = "print"
    document.wrapper_element = cssselect2.ElementWrapper.from_html_root(root)
    document.etree_element = root
    return document


_MM_PER_PX = 25.4 / 96


def _content_bottom(box: Any) -> float | None:
    """The lowest edge of any line, image or empty block drawn inside ``box`` (CSS px)."""
    children = getattr(box, "children", None)
    if not children or type(box).__name__ == "LineBox":
        height = getattr(box, "height", None)
        return box.position_y + box.margin_height() if height else None
    bottoms = [b for b in map(_content_bottom, children) if b is not None]
    return max(bottoms, default=None)


class LaidOut:
    """A laid-out document: its page count, and the PDF bytes on demand (once)."""

    def __init__(self, document: Any) -> None:
        self._document = document
        self.pages: int = len(document.pages)

    def blank_mm(self) -> list[float]:
        """The blank height at the bottom of each page's content area, in mm: before a page
        break it is what the break left unused; on the last page, the room left."""
        if self._document is None:
            raise RuntimeError("This layout was already written")
        blanks = []
        for page in self._document.pages:
            box = page._page_box
            bottom = box.content_box_y() + box.height
            drawn = _content_bottom(box)
            used = bottom - (drawn if drawn is not None else box.content_box_y())
            blanks.append(round(max(0.0, used) * _MM_PER_PX, 1))
        return blanks

    def write(self) -> bytes:
        """The PDF; the layout is released afterwards (its memory is large)."""
        if self._document is None:
            raise RuntimeError("This layout was already written")
        with _rendering():
            data = bytes(self._document.write_pdf())
            self._document = None
        return data


def layout(html: str, *, template: Template, page_size: str, level: int = 0) -> LaidOut:
    """Lay ``html`` out with the template's stylesheets at density ``level``."""
    sheets = stylesheets(template, page_size, level)
    with _rendering():
        document = parse_html(html).render(stylesheets=sheets, font_config=font_config())
        return LaidOut(document)


def render_pdf(html: str, *, template: Template, page_size: str, level: int = 0) -> bytes:
    """The PDF of ``html`` in one go."""
    return layout(html, template=template, page_size=page_size, level=level).write()


def warm_up() -> None:
    """Parse every template's stylesheets and lay out a tiny page (call once at start-up,
    so the first real render does not pay for it)."""
    from cvapp.domain.exports.catalog import TEMPLATES

    _ua_css()
    for template in TEMPLATES.values():
        stylesheets(template, "A4", 0)
    first = next(iter(TEMPLATES.values()))
    layout("<p>cvapp</p>", template=first, page_size="A4").write()
