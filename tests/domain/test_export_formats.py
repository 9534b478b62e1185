"""Every export format shows the CV's items: shown bullets in order, hidden ones nowhere."""

from __future__ import annotations

import io
import json
import re
from typing import Any

import pytest
from docx import Document as open_docx
from pdfminer.high_level import extract_text
from sqlmodel import Session

from cvapp.domain.cvs import service as cvs
from cvapp.domain.exports import service as exports
from cvapp.domain.exports.catalog import TEMPLATES
from cvapp.domain.exports.docx import docx_text
from cvapp.domain.exports.jsonresume import validate_resume
from cvapp.models import User
from tests.domain.cv_support import (  # noqa: F401  (forget_exports: autouse)
    build_profile,
    forget_exports,
    make_cv,
    make_user,
)

HIDDEN_BULLET = "Cut p95 latency of the payments API from 850 ms to 120 ms (role 0)"


def _tailored(session: Session) -> tuple[User, str, list[str]]:
    """A CV hiding one bullet and one role, overriding another bullet; the expected bullets."""
    user = make_user(session)
    exp = build_profile(session, user)["experiences"]
    cv = make_cv(
        session,
        user,
        items={
            "experiences": [
                {
                    "id": exp[0],
                    "hidden": ["responsibilities.1"],
                    "overrides": {"responsibilities.2": "Coached five engineers (override)"},
                },
                {"id": exp[1], "visible": False},
            ]
        },
    )
    session.commit()
    expected = [
        "Built the billing pipeline in Python and Kafka (role 0)",
        "Coached five engineers (override)",
        "Built the billing pipeline in Python and Kafka (role 2)",
        "Cut p95 latency of the payments API from 850 ms to 120 ms (role 2)",
        "Mentored five engineers and ran the hiring loop (role 2)",
    ]
    return user, cv.id, expected


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def _assert_in_order(text: str, expected: list[str]) -> None:
    flat = _flat(text)
    positions = [flat.find(bullet) for bullet in expected]
    assert all(p >= 0 for p in positions), [
        b for b, p in zip(expected, positions, strict=True) if p < 0
    ]
    assert positions == sorted(positions)
    assert HIDDEN_BULLET not in flat and "(role 1)" not in flat
    assert "Mentored five engineers and ran the hiring loop (role 0)" not in flat


@pytest.mark.parametrize("template", list(TEMPLATES))
def test_pdf_text_has_every_shown_bullet_in_order(session: Session, template: str) -> None:
    user, cv_id, expected = _tailored(session)
    cvs.update_cv(session, user_id=user.id, cv_id=cv_id, changes={"template": template})
    pdf = exports.export_cv(session, user_id=user.id, cv_id=cv_id, fmt="pdf")
    assert pdf.data.startswith(b"%PDF") and pdf.content_type == "application/pdf"
    text = extract_text(io.BytesIO(pdf.data))
    _assert_in_order(text, expected)
    assert "Ann Example" in text and "Université de Lyon" in text


@pytest.mark.parametrize("fmt", ["markdown", "html", "docx"])
def test_text_formats_have_every_shown_bullet_in_order(session: Session, fmt: str) -> None:
    user, cv_id, expected = _tailored(session)
    file = exports.export_cv(session, user_id=user.id, cv_id=cv_id, fmt=fmt)
    text = docx_text(file.data) if fmt == "docx" else file.data.decode()
    _assert_in_order(text, expected)


def test_markdown_structure(session: Session) -> None:
    user, cv_id, _ = _tailored(session)
    text = exports.export_cv(session, user_id=user.id, cv_id=cv_id, fmt="markdown").data.decode()
    assert text.startswith("# Ann Example\n")
    assert "## Experience" in text and "### Engineer 0" in text
    assert "- Built the billing pipeline in Python and Kafka (role 0)" in text
    assert "[ann@example.org](mailto:ann@example.org)" in text


def test_docx_uses_headings_and_list_bullets_without_tables(session: Session) -> None:
    user, cv_id, _ = _tailored(session)
    data = exports.export_cv(session, user_id=user.id, cv_id=cv_id, fmt="docx").data
    word = open_docx(io.BytesIO(data))
    styles = [(p.style.name, p.text) for p in word.paragraphs]
    assert ("Title", "Ann Example") in styles
    assert ("Heading 1", "Experience") in styles
    assert any(s == "Heading 2" and t.startswith("Engineer 0") for s, t in styles)
    assert ("List Bullet", "Coached five engineers (override)") in styles
    assert word.tables == []
    assert "mailto:ann@example.org" in [r.target_ref for r in word.part.rels.values()]


