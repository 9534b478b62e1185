"""Issue #20 point 2: a CV's design (accent, fonts, size, spacing, margins, styles, dates, side
column) is a field of the CV, checked on the way in, and shows in every output."""

from __future__ import annotations

import io
from typing import Any

import pytest
from docx import Document as read_docx
from fastapi.testclient import TestClient
from pdfminer.high_level import extract_pages, extract_text
from pdfminer.layout import LTChar, LTTextContainer
from PIL import Image
from sqlmodel import Session

from cvapp.domain.cvs.design import ACCENT_PRESETS, MIN_CONTRAST, contrast_on_white, darkened
from cvapp.domain.exports import pdftext
from cvapp.domain.profiles import service as profiles
from cvapp.models import User
from tests.domain.cv_support import (  # noqa: F401  (forget_exports: autouse)
    add,
    auth,
    build_profile,
    forget_exports,
    make_user,
)

API = "/api/v1"
BURGUNDY = (0x7A, 0x1F, 0x3D)


def _cv(api: TestClient, session: Session, **body: Any) -> tuple[User, dict[str, str], str]:
    user = make_user(session)
    build_profile(session, user)
    headers = auth(user)
    created = api.post(f"{API}/cvs", json={"name": "Design", **body}, headers=headers)
    assert created.status_code == 201, created.text
    return user, headers, created.json()["id"]


def _patch(api: TestClient, headers: dict[str, str], cv_id: str, design: Any) -> Any:
    return api.patch(f"{API}/cvs/{cv_id}", json={"design": design}, headers=headers)


def _export(api: TestClient, headers: dict[str, str], cv_id: str, suffix: str) -> Any:
    answer = api.get(f"{API}/cvs/{cv_id}/export.{suffix}", headers=headers)
    assert answer.status_code == 200, answer.text
    return answer


def _pixels_near(png: bytes, colour: tuple[int, int, int], tolerance: int = 24) -> int:
    data = Image.open(io.BytesIO(png)).convert("RGB").tobytes()
    return sum(
        1
        for i in range(0, len(data), 3)
        if all(abs(data[i + k] - colour[k]) <= tolerance for k in range(3))
    )


def _fonts_of(pdf: bytes, text: str) -> set[str]:
    """The font names of the characters of ``text`` wherever the PDF draws it."""
    names: set[str] = set()
    for page in extract_pages(io.BytesIO(pdf)):
        for box in page:
            if isinstance(box, LTTextContainer):
                for line in box:
                    chars = [c for c in line if isinstance(c, LTChar)]
                    if text in "".join(c.get_text() for c in chars):
                        names.update(c.fontname.split("+")[-1] for c in chars)
    return names


def test_options_list_what_a_ui_offers(api: TestClient) -> None:
    options = api.get(f"{API}/designs/options")
    assert options.status_code == 200
    body = options.json()
    assert {"noto-sans", "noto-serif", "noto-sans+noto-serif", "carlito-caladea"} <= {
        f["key"] for f in body["fonts"]
    }
    assert [d["key"] for d in body["date_formats"]] == ["short", "long", "numeric", "iso", "year"]
    assert body["size_pt"]["min"] < body["size_pt"]["max"]
    assert len(body["accent_presets"]) == len(ACCENT_PRESETS) >= 6
    for preset in body["accent_presets"]:  # every preset reads on white
        assert contrast_on_white(preset["hex"]) >= MIN_CONTRAST, preset


def test_contrast_ratio_and_the_darker_shade() -> None:
    assert contrast_on_white("#000000") == 21.0
    assert contrast_on_white("#ffffff") == 1.0
    assert contrast_on_white("#777777") < MIN_CONTRAST <= contrast_on_white("#767676")
    shade = darkened("#ffcc00")  # a yellow: too light, darkened to an ochre that reads
    assert contrast_on_white(shade) >= MIN_CONTRAST and shade != "#000000"


