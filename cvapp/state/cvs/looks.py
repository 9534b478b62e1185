"""What the Design tab shows of a CV's design: the values in force (the CV's own choice, else
the template's) as strings for the form, and the side-column choices of two-column templates.
Pure functions, like ``rows.py``."""

from __future__ import annotations

import dataclasses

from cvapp.domain.cvs.design import FONTS, design_of
from cvapp.domain.cvs.fonts import pairing_name
from cvapp.domain.cvs.schemas import CvView
from cvapp.domain.exports.catalog import TEMPLATES, get_template
from cvapp.domain.exports.design import template_accent, template_fonts
from cvapp.state.cvs.rows import SECTION_NAMES


@dataclasses.dataclass
class SideRow:
    """A section of the CV, and whether the side column holds it."""

    key: str = ""
    name: str = ""
    checked: bool = False


def _number(value: float) -> str:
    return f"{value:g}"


def design_fields(view: CvView) -> dict[str, str]:
    """Each design key's value in force, as the form shows it ("" for a select left at the
    template's own); ``chosen_*`` say whether the CV chose it."""
    template = TEMPLATES.get(view.template) or get_template("classic")
    design = design_of(view.design)
    accent = design.accent or template_accent(template)
    pairing = FONTS.get(design.font or "")
    body, head = (pairing.body, pairing.head) if pairing else template_fonts(template)
    return {
        "accent": accent,
        "chosen_accent": "yes" if design.accent else "",
        "font": design.font or "",
        # The fonts in force as CSS families, and their name (the design card's sample).
        "font_body": body,
        "font_head": head,
        "font_name": pairing_name(body, head),
        "size_pt": _number(design.size_pt or template.font_pt),
        "margin_mm": _number(design.margin_mm or template.margin_mm),
        "density": design.density or "",
        "section_titles": design.section_titles or "",
        "header": design.header or "",
        "photo": "off" if design.photo is False else "on",
        "photo_shape": design.photo_shape or "",
        "date_format": design.date_format or "",
        "two_column": "yes" if template.side_sections else "",
        "chosen": "yes" if view.design else "",
    }


def side_rows(view: CvView) -> list[SideRow]:
    """The CV's sections (but the summary), checked when the side column holds them."""
    template = TEMPLATES.get(view.template)
    if template is None or not template.side_sections:
        return []
    chosen = design_of(view.design).side_sections
    side = set(chosen if chosen is not None else template.side_sections)
    return [
        SideRow(key=s.key, name=s.title or SECTION_NAMES[s.key], checked=s.key in side)
        for s in sorted(view.sections, key=lambda s: s.order)
        if s.key != "summary"
    ]
