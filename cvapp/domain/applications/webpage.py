"""A job advert saved from the browser as an HTML page: its visible text, and the schema.org
``JobPosting`` many job sites embed (title, company, place). Nothing is fetched, no markup is
kept: only text leaves this module, so the page's scripts and styles go nowhere."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from typing import Any

from cvapp.domain.applications.adverts import read_ad
from cvapp.domain.applications.schemas import MAX_AD_CHARS, AdDraft
from cvapp.errors import PayloadTooLarge, UnsupportedMediaType, ValidationFailed

MAX_PAGE_BYTES = 3 * 1024 * 1024
HTML_TYPES = ("text/html", "application/xhtml+xml")
_SKIPPED = {"script", "style", "noscript", "template", "svg", "head", "iframe", "object"}
_BLOCKS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section",
           "article", "header", "footer", "ul", "ol", "dd", "dt", "title"}  # fmt: skip
_LOOKS_LIKE_HTML = re.compile(
    rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta)", re.I | re.S
)


class _Reader(HTMLParser):
    """Visible text (block elements as line breaks) and JSON-LD script contents."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.json_ld: list[str] = []
        self._skipping: list[str] = []
        self._in_json_ld = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "script" and ("type", "application/ld+json") in attrs:
            self._in_json_ld = True
        if tag in _SKIPPED:
            self._skipping.append(tag)
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if self._skipping and self._skipping[-1] == tag:
            self._skipping.pop()
            self._in_json_ld = False
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self._in_json_ld:
            self.json_ld.append(data)
        elif not self._skipping:
            self.parts.append(data)

    def text(self) -> str:
        lines = (
            re.sub(r"[ \t\xa0]+", " ", line).strip() for line in "".join(self.parts).split("\n")
        )
        return "\n".join(line for line in lines if line)


def _decode(data: bytes) -> str:
    declared = re.search(rb"<meta[^>]+charset=[\"']?([\w-]+)", data[:4096], re.I)
    for encoding in ([declared.group(1).decode("ascii")] if declared else []) + ["utf-8"]:
        try:
            return data.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            continue
    return data.decode("latin-1")


def _html_text(fragment: str) -> str:
    reader = _Reader()
    reader.feed(fragment)
    return reader.text()


def _postings(scripts: list[str]) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    for script in scripts:
        try:
            data = json.loads(script)
        except (json.JSONDecodeError, RecursionError):
            continue
        stack = [data]
        while stack and len(found) < 5:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                if item.get("@type") == "JobPosting":
                    found.append(item)
                stack.extend(v for k, v in item.items() if k == "@graph")
    return found


def _name(value: Any) -> str | None:
    if isinstance(value, dict):
        value = value.get("name")
    return str(value).strip()[:200] or None if isinstance(value, str) else None


def _place(posting: dict[str, Any]) -> str | None:
    locations = posting.get("jobLocation")
    location = locations[0] if isinstance(locations, list) and locations else locations
    address = location.get("address") if isinstance(location, dict) else None
    if isinstance(address, dict):
        parts = [address.get(k) for k in ("addressLocality", "addressRegion", "addressCountry")]
        text = ", ".join(dict.fromkeys(str(_name(p) or p) for p in parts if p))
        return text[:200] or None
    if posting.get("jobLocationType") == "TELECOMMUTE":
        return "Remote"
    return None


def read_page(data: bytes, *, content_type: str | None, filename: str | None) -> AdDraft:
    """The advert in a saved HTML page: JobPosting data where the page has it, else what its
    text says plainly (see ``adverts.read_ad``)."""
    if len(data) > MAX_PAGE_BYTES:
        raise PayloadTooLarge(f"The page is larger than {MAX_PAGE_BYTES // (1024 * 1024)} MB")
    kind = (content_type or "").split(";")[0].strip().lower()
    named_html = (filename or "").lower().endswith((".html", ".htm", ".xhtml"))
    if kind not in HTML_TYPES and not (named_html and kind in ("", "application/octet-stream")):
        raise UnsupportedMediaType("Upload a web page saved as HTML (.html)")
    if not _LOOKS_LIKE_HTML.match(data[:2048]):
        raise UnsupportedMediaType("This file is not an HTML page")
    reader = _Reader()
    reader.feed(_decode(data))
    reader.close()
    postings = _postings(reader.json_ld)
    text = reader.text()[:MAX_AD_CHARS]
    if postings:
        posting = postings[0]
        description = _html_text(str(posting.get("description") or ""))
        job_text = (description or text)[:MAX_AD_CHARS]
        return AdDraft(
            company=_name(posting.get("hiringOrganization")),
            role=_name(posting.get("title")),
            location=_place(posting),
            job_text=job_text,
        )
    if not text:
        raise ValidationFailed.field("file", "This page has no text")
    return read_ad(text)