def test_patch_changes_the_keys_sent_and_null_goes_back_to_the_template(
    api: TestClient, session: Session
) -> None:
    _, headers, cv_id = _cv(api, session, template="modern")
    assert api.get(f"{API}/cvs/{cv_id}", headers=headers).json()["design"] == {}
    first = _patch(api, headers, cv_id, {"accent": "#7A1F3D", "font": "noto-serif"})
    assert first.status_code == 200, first.text
    assert first.json()["design"] == {"accent": "#7a1f3d", "font": "noto-serif"}
    second = _patch(api, headers, cv_id, {"size_pt": 11.5, "side_sections": ["languages"]})
    assert second.json()["design"] == {
        "accent": "#7a1f3d",
        "font": "noto-serif",
        "size_pt": 11.5,
        "side_sections": ["languages"],
    }
    third = _patch(api, headers, cv_id, {"accent": None, "side_sections": None})
    assert third.json()["design"] == {"font": "noto-serif", "size_pt": 11.5}
    # Another field's PATCH leaves the design alone; a PUT without it resets it.
    api.patch(f"{API}/cvs/{cv_id}", json={"one_page": True}, headers=headers)
    assert api.get(f"{API}/cvs/{cv_id}", headers=headers).json()["design"]["size_pt"] == 11.5
    put = api.put(f"{API}/cvs/{cv_id}", json={"name": "Design"}, headers=headers)
    assert put.json()["design"] == {}
    short_hex = _patch(api, headers, cv_id, {"accent": "#333"})
    assert short_hex.json()["design"] == {"accent": "#333333"}


@pytest.mark.parametrize(
    ("design", "field"),
    [
        ({"colour": "#7a1f3d"}, "design.colour"),
        ({"accent": "burgundy"}, "design.accent"),
        ({"font": "comic-sans"}, "design.font"),
        ({"size_pt": 40}, "design.size_pt"),
        ({"margin_mm": 2}, "design.margin_mm"),
        ({"density": "cosy"}, "design.density"),
        ({"section_titles": "wavy"}, "design.section_titles"),
        ({"header": "right"}, "design.header"),
        ({"photo_shape": "hexagon"}, "design.photo_shape"),
        ({"date_format": "dd.mm.yyyy"}, "design.date_format"),
        ({"side_sections": ["skills", "skills"]}, "design.side_sections"),
        ({"side_sections": ["hobbies"]}, "design.side_sections.0"),
        ("blue", "design"),
    ],
)
def test_bad_design_answers_422_naming_the_field(
    api: TestClient, session: Session, design: Any, field: str
) -> None:
    _, headers, cv_id = _cv(api, session)
    _patch(api, headers, cv_id, {"accent": "#1f3a68"})
    answer = _patch(api, headers, cv_id, design)
    assert answer.status_code == 422, answer.text
    error = answer.json()["error"]
    assert error["code"] == "VALIDATION_ERROR"
    assert field in [d["field"] for d in error["details"]], error
    # Nothing saved is lost.
    assert api.get(f"{API}/cvs/{cv_id}", headers=headers).json()["design"] == {"accent": "#1f3a68"}


def test_a_light_accent_is_refused_with_a_darker_shade_that_reads(
    api: TestClient, session: Session
) -> None:
    _, headers, cv_id = _cv(api, session)
    answer = _patch(api, headers, cv_id, {"accent": "#ffcc00"})
    assert answer.status_code == 422
    detail = answer.json()["error"]["details"][0]
    assert detail["field"] == "design.accent"
    assert "too light" in detail["message"] and "4.5:1" in detail["message"]
    suggested = darkened("#ffcc00")
    assert suggested in detail["message"]
    assert _patch(api, headers, cv_id, {"accent": suggested}).status_code == 200


def test_the_accent_colours_the_html_and_the_pdf(api: TestClient, session: Session) -> None:
    _, headers, cv_id = _cv(api, session, template="classic")
    plain = _export(api, headers, cv_id, "pdf")
    plain_png = pdftext.page_png(plain.content, page=1, width=640)
    assert _pixels_near(plain_png, BURGUNDY) == 0
    assert _patch(api, headers, cv_id, {"accent": "#7a1f3d"}).status_code == 200

    html = _export(api, headers, cv_id, "html").text
    assert "--accent: #7a1f3d;" in html
    pdf = _export(api, headers, cv_id, "pdf")
    assert pdf.headers["etag"] != plain.headers["etag"]
    png = pdftext.page_png(pdf.content, page=1, width=640)
    assert _pixels_near(png, BURGUNDY) > 500, "the name and headings are burgundy"


