"""A CV's design as CSS, appended after its template's stylesheet.

The contract with the templates: each declares its own ``--accent``, ``--font-body`` and
``--font-head`` in ``:root`` and draws with them; the design overrides those properties and
adds rules under classes of the root element (``Document.classes``): ``titles-*``,
``header-*``, ``photo-*`` and ``no-photo``. An empty design adds nothing.
"""

from __future__ import annotations

import re
from functools import lru_cache

from cvapp.domain.cvs.design import FONTS, CvDesign
from cvapp.domain.exports.catalog import TEMPLATES_DIR, Template

# Section titles: every variant resets what the templates draw, then draws its own.
_TITLE_RESET = (
    "border: 0; padding: 0; text-transform: none; font-variant: normal; letter-spacing: 0;"
)
_TITLES = {
    "underline": "border-bottom: .8pt solid var(--accent); padding-bottom: .1em;",
    "caps": "text-transform: uppercase; letter-spacing: .08em; color: var(--accent);",
    "bar": "border-left: 3pt solid var(--accent); padding-left: .45em; color: var(--accent);",
    "plain": "",
}
_RULES = """\
.header-left .head { text-align: left; }
.header-centered .head { text-align: center; }
.header-split .head { display: grid; grid-template-columns: 1fr minmax(0, 45%);
  column-gap: 1.5em; text-align: left; }
.header-split .head > * { grid-column: 1; }
.header-split .head > .contacts { grid-column: 2; grid-row: 1 / span 3; align-self: end;
  text-align: right; margin-top: 0; }
.header-split .contact { white-space: normal; }
.no-photo .photo { display: none; }
.photo-circle .photo { border-radius: 50%; }
.photo-rounded .photo { border-radius: 12%; }
.photo-square .photo { border-radius: 0; }
"""


@lru_cache(maxsize=256)
def design_css(design: CvDesign) -> str:
    """The rules of ``design`` ("" when it is the template as designed)."""
    root = []
    if design.accent:
        root.append(f"--accent: {design.accent};")
    if design.font:
        pairing = FONTS[design.font]
        root.append(f"--font-body: {pairing.body}; --font-head: {pairing.head};")
    css = f":root {{ {' '.join(root)} }}\n" if root else ""
    if design.section_titles:
        style = _TITLES[design.section_titles]
        css += f".titles-{design.section_titles} h2 {{ {_TITLE_RESET} {style} }}\n"
    if design.header or design.photo is False or design.photo_shape:
        css += _RULES
    return css


_ACCENT = re.compile(r"--accent:\s*(#[0-9a-fA-F]{6}|#[0-9a-fA-F]{3})\b")


@lru_cache(maxsize=64)
def template_accent(template: Template) -> str:
    """The accent a template declares in its stylesheet (what an empty design shows)."""
    found = _ACCENT.search((template.directory / "style.css").read_text())
    colour = found.group(1).lower() if found else "#111111"
    return colour if len(colour) == 7 else "#" + "".join(c * 2 for c in colour[1:])


def _font_property(name: str, css: str) -> str | None:
    found = re.search(rf"--font-{name}:\s*([^;]+);", css)
    return " ".join(found.group(1).split()) if found else None


@lru_cache(maxsize=64)
def template_fonts(template: Template) -> tuple[str, str]:
    """The CSS font-family lists a template declares for its text and its headings (what an
    empty design shows), else base.css's; a heading font of ``var(--font-body)`` is the text's."""
    own = (template.directory / "style.css").read_text()
    base = (TEMPLATES_DIR / "cv" / "base.css").read_text()
    body = _font_property("body", own) or _font_property("body", base) or "sans-serif"
    head = _font_property("head", own) or _font_property("head", base) or body
    return body, body if head.startswith("var(") else head
