"""Every CV template, drawn from the sample CV: its first page against a golden image, its
text in reading order, and the photo exactly where the template shows one (issue #20.1).

After an intended change of a template, write its golden images again and look at them:

    CVAPP_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/domain/test_templates_golden.py
"""

from __future__ import annotations

import io
import os
import re
from functools import cache
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest
from PIL import Image, ImageChops
from weasyprint import CSS

from cvapp.domain.exports import pdf, pdftext
from cvapp.domain.exports.catalog import SIDE_SECTIONS, TEMPLATES
from cvapp.domain.exports.document import build_document
from cvapp.domain.exports.html import render_html
from cvapp.domain.exports.resolve import ResolvedCv
from cvapp.domain.exports.sample import sample_cv
from cvapp.domain.exports.styles import BASE_CSS

GOLDEN_DIR = Path(__file__).resolve().parents[1] / "golden"
WIDTH = 300  # small files; enough to see a changed layout, colour or font
# A pixel "differs" past this step in any colour channel (anti-aliasing on another machine
# stays under it).
PIXEL_STEP = 48
MAX_MEAN_DIFF = 1.5  # mean absolute difference of the most different channel, 0-255
MAX_DIFFERING = 0.003  # share of differing pixels: a 2 mm square photo is 0.4 %
UPDATE = os.environ.get("CVAPP_UPDATE_GOLDEN") == "1"
PHOTO_TEMPLATES = [key for key, t in TEMPLATES.items() if t.photo]


def _pdf(cv: ResolvedCv) -> bytes:
    html = render_html(build_document(cv))
    return pdf.render_pdf(html, template=TEMPLATES[cv.template], page_size=cv.page_size)


@cache
def _sample_pdf(template: str) -> bytes:
    return _pdf(sample_cv(template=template))


def _rgb(png: bytes) -> Image.Image:
    return Image.open(io.BytesIO(png)).convert("RGB")


def _difference(png: bytes, golden: bytes) -> tuple[float, float]:
    """Mean absolute difference (of each pixel's most different channel) and the share of
    pixels differing by more than ``PIXEL_STEP`` (255, 1.0 when the sizes differ)."""
    a, b = _rgb(png), _rgb(golden)
    if a.size != b.size:
        return 255.0, 1.0
    red, green, blue = ImageChops.difference(a, b).split()
    histogram = ImageChops.lighter(ImageChops.lighter(red, green), blue).histogram()
    pixels = a.width * a.height
    mean = sum(level * count for level, count in enumerate(histogram)) / pixels
    return mean, sum(histogram[PIXEL_STEP + 1 :]) / pixels


@pytest.mark.parametrize("template", list(TEMPLATES))
def test_first_page_matches_its_golden_image(template: str) -> None:
    png = pdftext.page_png(_sample_pdf(template), page=1, width=WIDTH)
    path = GOLDEN_DIR / f"{template}.png"
    if UPDATE or not path.exists():
        if not UPDATE:
            pytest.fail(f"No golden image for {template}: run with CVAPP_UPDATE_GOLDEN=1")
        GOLDEN_DIR.mkdir(exist_ok=True)
        path.write_bytes(png)
    mean, differing = _difference(png, path.read_bytes())
    assert mean <= MAX_MEAN_DIFF and differing <= MAX_DIFFERING, (
        f"{template} drifted from {path.name}: mean {mean:.2f}, {differing:.1%} of pixels"
    )


def test_the_tolerance_tells_templates_apart() -> None:
    """Each golden image fails against every other template's page: the tolerance is tight
    enough to notice a changed design, a lost photo or another accent colour."""
    for template in TEMPLATES:
        golden = (GOLDEN_DIR / f"{template}.png").read_bytes()
        for other in TEMPLATES:
            if other == template:
                continue
            png = pdftext.page_png(_sample_pdf(other), page=1, width=WIDTH)
            mean, differing = _difference(png, golden)
            assert mean > MAX_MEAN_DIFF or differing > MAX_DIFFERING, (template, other)


def test_a_lost_photo_or_another_accent_colour_fails_the_comparison() -> None:
    golden = (GOLDEN_DIR / "photo-header.png").read_bytes()
    no_photo = sample_cv(template="photo-header").model_copy(update={"photo_key": None})
    png = pdftext.page_png(_pdf(no_photo), page=1, width=WIDTH)
    assert _difference(png, golden)[1] > MAX_DIFFERING
    template = TEMPLATES["photo-header"]
    html = render_html(build_document(sample_cv(template="photo-header")))
    sheets = [*pdf.stylesheets(template, "A4", 0), CSS(string=":root { --accent: #8e44ad; }")]
    purple = pdf.parse_html(html).render(stylesheets=sheets, font_config=pdf.font_config())
    png = pdftext.page_png(pdf.LaidOut(purple).write(), page=1, width=WIDTH)
    assert _difference(png, golden)[1] > MAX_DIFFERING


def _page_texts(data: bytes) -> list[str]:
    document = pdfium.PdfDocument(data)
    try:
        return [page.get_textpage().get_text_range() for page in document]
    finally:
        document.close()


def _fold(text: str) -> str:
    """Case (small caps, uppercase headings) and line breaks do not matter."""
    return re.sub(r"\s+", " ", text).casefold()