def test_a_noto_font_is_embedded_for_a_greek_and_cyrillic_cv(
    api: TestClient, session: Session
) -> None:
    user, headers, cv_id = _cv(api, session, template="modern")
    profiles.update_profile(
        session, user_id=user.id, changes={"headline": "Инженер-программист · Μηχανικός"}
    )
    session.commit()
    before = _fonts_of(_export(api, headers, cv_id, "pdf").content, "Инженер")
    assert before and not any("Noto" in name for name in before)

    assert _patch(api, headers, cv_id, {"font": "noto-sans+noto-serif"}).status_code == 200
    pdf = _export(api, headers, cv_id, "pdf").content
    assert _fonts_of(pdf, "Инженер-программист · Μηχανικός") == {"CV-Noto-Sans"}
    assert _fonts_of(pdf, "Ann Example") == {"CV-Noto-Serif-Bold"}, "the name in Noto Serif"
    assert _fonts_of(pdf, "EXPERIENCE") == {"CV-Noto-Serif-Bold"}, "headings too"


@pytest.mark.parametrize(
    ("locale", "date_format", "expected"),
    [
        ("en", "iso", "2020-01 – 2022-01"),
        ("en", "numeric", "01/2020 – 01/2022"),
        ("de", "numeric", "01.2020 – 01.2022"),
        ("fr", "long", "janvier 2020 – janvier 2022"),
        ("en", "year", "2020 – 2022"),
    ],
)
def test_dates_print_in_the_design_format_and_the_cv_language(
    api: TestClient, session: Session, locale: str, date_format: str, expected: str
) -> None:
    _, headers, cv_id = _cv(api, session, locale=locale)
    assert _patch(api, headers, cv_id, {"date_format": date_format}).status_code == 200
    text = extract_text(io.BytesIO(_export(api, headers, cv_id, "pdf").content))
    assert expected in text, text
    assert expected in _export(api, headers, cv_id, "md").text


def _column(html: str, start: str, end: str) -> list[str]:
    part = html.split(start, 1)[1].split(end, 1)[0]
    return [chunk.split('"', 1)[0] for chunk in part.split('class="section s-')[1:]]


def test_the_side_column_holds_the_sections_chosen(api: TestClient, session: Session) -> None:
    _, headers, cv_id = _cv(api, session, template="two-column")
    html = _export(api, headers, cv_id, "html").text
    assert _column(html, '<aside class="side">', "</aside>") == ["contact", "skills", "languages"]
    chosen = {"side_sections": ["languages", "education"]}
    assert _patch(api, headers, cv_id, chosen).status_code == 200
    html = _export(api, headers, cv_id, "html").text
    # In the CV's order of sections, the others in the main column.
    assert _column(html, '<aside class="side">', "</aside>") == [
        "contact",
        "education",
        "languages",
    ]
    main = _column(html, '<main class="main">', "</main>")
    assert "skills" in main and "education" not in main
    # A one-column template has no side column whatever the design says.
    api.patch(f"{API}/cvs/{cv_id}", json={"template": "modern"}, headers=headers)
    assert '<aside class="side">' not in _export(api, headers, cv_id, "html").text


def test_styles_become_classes_and_rules(api: TestClient, session: Session) -> None:
    _, headers, cv_id = _cv(api, session, template="modern")
    plain = _export(api, headers, cv_id, "html").text
    assert '<body class="cv cv-modern">' in plain
    design = {
        "section_titles": "bar",
        "header": "split",
        "photo": False,
        "photo_shape": "rounded",
        "density": "compact",
        "size_pt": 9.5,
        "margin_mm": 20,
    }
    assert _patch(api, headers, cv_id, design).status_code == 200
    html = _export(api, headers, cv_id, "html").text
    assert 'class="cv cv-modern titles-bar header-split no-photo photo-rounded"' in html
    assert ".titles-bar h2 {" in html and ".header-split .head {" in html
    assert "--fs: 9.5pt;" in html and "margin: 20.0mm;" in html


