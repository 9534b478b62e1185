"""The light markup people write in summaries and descriptions, read once for every format.

Paragraphs (a blank line), line breaks, ``- ``/``* ``/``• `` lists, ``**bold**``, ``*italic*``
and ``[text](https://…)`` links are understood; imported HTML is read the same way (``<br>``
a line break, ``<p>`` a paragraph, ``<li>`` an item, ``<b>``/``<i>`` emphasis) and any other
tag is dropped, never printed. HTML, PDF, DOCX and Markdown render the same :class:`Block` s,
so a CV looks alike in each; the text itself (JSON exports, leak checks) is left as written.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal

import nh3
from markupsafe import Markup, escape

_TAG_TO_MARK = (
    (re.compile(r"<br\s*/?>", re.I), "\n"),
    (re.compile(r"</?p\b[^>]*>", re.I), "\n\n"),
    (re.compile(r"<li\b[^>]*>", re.I), "\n- "),
    (re.compile(r"</li>|</?[uo]l\b[^>]*>", re.I), "\n"),
    (re.compile(r"</?(?:b|strong)\b[^>]*>", re.I), "**"),
    (re.compile(r"</?(?:i|em)\b[^>]*>", re.I), "*"),
)
_ANY_TAG = re.compile(r"</?[a-zA-Z][^<>]*>")
_ITEM = re.compile(r"^\s*(?:[-*•▪◦]|\d{1,2}[.)])\s+(?P<text>.*)$")
_INLINE = re.compile(
    r"\*\*(?P<bold>[^*\n]+?)\*\*"
    r"|(?<![\w*])\*(?P<italic>[^*\s][^*\n]*?)\*(?![\w*])"
    r"|\[(?P<label>[^\]\n]+)\]\((?P<url>(?:https?://|mailto:)[^)\s]+)\)"
)


@dataclass(frozen=True)
class Span:
    text: str
    bold: bool = False
    italic: bool = False
    url: str | None = None


Line = tuple[Span, ...]


@dataclass(frozen=True)
class Block:
    """A paragraph (its lines) or a list (its items, one line each)."""

    kind: Literal["paragraph", "list"]
    lines: tuple[Line, ...] = field(default_factory=tuple)


def _from_html(text: str) -> str:
    if "<" not in text:
        return text
    for pattern, mark in _TAG_TO_MARK:
        text = pattern.sub(mark, text)
    if not _ANY_TAG.search(text):
        return text
    # Any other tag goes, and with <script>/<style> what they hold; the words stay.
    return html.unescape(nh3.clean(text, tags=set()))


def spans(text: str) -> Line:
    """The inline spans of one line."""
    out: list[Span] = []
    position = 0
    for match in _INLINE.finditer(text):
        if match.start() > position:
            out.append(Span(text[position : match.start()]))
        if match.group("bold") is not None:
            out.append(Span(match.group("bold"), bold=True))
        elif match.group("italic") is not None:
            out.append(Span(match.group("italic"), italic=True))
        else:
            out.append(Span(match.group("label"), url=match.group("url")))
        position = match.end()
    if position < len(text):
        out.append(Span(text[position:]))
    return tuple(out)


@lru_cache(maxsize=4096)
def blocks(text: str | None) -> tuple[Block, ...]:
    """``text`` read as paragraphs and lists."""
    if not text or not text.strip():
        return ()
    source = _from_html(text.replace("\r\n", "\n").replace("\r", "\n"))
    result: list[Block] = []
    for chunk in re.split(r"\n\s*\n", source):
        lines = [line.strip() for line in chunk.split("\n") if line.strip()]
        paragraph: list[Line] = []
        items: list[Line] = []
        for line in lines:
            item = _ITEM.match(line)
            if item:
                if paragraph:
                    result.append(Block("paragraph", tuple(paragraph)))
                    paragraph = []
                items.append(spans(item.group("text").strip()))
            else:
                if items:
                    result.append(Block("list", tuple(items)))
                    items = []
                paragraph.append(spans(line))
        if paragraph:
            result.append(Block("paragraph", tuple(paragraph)))
        if items:
            result.append(Block("list", tuple(items)))
    return tuple(result)


def plain(text: str | None) -> str:
    """The words only: markup gone, one space between them (meta tags, search)."""
    lines = ["".join(s.text for s in line) for block in blocks(text) for line in block.lines]
    return " ".join(" ".join(lines).split())


_URL = re.compile(r"(?:https?://|www\.)[^\s<>\"]+[^\s<>\".,;:!?)]")


def unbroken_urls(text: str) -> str:
    """``text`` escaped, each web address in it cut at its slashes into unbreakable pieces: a
    line may break after a slash, never at a hyphen (which would read as hyphenation)."""
    out: list[str] = []
    position = 0
    for match in _URL.finditer(text):
        out.append(str(escape(text[position : match.start()])))
        pieces = re.findall(r"(?:\w+://)?[^/]+/*|/+", match.group(0))
        out.append("".join(f'<span class="nobr">{escape(p)}</span>' for p in pieces))
        position = match.end()
    out.append(str(escape(text[position:])))
    return "".join(out)


def _span_html(span: Span) -> str:
    inner = unbroken_urls(span.text)
    if span.bold:
        inner = f"<strong>{inner}</strong>"
    if span.italic:
        inner = f"<em>{inner}</em>"
    if span.url:
        inner = f'<a href="{escape(span.url)}">{inner}</a>'
    return inner


def _line_html(line: Line) -> str:
    return "".join(_span_html(span) for span in line)


def to_html(text: str | None, *, paragraph_class: str | None = None) -> Markup:
    """``text`` as safe HTML (every character of the user's escaped; only our tags)."""
    opening = f'<p class="{paragraph_class}">' if paragraph_class else "<p>"
    parts = []
    for block in blocks(text):
        if block.kind == "list":
            items = "".join(f"<li>{_line_html(line)}</li>" for line in block.lines)
            parts.append(f'<ul class="rich">{items}</ul>')
        else:
            parts.append(opening + "<br>".join(_line_html(line) for line in block.lines) + "</p>")
    clean = nh3.clean(
        "".join(parts),
        tags={"a", "br", "em", "li", "p", "span", "strong", "ul"},
        attributes={"a": {"href"}, "p": {"class"}, "span": {"class"}, "ul": {"class"}},
        url_schemes={"http", "https", "mailto"},
        link_rel="nofollow noopener ugc",
    )
    return Markup(clean)  # built from escaped text, then checked by nh3
