"""Markdown export: the same document as the PDF, as plain text with light markup."""

from __future__ import annotations

import re

from cvapp.domain.exports import richtext
from cvapp.domain.exports.document import Document, Entry, Section

_SPECIAL = re.compile(r"([\\`*_\[\]<>|])")


def _esc(text: str) -> str:
    return _esc_start(_SPECIAL.sub(r"\\\1", text.strip()))


def _esc_start(escaped: str) -> str:
    """A line that Markdown would read as a heading or a list item, escaped."""
    return "\\" + escaped if escaped[:1] in "#+-" and escaped[1:2] in (" ", "#", "") else escaped


def render_markdown(doc: Document) -> str:
    """The CV as Markdown: headings, paragraphs, bullets and links."""
    lines = head_lines(doc)
    for section in doc.sections:
        lines += [f"## {_esc(section.title)}", ""]
        lines += _section(section)
    return "\n".join(lines).rstrip() + "\n"


def head_lines(doc: Document) -> list[str]:
    """The name, headline and contacts (a CV's head, a letter's letterhead)."""
    lines = [f"# {_esc(doc.name)}", ""]
    if doc.headline:
        lines += [f"**{_esc(doc.headline)}**", ""]
    if doc.contacts:
        parts = [f"[{_esc(c.value)}]({c.url})" if c.url else _esc(c.value) for c in doc.contacts]
        lines += [" · ".join(parts), ""]
    return lines


def escaped_paragraphs(text: str) -> list[str]:
    """``text`` (the user's light markup) as Markdown lines."""
    return _paragraphs(text)


def escape(text: str) -> str:
    return _esc(text)


def _section(section: Section) -> list[str]:
    if section.kind == "text":
        return [line for e in section.entries for line in (*_paragraphs(e.text), "")]
    if section.kind == "groups":
        lines = [
            f"- **{_esc(e.title)}:** {_esc(', '.join(e.tags))}" if e.title
            else f"- {_esc(', '.join(e.tags))}"
            for e in section.entries
        ]  # fmt: skip
        return [*lines, ""]
    if section.kind == "inline":
        parts = [
            _esc(e.title)
            + (f" ({_esc(e.subtitle)})" if e.subtitle else "")
            + (f": {_esc(', '.join(e.tags))}" if e.tags else "")
            for e in section.entries
        ]
        return [" · ".join(parts), ""]
    return [line for e in section.entries for line in _entry(e)]


def _entry(e: Entry) -> list[str]:
    title = f"[{_esc(e.title)}]({e.url})" if e.url else _esc(e.title)
    lines = [f"### {title}"]
    sub = " · ".join(_esc(p) for p in (e.subtitle, e.meta, e.dates) if p)
    if sub:
        lines.append(f"*{sub}*")
    lines.append("")
    if e.text:
        lines += [*_paragraphs(e.text), ""]
    if e.bullets:
        lines += [*(f"- {_esc(b)}" for b in e.bullets), ""]
    if e.tags:
        lines += [_esc(" · ".join(e.tags)), ""]
    return lines


def _paragraphs(text: str) -> list[str]:
    """The user's light markup as Markdown: paragraphs (lines joined by hard breaks), lists,
    bold, italic and links; every other character escaped."""
    out: list[str] = []
    for index, block in enumerate(richtext.blocks(text)):
        if index:
            out.append("")
        if block.kind == "list":
            out.extend(f"- {_line(line)}" for line in block.lines)
        else:
            out.append("\\\n".join(_line(line) for line in block.lines))
    return out


def _line(line: richtext.Line) -> str:
    parts = []
    for span in line:
        text = _SPECIAL.sub(r"\\\1", span.text)
        if span.bold:
            text = f"**{text}**"
        if span.italic:
            text = f"*{text}*"
        parts.append(f"[{text}]({span.url})" if span.url else text)
    return _esc_start("".join(parts).strip())
