"""The fast PDF render draws what WeasyPrint's defaults draw: same tree, same pages."""

from __future__ import annotations

import gc
import io
import re
from xml.etree.ElementTree import Element

import pytest
from weasyprint import HTML

from cvapp.domain.exports import pdf
from cvapp.domain.exports.catalog import TEMPLATES
from cvapp.domain.exports.document import build_document
from cvapp.domain.exports.html import render_html
from cvapp.domain.exports.pdftext import page_count, page_png, pdf_text
from cvapp.domain.exports.sample import sample_cv


def _html(template: str, **changes: object) -> str:
    cv = sample_cv(roles=4, bullets=3).model_copy(update={"template": template, **changes})
    return render_html(build_document(cv))


def _shape(root: Element) -> list[tuple[str, dict[str, str], str, str]]:
    """Every element with its attributes and its text, whitespace folded."""

    def fold(text: str | None) -> str:
        return re.sub(r"\s+", " ", text or "").strip()

    return [(e.tag, dict(e.attrib), fold(e.text), fold(e.tail)) for e in root.iter()]


@pytest.mark.parametrize("template", list(TEMPLATES))
def test_templates_are_xml_and_parse_like_html5(template: str) -> None:
    html = _html(template)
    assert pdf.xml_root(html) is not None
    fast = pdf.parse_html(html)
    # The HTML5 parser's tree (WeasyPrint's own) has the same elements, attributes and text.
    assert _shape(fast.etree_element) == _shape(HTML(string=html).etree_element)


def test_html_that_is_not_xml_falls_back_to_the_html5_parser() -> None:
    html = _html("classic").replace("Alex Sample", "Alex\x0cSample &nbsp; <br>")
    assert pdf.xml_root(html) is None
    document = pdf.parse_html(html)
    assert document.etree_element.find(".//h1") is not None
    text = pdf_text(pdf.render_pdf(html, template=TEMPLATES["classic"], page_size="A4"))
    assert "Alex" in text and "Sample" in text


def _pngs(data: bytes) -> list[bytes]:
    return [page_png(data, page=n, width=500) for n in range(1, page_count(data) + 1)]


@pytest.mark.parametrize("template", list(TEMPLATES))
def test_lean_user_agent_stylesheet_draws_the_same_pages(template: str) -> None:
    """ua.css keeps every rule of WeasyPrint's UA stylesheet that touches our markup."""
    info = TEMPLATES[template]
    html = _html(template)
    ours = pdf.render_pdf(html, template=info, page_size="A4")
    full = HTML(string=html, base_url=pdf._BASE_URL).write_pdf(
        stylesheets=pdf.stylesheets(info, "A4", 0), font_config=pdf.font_config()
    )
    assert _pngs(ours) == _pngs(full)
    assert _links(ours) == _links(full) != []


def _links(data: bytes) -> list[tuple[str, list[float]]]:
    """Every link annotation: its URI and its rectangle."""
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdftypes import resolve1

    found = []
    for page in PDFPage.get_pages(io.BytesIO(data)):
        for annot in resolve1(page.annots) or []:
            annot = resolve1(annot)
            uri = resolve1(resolve1(annot.get("A", {})).get("URI", b""))
            found.append((uri.decode(), [round(v, 1) for v in resolve1(annot["Rect"])]))
    return found


def _lines(laid_out: pdf.LaidOut, css_class: str) -> list[tuple[float, float, float]]:
    """(top, left, right) of the line boxes of the elements with ``css_class``."""
    page = laid_out._document.pages[0]._page_box
    found = []
    for box in page.descendants():
        if type(box).__name__ == "LineBox" and css_class in box.element.get("class", ""):
            found.append((round(box.position_y, 1), box.position_x, box.position_x + box.width))
    return found


@pytest.mark.parametrize("template", ["classic", "two-column"])
def test_dates_sit_right_on_the_title_line(template: str) -> None:
    info = TEMPLATES[template]
    laid_out = pdf.layout(_html(template), template=info, page_size="A4")
    titles, dates = _lines(laid_out, "title"), _lines(laid_out, "dates")
    assert len(titles) == len(dates) >= 4
    for (title_y, _, title_right), (dates_y, dates_left, _) in zip(titles, dates, strict=True):
        assert dates_y == title_y and dates_left > title_right


def test_long_dates_get_a_line_of_their_own() -> None:
    doc = build_document(sample_cv(roles=2, bullets=1))
    experiences = doc.section("experiences")
    assert experiences is not None
    experiences.entries[0].dates = "sept. de 2023 – septiembre de 2025"
    laid_out = pdf.layout(render_html(doc), template=TEMPLATES["classic"], page_size="A4")
    (title_y, *_), (dates_y, *_) = _lines(laid_out, "title")[0], _lines(laid_out, "dates")[0]
    assert dates_y > title_y


def test_a_layout_is_written_once_and_the_collector_is_back_on() -> None:
    laid_out = pdf.layout(_html("classic"), template=TEMPLATES["classic"], page_size="A4")
    assert gc.isenabled() and laid_out.pages >= 1
    assert laid_out.write().startswith(b"%PDF")
    assert gc.isenabled()
    with pytest.raises(RuntimeError):
        laid_out.write()
    gc.disable()
    try:
        pdf.render_pdf("<p>x</p>", template=TEMPLATES["classic"], page_size="A4")
        assert not gc.isenabled()  # a caller's choice is left alone
    finally:
        gc.enable()