def test_html_is_standalone_and_links_are_clickable(session: Session) -> None:
    user, cv_id, _ = _tailored(session)
    html = exports.export_cv(session, user_id=user.id, cv_id=cv_id, fmt="html").data.decode()
    assert "<style>" in html and "<link" not in html and "http://" not in html.split("<body")[0]
    assert '<a href="mailto:ann@example.org">' in html
    assert "<h2>Experience</h2>" in html


def test_jsonresume_is_valid_and_matches_the_cv(session: Session) -> None:
    user, cv_id, expected = _tailored(session)
    data = json.loads(
        exports.export_cv(session, user_id=user.id, cv_id=cv_id, fmt="jsonresume").data
    )
    validate_resume(data)
    assert data["basics"]["name"] == "Ann Example"
    assert [w["name"] for w in data["work"]] == ["Company 0", "Company 2"]
    highlights = [h for w in data["work"] for h in w["highlights"]]
    assert highlights == expected
    assert data["meta"]["version"] == "v1.3.1"
    assert data["$schema"].endswith("/v1.3.1/schema.json")  # the two name the same release
    assert data["meta"]["cvapp"]["cv_id"] == cv_id


def test_native_json_keeps_everything(session: Session) -> None:
    user, cv_id, _ = _tailored(session)
    data = json.loads(exports.export_cv(session, user_id=user.id, cv_id=cv_id, fmt="json").data)
    assert data["format"] == "cvapp.cv" and data["version"] == 1
    experiences = data["cv"]["items"]["experiences"]
    assert [e["visible"] for e in experiences] == [True, False, True]
    assert experiences[0]["hidden"] == ["responsibilities.1"]
    assert experiences[0]["overrides"] == {
        "responsibilities.2": "Coached five engineers (override)"
    }
    assert len(data["profile"]["experiences"]) == 3  # hidden ones are kept for a re-import
    assert data["profile"]["contact"]["email"] == "ann@example.org"
    assert data["resolved"]["sections"][1]["key"] == "experiences"


def test_dates_and_words_follow_the_locale(session: Session) -> None:
    user, cv_id, _ = _tailored(session)
    cvs.update_cv(session, user_id=user.id, cv_id=cv_id, changes={"locale": "fr"})
    text = exports.export_cv(session, user_id=user.id, cv_id=cv_id, fmt="markdown").data.decode()
    assert "## Expérience" in text and "janv. 2022 – aujourd’hui" in text
    cvs.update_cv(session, user_id=user.id, cv_id=cv_id, changes={"locale": "de"})
    text = exports.export_cv(session, user_id=user.id, cv_id=cv_id, fmt="markdown").data.decode()
    assert "## Berufserfahrung" in text and "Jan. 2022 – heute" in text


def test_letter_page_size(session: Session) -> None:
    from pypdfium2 import PdfDocument

    user, cv_id, _ = _tailored(session)
    cvs.update_cv(session, user_id=user.id, cv_id=cv_id, changes={"page_size": "Letter"})
    data = exports.export_cv(session, user_id=user.id, cv_id=cv_id, fmt="pdf").data
    width, height = PdfDocument(data)[0].get_size()
    assert (round(width), round(height)) == (612, 792)


def _sample_profile(session: Session, user: User, sample: dict[str, Any]) -> None:
    """Build a master profile from the official JSON Resume sample (by hand: import is later)."""
    from cvapp.domain.profiles import service as profiles
    from tests.domain.cv_support import add

    b = sample["basics"]
    loc = b["location"]
    profiles.update_profile(
        session,
        user_id=user.id,
        changes={
            "full_name": b["name"],
            "headline": b["label"],
            "summary": b["summary"],
            "website": b["url"],
            "contact": {"email": b["email"], "phone": b["phone"]},
            "location": {
                "address": loc["address"],
                "postal_code": loc["postalCode"],
                "city": loc["city"],
                "country_code": loc["countryCode"],
                "region": loc["region"],
            },
            "links": [
                {"network": p["network"], "username": p["username"], "url": p["url"]}
                for p in b["profiles"]
            ],
            "interests": sample["interests"],
        },
    )
    for w in sample["work"]:
        add(
            session,
            user,
            "experiences",
            company=w["name"],
            title=w["position"],
            location=w.get("location"),
            url=w.get("url"),
            start_date=w["startDate"],
            end_date=w.get("endDate"),
            company_description=w.get("description"),
            description=w.get("summary"),
            responsibilities=w.get("highlights", []),
        )
    for v in sample["volunteer"]:
        add(
            session,
            user,
            "volunteering",
            organization=v["organization"],
            position=v["position"],
            url=v["url"],
            start_date=v["startDate"],
            end_date=v.get("endDate"),
            summary=v["summary"],
            highlights=v["highlights"],
        )
    for e in sample["education"]:
        add(
            session,
            user,
            "education",
            institution=e["institution"],
            url=e.get("url"),
            area=e["area"],
            study_type=e["studyType"],
            start_date=e["startDate"],
            end_date=e.get("endDate"),
            score=e.get("score"),
            courses=e.get("courses", []),
        )
    for a in sample["awards"]:
        add(
            session,
            user,
            "achievements",
            title=a["title"],
            date=a["date"],
            awarder=a["awarder"],
            summary=a["summary"],
        )
    for c in sample.get("certificates", []):
        add(
            session,
            user,
            "certifications",
            name=c["name"],
            date=c.get("date"),
            issuer=c.get("issuer"),
            url=c.get("url"),
        )
    for p in sample["publications"]:
        add(
            session,
            user,
            "publications",
            name=p["name"],
            publisher=p["publisher"],
            release_date=p["releaseDate"],
            url=p["url"],
            summary=p["summary"],
        )
    for s in sample["skills"]:
        add(session, user, "skills", name=s["name"], keywords=s.get("keywords", []))
    for lang in sample["languages"]:
        add(session, user, "languages", language=lang["language"], fluency=lang["fluency"])
    for p in sample["projects"]:
        add(
            session,
            user,
            "projects",
            name=p["name"],
            description=p["description"],
            highlights=p.get("highlights", []),
            keywords=p.get("keywords", []),
            start_date=p.get("startDate"),
            end_date=p.get("endDate"),
            url=p.get("url"),
            role=(p.get("roles") or [None])[0],
            entity=p.get("entity"),
            type=p.get("type"),
        )
    session.commit()


