"""Stylesheets of a render: shared fonts and rules, the template's CSS, and the options
(page size, the CV's design, and the density levels the one-pager fit steps through)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from cvapp.domain.cvs.design import NO_DESIGN, CvDesign
from cvapp.domain.exports.catalog import TEMPLATES_DIR, Template
from cvapp.domain.exports.design import design_css

MIN_FONT_PT = 9.0
# (font-size decrease in pt, line-height cap, spacing factor, margin factor) per level.
_LEVELS = (
    (0.0, None, None, 1.0),
    (0.5, 1.28, 0.8, 0.9),
    (1.0, 1.22, 0.65, 0.8),
    (1.5, 1.18, 0.5, 0.7),
    (2.0, 1.15, 0.4, 0.65),
)
DENSITY_LEVELS = len(_LEVELS)
# The design's density: (spacing factor, line-height factor); the fit's levels multiply it.
_DENSITIES = {"comfortable": (1.25, 1.08), "normal": (1.0, 1.0), "compact": (0.75, 0.92)}
# The spacings of base.css that the fit scales down: (selector, property, em at level 0).
_SPACINGS = (
    (".head", "margin-bottom", 0.8),
    (".section", "margin-top", 0.9),
    ("h2", "margin-bottom", 0.35),
    (".entry", "margin-top", 0.55),
    (".text", "margin-top", 0.2),
    ("ul", "margin-top", 0.2),
)
FONTS_CSS = TEMPLATES_DIR / "fonts.css"
BASE_CSS = TEMPLATES_DIR / "cv" / "base.css"
SCREEN_CSS = TEMPLATES_DIR / "cv" / "screen.css"
"""The rules of a CV shown on a screen (HTML download, share link, public profile)."""
UA_CSS = TEMPLATES_DIR / "cv" / "ua.css"
"""The user-agent stylesheet of PDF renders: WeasyPrint's, cut to the elements we use."""


@dataclass(frozen=True)
class Density:
    level: int
    font_pt: float
    line_height: float
    gap: float | None
    margin_mm: float


def density(template: Template, level: int, design: CvDesign = NO_DESIGN) -> Density:
    """Level 0 is the template as designed, at the design's size, spacing and margins;
    higher levels are tighter from there, never below 9 pt (or the design's size if less)."""
    drop, line_cap, gap, margin = _LEVELS[level]
    spacing, leading = _DENSITIES[design.density or "normal"]
    font_pt = design.size_pt or template.font_pt
    line_height = round(template.line_height * leading, 3)
    return Density(
        level=level,
        font_pt=max(min(MIN_FONT_PT, font_pt), font_pt - drop),
        line_height=min(line_height, line_cap or line_height),
        gap=(gap or 1.0) * spacing if gap is not None or spacing != 1.0 else None,
        margin_mm=round((design.margin_mm or template.margin_mm) * margin, 1),
    )


def options_css(
    template: Template, page_size: str, level: int = 0, design: CvDesign = NO_DESIGN
) -> str:
    """The page size, the design, and (above level 0) the tightened sizes and spacings."""
    d = density(template, level, design)
    css = f"@page {{ size: {page_size}; margin: {d.margin_mm}mm; }}\n"
    if level or design.size_pt or d.gap is not None:
        css += f":root {{ --fs: {d.font_pt}pt; --lh: {d.line_height}; }}\n"
    if d.gap is not None:
        css += "".join(
            f"{selector} {{ {prop}: {round(em * d.gap, 3)}em; }}\n"
            for selector, prop, em in _SPACINGS
        )
    return css + design_css(design)


def template_css(template: Template) -> Path:
    return template.directory / "style.css"


def stylesheet_paths(template: Template) -> tuple[Path, ...]:
    """The files a PDF render reads, in cascade order (options come last)."""
    return (FONTS_CSS, BASE_CSS, template_css(template))


@lru_cache(maxsize=128)
def inline_css(template: Template, page_size: str, design: CvDesign = NO_DESIGN) -> str:
    """One stylesheet for a CV on the web: no font files, the template's rules, a screen
    layout of the page (a sheet on a desk; the bare page on a phone)."""
    parts = [BASE_CSS.read_text(), template_css(template).read_text()]
    parts.append(options_css(template, page_size, design=design))
    parts.append(SCREEN_CSS.read_text())
    return "\n".join(parts)


@lru_cache(maxsize=1)
def templates_fingerprint() -> str:
    """A hash of every template file and font: a deploy that changes a template changes keys."""
    digest = hashlib.sha256()
    for path in sorted(TEMPLATES_DIR.rglob("*")):
        if path.is_file() and path.suffix in (".html", ".css", ".ttf"):
            digest.update(str(path.relative_to(TEMPLATES_DIR)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]