def test_size_density_and_margins_change_the_layout(api: TestClient, session: Session) -> None:
    _, headers, cv_id = _cv(api, session, template="classic")
    pages = pdftext.page_count(_export(api, headers, cv_id, "pdf").content)
    roomy = {"size_pt": 13, "density": "comfortable", "margin_mm": 30}
    assert _patch(api, headers, cv_id, roomy).status_code == 200
    assert pdftext.page_count(_export(api, headers, cv_id, "pdf").content) > pages


def test_the_one_page_fit_tightens_from_the_chosen_size(api: TestClient, session: Session) -> None:
    user, headers, cv_id = _cv(api, session, template="classic", one_page=True)
    for index in range(6):
        add(
            session,
            user,
            "volunteering",
            organization=f"Association {index}",
            position="Mentor",
            start_date="2015-01",
            end_date="2016-01",
            summary="Weekly sessions with students learning to code, " * 4,
        )
    session.commit()
    assert _patch(api, headers, cv_id, {"size_pt": 12.5}).status_code == 200
    fit = api.get(f"{API}/cvs/{cv_id}/fit", headers=headers)
    assert fit.status_code == 200, fit.text
    body = fit.json()
    assert body["pages"] == 1 and body["template_font_pt"] == 12.5
    assert body["level"] > 0 and 9 <= body["font_pt"] < 12.5


def test_the_docx_takes_the_accent_fonts_size_and_margins(
    api: TestClient, session: Session
) -> None:
    _, headers, cv_id = _cv(api, session)
    design = {"accent": "#0f6b6b", "font": "noto-sans+noto-serif", "size_pt": 11, "margin_mm": 20}
    assert _patch(api, headers, cv_id, design).status_code == 200
    word = read_docx(io.BytesIO(_export(api, headers, cv_id, "docx").content))
    styles = word.styles
    assert str(styles["Heading 1"].font.color.rgb) == "0F6B6B"
    assert str(styles["Title"].font.color.rgb) == "0F6B6B"
    assert styles["Normal"].font.name == "Noto Sans"
    assert styles["Heading 1"].font.name == "Noto Serif"
    assert styles["Normal"].font.size.pt == 11
    assert round(word.sections[0].left_margin.mm) == 20


def test_a_design_change_is_a_revision_in_words_and_restores(
    api: TestClient, session: Session
) -> None:
    _, headers, cv_id = _cv(api, session)
    _patch(api, headers, cv_id, {"accent": "#7a1f3d", "date_format": "iso"})
    entries = api.get(f"{API}/cvs/{cv_id}/history", headers=headers).json()["data"]
    labels = [c["label"] for c in entries[0]["changes"]]
    assert labels == [
        "Design: accent colour changed (template's → #7a1f3d)",
        "Design: date format changed (template's → iso)",
    ]
    restored = api.post(f"{API}/cvs/{cv_id}/history/1/restore", headers=headers)
    assert restored.status_code == 200, restored.text
    assert api.get(f"{API}/cvs/{cv_id}", headers=headers).json()["design"] == {}
    back = api.post(f"{API}/cvs/{cv_id}/history/2/restore", headers=headers)
    assert back.status_code == 200
    assert api.get(f"{API}/cvs/{cv_id}", headers=headers).json()["design"] == {
        "accent": "#7a1f3d",
        "date_format": "iso",
    }


def test_the_public_page_and_a_share_link_show_the_design(
    api: TestClient, session: Session
) -> None:
    _, headers, cv_id = _cv(api, session, template="modern")
    body = {"visibility": "PUBLIC", "slug": "ann-design", "public_cv_id": cv_id}
    assert api.patch(f"{API}/profiles/me", json=body, headers=headers).status_code == 200
    before = api.get("/p/ann-design")
    assert "--accent: #7a1f3d" not in before.text
    assert _patch(api, headers, cv_id, {"accent": "#7a1f3d", "section_titles": "caps"}).is_success
    page = api.get("/p/ann-design")
    assert page.status_code == 200
    assert page.headers["etag"] != before.headers["etag"]
    assert "--accent: #7a1f3d;" in page.text and "titles-caps" in page.text
    link = api.post(f"{API}/cvs/{cv_id}/share-links", json={"label": "Acme"}, headers=headers)
    assert link.status_code == 201, link.text
    shared = api.get("/s/" + link.json()["url"].rsplit("/s/", 1)[1])
    assert "--accent: #7a1f3d;" in shared.text and "titles-caps" in shared.text
