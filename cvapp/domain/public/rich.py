"""User rich text on public pages: sanitized with nh3, paragraphs and line breaks kept."""

from __future__ import annotations

import html

import nh3
from markupsafe import Markup

_TAGS = {"a", "b", "br", "em", "i", "li", "ol", "p", "strong", "u", "ul"}
_ATTRIBUTES = {"a": {"href", "title"}}


def rich_text(text: str | None) -> Markup:
    """``text`` as safe HTML: allowed inline markup survives, everything else is escaped."""
    if not text:
        return Markup("")
    paragraphs = [p.strip() for p in text.replace("\r\n", "\n").split("\n\n") if p.strip()]
    html = "".join(f"<p>{p.replace(chr(10), '<br>')}</p>" for p in paragraphs)
    clean = nh3.clean(
        html,
        tags=_TAGS,
        attributes=_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="nofollow noopener ugc",
    )
    return Markup(clean)  # sanitized by nh3 just above


def plain_text(text: str | None) -> str:
    """``text`` without any markup (for meta descriptions and JSON-LD), spaces collapsed."""
    if not text:
        return ""
    return " ".join(html.unescape(nh3.clean(text, tags=set())).split())