def test_official_sample_round_trips_through_jsonresume(session: Session) -> None:
    from cvapp.domain.exports.jsonresume import SCHEMA_PATH

    sample = json.loads((SCHEMA_PATH.parent / "sample.resume.json").read_text())
    user = make_user(session, name=sample["basics"]["name"])
    _sample_profile(session, user, sample)
    cv = make_cv(session, user)
    out = json.loads(
        exports.export_cv(session, user_id=user.id, cv_id=cv.id, fmt="jsonresume").data
    )
    validate_resume(out)
    for key in ("name", "label", "email", "phone", "url", "summary"):
        assert out["basics"][key] == sample["basics"][key]
    assert out["basics"]["location"] == sample["basics"]["location"]
    assert out["basics"]["profiles"] == sample["basics"]["profiles"]
    for section in (
        "work",
        "volunteer",
        "education",
        "awards",
        "publications",
        "languages",
        "interests",
    ):
        assert out[section] == [_drop_empty(item) for item in sample[section]], section
    assert [s["name"] for s in out["skills"]] == [s["name"] for s in sample["skills"]]
    assert [p["name"] for p in out["projects"]] == [p["name"] for p in sample["projects"]]


def _drop_empty(item: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in item.items() if v not in ("", [], None)}


def test_pdf_links_are_clickable(session: Session) -> None:
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser
    from pdfminer.pdftypes import resolve1

    user, cv_id, _ = _tailored(session)
    data = exports.export_cv(session, user_id=user.id, cv_id=cv_id, fmt="pdf").data
    document = PDFDocument(PDFParser(io.BytesIO(data)))
    uris = [
        resolve1(resolve1(annotation).get("A")).get("URI")
        for page in PDFPage.create_pages(document)
        for annotation in resolve1(page.annots) or []
    ]
    assert b"mailto:ann@example.org" in uris and b"https://github.com/ann" in uris


@pytest.mark.parametrize("template", ["classic", "modern"])
def test_header_urls_never_break_at_a_hyphen_nor_repeat(session: Session, template: str) -> None:
    """Issue #19 point 8: a header wider than the page breaks between contacts, never inside
    a hyphenated address, and a website that is also a link is printed once."""
    from cvapp.domain.profiles import service as profiles

    user, cv_id, _ = _tailored(session)
    site = "https://jean-pierre-dupont-martin.example.org/portfolio-of-case-studies-in-web"
    profiles.update_profile(
        session,
        user_id=user.id,
        changes={
            "website": site,
            "links": [
                {"network": "Portfolio", "url": site + "/"},
                {"network": "GitHub", "url": "https://github.com/jean-pierre-dupont-martin"},
                {"network": "GitLab", "url": "https://gitlab.com/jean-pierre-dupont-martin"},
            ],
        },
    )
    cvs.update_cv(session, user_id=user.id, cv_id=cv_id, changes={"template": template})
    session.commit()
    data = exports.export_cv(session, user_id=user.id, cv_id=cv_id, fmt="pdf").data
    lines = [line.strip() for line in extract_text(io.BytesIO(data)).splitlines()]
    bare = site.split("://", 1)[1]
    assert sum(bare in line for line in lines) == 1, lines[:12]  # whole, on one line, once
    for handle in ("github.com/jean-pierre-dupont-martin", "gitlab.com/jean-pierre-dupont-martin"):
        assert any(handle in line for line in lines), lines[:12]