def _expected_order(cv: ResolvedCv, side: tuple[str, ...]) -> list[str]:
    """Name, headline, then each section's title, and each entry's title before its bullets;
    the sections of a side column together, as one block before the career."""
    document = build_document(cv)
    sections = [s for s in document.sections if s.key in side] + [
        s for s in document.sections if s.key not in side
    ]
    expected = [document.name, document.headline]
    for section in sections:
        expected.append(section.title)
        for entry in section.entries:
            if section.kind == "text":
                expected.append(entry.text[:40])
            elif section.kind == "groups":
                expected.append(", ".join(entry.tags))
            else:
                expected.append(entry.title)
                expected.extend(entry.bullets)
    return expected


def _cv_in_other_words(template: str) -> ResolvedCv:
    """The sample in German, with accents, a long name and bullets in other scripts."""
    cv = sample_cv(template=template, roles=2, bullets=3)
    cv.basics["full_name"] = "Zoë Müller-Łukasiewicz"
    cv.basics["headline"] = "Leitende Backend-Entwicklerin"
    experience = cv.sections[1].items[0]
    experience["title"] = "Teamleiterin Datenplattform"
    experience["responsibilities"] = [
        "Führte die Migration auf PostgreSQL 16 ohne Ausfallzeit durch",
        "Senkte die Cloud-Kosten um 35 % durch konsolidierte Cluster",
        "Betreute Praktikantinnen aus Kraków, Göteborg und Zürich",
    ]
    return cv.model_copy(update={"locale": "de"})


@pytest.mark.parametrize("template", list(TEMPLATES))
@pytest.mark.parametrize("variant", ["sample", "german"])
def test_text_extracts_in_reading_order(template: str, variant: str) -> None:
    cv = sample_cv(template=template) if variant == "sample" else _cv_in_other_words(template)
    data = _sample_pdf(template) if variant == "sample" else _pdf(cv)
    text = _fold(" ".join(_page_texts(data)))
    side = SIDE_SECTIONS if TEMPLATES[template].sidebar else ()
    position = 0
    for expected in _expected_order(cv, side):
        found = text.find(_fold(expected), position)
        assert found >= 0, f"{template}: {expected!r} missing or out of order"
        position = found + len(_fold(expected))
    assert text.startswith(_fold(cv.basics["full_name"])), text[:80]


def _images(data: bytes) -> int:
    document = pdfium.PdfDocument(data)
    try:
        return len(list(document[0].get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_IMAGE,))))
    finally:
        document.close()


@pytest.mark.parametrize("template", list(TEMPLATES))
def test_photo_is_drawn_only_by_templates_that_show_one(template: str) -> None:
    assert _images(_sample_pdf(template)) == (1 if TEMPLATES[template].photo else 0)


def test_there_are_enough_templates_of_each_kind() -> None:
    """Issue #20: twelve or more, two with a photo, two with a side column, half free."""
    assert len(TEMPLATES) >= 12
    assert len(PHOTO_TEMPLATES) >= 2
    assert sum(t.sidebar for t in TEMPLATES.values()) >= 2
    assert sum("free" in t.plans for t in TEMPLATES.values()) >= 6
    assert {"timeline", "creative", "europass", "us-resume"} <= set(TEMPLATES)
    assert TEMPLATES["us-resume"].page_size == "Letter" and TEMPLATES["us-resume"].one_page
    assert not TEMPLATES["us-resume"].photo


@pytest.mark.parametrize("template", PHOTO_TEMPLATES)
def test_without_a_photo_a_photo_template_draws_no_image_and_no_alt_text(template: str) -> None:
    cv = sample_cv(template=template).model_copy(update={"photo_key": None})
    data = _pdf(cv)
    assert _images(data) == 0
    assert _fold(" ".join(_page_texts(data))).count(_fold("Alex Sample")) == 1


@pytest.mark.parametrize("template", list(TEMPLATES))
def test_style_takes_the_design_variables(template: str) -> None:
    """The contract with per-CV design: every template reads its accent colour and fonts
    from variables it declares itself (base.css sets the fonts from them), and a photo shape
    class on the body wins."""
    css = (TEMPLATES[template].directory / "style.css").read_text()
    drawn = css + BASE_CSS.read_text()
    root = re.search(r":root \{([^}]*)\}", css)
    assert root is not None
    for name in ("--accent", "--font-body", "--font-head"):
        assert f"{name}:" in root.group(1)
        assert f"var({name})" in drawn
    if TEMPLATES[template].photo:
        shaped = sample_cv(template=template)
        html = render_html(build_document(shaped))
        assert '<img class="photo" src="data:image/jpeg;base64,' in html
        square = html.replace(f'class="cv cv-{template}"', f'class="cv cv-{template} photo-square"')
        plain = pdf.render_pdf(html, template=TEMPLATES[template], page_size="A4")
        cornered = pdf.render_pdf(square, template=TEMPLATES[template], page_size="A4")
        if template != "europass":  # square already
            assert pdftext.page_png(plain, page=1, width=WIDTH) != pdftext.page_png(
                cornered, page=1, width=WIDTH
            )
