"""The CV templates: Jinja2 HTML + print CSS in ``cvapp/templates/cv/<key>/``."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from cvapp.errors import ValidationFailed

TEMPLATES_DIR = Path(__file__).resolve().parents[2] / "templates"
ALL_PLANS = ("free", "pro", "expert")
PAID_PLANS = ("pro", "expert")
SIDE_SECTIONS = ("skills", "languages", "interests", "certifications")
"""What a template with a side column (``sidebar``) shows there, in the CV's order."""


@dataclass(frozen=True)
class Template:
    key: str
    name: str
    description: str
    plans: tuple[str, ...]
    one_page: bool = False
    font_pt: float = 10.5
    line_height: float = 1.35
    margin_mm: float = 16.0
    # Two-column templates: the sections of the side column unless the CV's design says.
    side_sections: tuple[str, ...] = ()
    photo: bool = False  # shows the profile photo (``photo()`` in macros.html)
    sidebar: bool = False  # a side column beside the career (two columns)
    page_size: str = "A4"  # the paper a new CV in this template starts with
    # Made for its paper (a US résumé is a Letter page): a CV switched to it takes that paper.
    own_paper: bool = False

    @property
    def columns(self) -> int:
        return 2 if self.sidebar else 1

    @property
    def directory(self) -> Path:
        return TEMPLATES_DIR / "cv" / self.key


TEMPLATES: dict[str, Template] = {
    t.key: t
    for t in (
        Template("classic", "Classic", "Serif, single column, the safest choice", ALL_PLANS),
        Template("modern", "Modern", "Sans-serif with an accent colour and clear rules", ALL_PLANS),
        Template(
            "compact",
            "Compact",
            "Dense single column for long careers",
            ALL_PLANS,
            font_pt=9.5,
            line_height=1.25,
            margin_mm=12.0,
        ),
        Template(
            "two-column",
            "Two columns",
            "Skills and contact in a side column",
            PAID_PLANS,
            font_pt=10.0,
            side_sections=SIDE_SECTIONS,
            sidebar=True,
        ),
        Template(
            "academic",
            "Academic",
            "Scholarly serif with numbered publications, for research roles",
            PAID_PLANS,
            font_pt=11.0,
        ),
        Template(
            "one-pager",
            "One page",
            "Always fits on one page: least relevant items drop first",
            PAID_PLANS,
            one_page=True,
            font_pt=10.0,
            line_height=1.3,
            margin_mm=12.0,
        ),
        Template(
            "photo-header",
            "Photo header",
            "Your photo beside your name, one calm column",
            ALL_PLANS,
            photo=True,
        ),
        Template(
            "photo-sidebar",
            "Photo sidebar",
            "Photo, contact and skills in a coloured side column",
            PAID_PLANS,
            font_pt=10.0,
            photo=True,
            sidebar=True,
            side_sections=SIDE_SECTIONS,
        ),
        Template(
            "timeline",
            "Timeline",
            "Your career on a vertical line, a dot per role",
            PAID_PLANS,
        ),
        Template(
            "creative",
            "Creative",
            "Bold colour blocks and large type, still plain text for ATS",
            PAID_PLANS,
        ),
        Template(
            "europass",
            "European",
            "Europass-style: labels on the left, personal details, language skills",
            ALL_PLANS,
            font_pt=10.0,
            photo=True,
        ),
        Template(
            "us-resume",
            "US résumé",
            "One tight US Letter page, no photo, as US recruiters expect",
            ALL_PLANS,
            one_page=True,
            font_pt=10.0,
            line_height=1.25,
            margin_mm=13.0,
            page_size="Letter",
            own_paper=True,
        ),
    )
}


def get_template(key: str) -> Template:
    """The template called ``key``, or a validation error naming ``template``."""
    try:
        return TEMPLATES[key]
    except KeyError:
        raise ValidationFailed.field(
            "template", f"Unknown template; use one of {', '.join(TEMPLATES)}"
        ) from None
