"""HTML of a CV from its document: for the PDF renderer, standalone, or a shared page."""

from __future__ import annotations

from functools import lru_cache

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from cvapp.domain.exports import richtext
from cvapp.domain.exports.catalog import SIDE_SECTIONS, TEMPLATES_DIR, get_template
from cvapp.domain.exports.document import Document
from cvapp.domain.exports.styles import inline_css


@lru_cache(maxsize=1)
def environment() -> Environment:
    """The one Jinja2 environment of the CV and public templates (autoescaped)."""
    env = Environment(
        loader=FileSystemLoader(TEMPLATES_DIR),
        autoescape=select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,
    )
    env.globals["rich"] = richtext.to_html  # the user's light markup, escaped and sanitized
    env.globals["address"] = lambda text: Markup(richtext.unbroken_urls(text))  # escaped
    env.globals["side_keys"] = SIDE_SECTIONS  # the sections of a side column
    return env


def render_html(
    doc: Document,
    *,
    standalone: bool = False,
    banner: str | None = None,
    noindex: bool = False,
) -> str:
    """The CV's HTML; ``standalone`` inlines its stylesheet (for download or a shared page)."""
    template = get_template(doc.template)
    jinja = environment().get_template(f"cv/{template.key}/template.html")
    css = inline_css(template, doc.page_size) if standalone else None
    return jinja.render(doc=doc, inline_css=css, banner=banner, noindex=noindex)
