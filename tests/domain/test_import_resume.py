"""The offline CV file reader (issue #18): our own PDFs and DOCX, other engines' PDFs, a German
Word CV, pasted text, and the files it must refuse clearly."""

from __future__ import annotations

import io
import json
import zipfile
import zlib
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from sqlmodel import Session

from cvapp.domain.cvs import service as cvs
from cvapp.domain.exports import service as exports
from cvapp.domain.imports.draft import REVIEW_BELOW
from cvapp.domain.imports.resume import layout, parse, reader
from cvapp.domain.imports.resume.layout import UnreadableFile
from tests.domain.cv_support import (  # noqa: F401  (forget_exports: autouse)
    build_profile,
    forget_exports,
    make_user,
)
from tests.services import needs_tesseract

FILES = Path(__file__).resolve().parents[1] / "fixtures" / "cv_files"


def _items(draft: Any, section: str) -> list[dict[str, Any]]:
    return [item.data for item in draft.items if item.section == section]


@pytest.mark.parametrize(
    "template", ["classic", "modern", "compact", "academic", "two-column", "one-pager"]
)
@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_our_own_exports_read_back(session: Session, template: str, fmt: str) -> None:
    user = make_user(session, name="Ann Example")
    build_profile(session, user)
    cv = cvs.create_cv(session, user_id=user.id, data={"name": template, "template": template})
    session.commit()
    data = exports.export_cv(session, user_id=user.id, cv_id=cv.id, fmt=fmt).data
    draft = reader.read(data)
    assert draft.profile["full_name"] == "Ann Example"
    assert draft.profile["headline"] == "Backend engineer"
    assert draft.profile["contact"] == {"email": "ann@example.org", "phone": "+33 1 23 45 67 89"}
    jobs = _items(draft, "experiences")
    assert [(j["title"], j["company"]) for j in jobs] == [
        ("Engineer 0", "Company 0"), ("Engineer 1", "Company 1"), ("Engineer 2", "Company 2")
    ]  # fmt: skip
    assert jobs[0]["start_date"] == "2022-01" and "end_date" not in jobs[0]
    assert (jobs[1]["start_date"], jobs[1]["end_date"]) == ("2020-01", "2022-01")
    assert (
        jobs[0]["responsibilities"][0] == "Built the billing pipeline in Python and Kafka (role 0)"
    )
    assert all(len(j["responsibilities"]) == 3 for j in jobs)
    assert {s["name"] for s in _items(draft, "skills")} == {"Python", "Go"}
    (school,) = _items(draft, "education")
    assert school["institution"] == "Université de Lyon" and school["start_date"] == "2008"
    assert _items(draft, "languages") == [{"language": "French", "fluency": "Native"}]


def test_a_browser_printed_two_column_cv() -> None:
    draft = reader.read((FILES / "chromium-two-column.pdf").read_bytes())
    profile = draft.profile
    assert profile["full_name"] == "Lucía Fernández" and profile["headline"] == "Data Engineer"
    assert profile["contact"]["email"] == "lucia.fernandez@example.com"
    assert {link["url"] for link in profile["links"]} == {
        "https://linkedin.com/in/lucia-fernandez",  # broken across two lines at its hyphen
        "https://github.com/luciaf",
    }
    assert profile["location"] == {"city": "Berlin", "country_code": "DE"}
    jobs = _items(draft, "experiences")
    assert [(j["title"], j["company"], j.get("location")) for j in jobs] == [
        ("Senior Data Engineer", "Zalando SE", "Berlin"),
        ("Data Engineer", "Delivery Hero", "Berlin"),
        ("Research Intern", "Fraunhofer FOKUS", "Berlin"),
    ]
    assert jobs[0]["start_date"] == "2023-09" and "end_date" not in jobs[0]  # "Present"
    assert (jobs[1]["start_date"], jobs[1]["end_date"]) == ("2019-03", "2023-08")  # "Mar. …"
    assert jobs[2]["start_date"] == "2018-06"  # "Summer 2018"
    assert len(jobs[0]["responsibilities"]) == 2  # a wrapped item stays one bullet
    assert jobs[0]["responsibilities"][0].endswith("for 40 downstream teams")
    degrees = [
        (e["study_type"], e.get("area"), e["institution"]) for e in _items(draft, "education")
    ]
    assert degrees[0] == ("M.Sc.", "Computer Science", "Technische Universität Berlin")
    skills = {(s["name"], s.get("category")) for s in _items(draft, "skills")}
    assert ("Scala", "Languages") in skills and ("dbt", "Data") in skills
    assert {(lang["language"], lang.get("fluency")) for lang in _items(draft, "languages")} == {
        ("Spanish", "Native"), ("English", "C2"), ("German", "C1")
    }  # fmt: skip


def test_a_german_word_cv_with_a_table_header() -> None:
    draft = reader.read((FILES / "german.docx").read_bytes())
    assert draft.profile["full_name"] == "Jonas Becker"
    assert draft.profile["contact"]["phone"] == "+49 30 1234567"
    jobs = _items(draft, "experiences")
    assert jobs[0]["title"] == "Softwareentwickler" and jobs[0]["company"] == "Siemens AG"
    assert jobs[0]["start_date"] == "2020-06" and "end_date" not in jobs[0]  # "heute"
    assert len(jobs[0]["responsibilities"]) == 2
    assert _items(draft, "education")[0]["institution"] == "Technische Universität München"
    assert ("Deutsch", "Muttersprache") in {
        (lang["language"], lang.get("fluency")) for lang in _items(draft, "languages")
    }


def test_pasted_markdown() -> None:
    text = """# Sam Porter
Site Reliability Engineer · sam@example.net · +1 (415) 555-0134 · github.com/samp

## Experience
**SRE Lead**	Jan 2021 – Current
Acme Cloud · Remote
- Ran the on-call rota for 12 services
* Cut pager load by half with better alerting
  thresholds and runbooks

## Education
**BSc Physics** 2014 – 2018
University of Toronto

## Skills
Kubernetes, Terraform; Go | Python
"""
    draft = reader.read_text(text)
    assert draft.profile["full_name"] == "Sam Porter"
    assert draft.profile["links"] == [{"network": "GitHub", "url": "https://github.com/samp"}]
    (job,) = _items(draft, "experiences")
    assert (job["title"], job["company"], job["start_date"]) == (
        "SRE Lead",
        "Acme Cloud",
        "2021-01",
    )
    assert job["responsibilities"] == [
        "Ran the on-call rota for 12 services",
        "Cut pager load by half with better alerting thresholds and runbooks",
    ]
    assert _items(draft, "education")[0]["institution"] == "University of Toronto"
    assert [s["name"] for s in _items(draft, "skills")] == [
        "Kubernetes",
        "Terraform",
        "Go",
        "Python",
    ]


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("Sep. 2023 – Mar. 2024", "2023-09", "2024-03"),
        ("06/2019 - heute", "2019-06", None),
        ("2018 to present", "2018", None),
        ("janv. 2020 – aujourd'hui", "2020-01", None),
        ("Summer 2022", "2022-06", "2022-08"),
        ("Winter 2019", "2019-12", "2020-02"),
        ("Mar 2020", "2020-03", "2020-03"),
        ("since 2015", "2015", None),
    ],
)
def test_dates_as_cvs_write_them(text: str, start: str, end: str | None) -> None:
    dates, _ = parse.find_dates(text)
    assert dates is not None and (dates.start, dates.end) == (start, end)


def test_a_ligature_and_low_confidence() -> None:
    draft = reader.read_text("Kim Lee\n\nEducation\nÉcole des Beaux-Arts, ﬁne arts")
    (school,) = draft.items
    assert school.data["institution"] == "École des Beaux-Arts, fine arts"  # ﬁ unfolded
    assert school.confidence < REVIEW_BELOW  # no dates: flagged for review
    assert [(w.code, w.location) for w in draft.warnings] == [("review", "page 1, line 3")]


def _docx_bomb() -> bytes:
    buffer = io.BytesIO()
    Document().save(buffer)
    with zipfile.ZipFile(buffer, "a", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/media/huge.bin", b"\0" * (60 * 1024 * 1024))
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ((FILES / "encrypted.pdf").read_bytes(), "password-protected"),
        (b"%PDF-1.7\n1 0 obj<<>>\nthis is not a pdf", "could not be read"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "cannot be read: save the CV as .docx"),
        (b"PK\x03\x04 not really a zip", "could not be read"),
        (b"\x00\x01\x02binary", "Send a PDF"),
    ],
)
def test_files_it_cannot_read_are_refused_clearly(data: bytes, expected: str) -> None:
    with pytest.raises(UnreadableFile, match=expected):
        reader.read(data)


def test_a_docx_zip_bomb_is_refused() -> None:
    with pytest.raises(UnreadableFile, match="unpacks to more than"):
        reader.read(_docx_bomb())


@pytest.mark.parametrize("template", ["classic", "two-column"])
def test_a_short_cv_is_not_mistaken_for_columns(session: Session, template: str) -> None:
    """A centred header above a few sections (one column), and a sidebar of three lines beside
    a short main column (two), both read right."""
    from cvapp.domain.profiles import service as profiles
    from cvapp.domain.sections import SECTIONS

    user = make_user(session, name="Rahul Sharma")
    profiles.update_profile(
        session,
        user_id=user.id,
        changes={"headline": "Data Scientist", "contact": {"email": "rahul@example.in"}},
    )
    SECTIONS["experiences"].create(
        session,
        user_id=user.id,
        data={"company": "Infosys", "title": "Data Scientist", "start_date": "2018-07",
              "responsibilities": ["Built churn models in Python"]},
    )  # fmt: skip
    cv = cvs.create_cv(session, user_id=user.id, data={"name": "x", "template": template})
    session.commit()
    draft = reader.read(exports.export_cv(session, user_id=user.id, cv_id=cv.id, fmt="pdf").data)
    assert draft.profile["full_name"] == "Rahul Sharma"
    assert draft.profile["contact"] == {"email": "rahul@example.in"}
    (job,) = _items(draft, "experiences")
    assert (job["title"], job["company"], job["start_date"]) == (
        "Data Scientist",
        "Infosys",
        "2018-07",
    )
    assert job["responsibilities"] == ["Built churn models in Python"]


def test_a_scan_without_ocr_is_refused_clearly(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(layout, "ocr_available", lambda: False)
    with pytest.raises(UnreadableFile, match="no text layer"):
        reader.read((FILES / "scanned.pdf").read_bytes())


@needs_tesseract
def test_a_scan_is_read_by_ocr_and_flagged_for_review() -> None:
    draft = reader.read((FILES / "scanned.pdf").read_bytes())
    assert draft.profile["contact"]["email"] == "lucia.fernandez@example.com"
    jobs = _items(draft, "experiences")
    assert [(j["title"], j["company"]) for j in jobs] == [
        ("Senior Data Engineer", "Zalando SE"),
        ("Data Engineer", "Delivery Hero"),
        ("Research Intern", "Fraunhofer FOKUS"),
    ]
    assert all(item.confidence < REVIEW_BELOW for item in draft.items)
    assert any(w.code == "ocr" for w in draft.warnings)


def test_a_word_cv_printed_by_libreoffice() -> None:
    """LibreOffice writes Word's Symbol-font bullets as private-use characters and puts the
    header table's contacts on the name's line, at the right margin."""
    draft = reader.read((FILES / "libreoffice-german.pdf").read_bytes())
    assert draft.profile["contact"]["email"] == "jonas.becker@example.de"
    (siemens, bmw) = [item.data for item in draft.items if item.section == "experiences"]
    assert siemens["responsibilities"] == [
        "Microservices für die Gebäudetechnik in Java und Kotlin entwickelt",
        "Lastzeiten der API um 40 % gesenkt",
    ]
    assert bmw["responsibilities"] == ["Testautomatisierung mit Python aufgebaut"]


def test_a_two_column_word_table_cv_as_docx_and_as_libreoffice_pdf() -> None:
    for name in ("sidebar.docx", "libreoffice-sidebar.pdf"):
        draft = reader.read((FILES / name).read_bytes())
        jobs = [item.data for item in draft.items if item.section == "experiences"]
        assert jobs[0]["title"] == "Senior Product Manager", name
        assert jobs[0]["start_date"] == "2019-07" and "end_date" not in jobs[0], name
        assert jobs[0]["responsibilities"][0] == "Launched pay-later checkout for 12 million users"
        skills = {item.data["name"] for item in draft.items if item.section == "skills"}
        assert {"Roadmapping", "SQL", "A/B testing", "Figma"} <= skills, name


@pytest.mark.parametrize(
    ("line", "names"),
    [
        (
            "A/B testing, CI/CD, Python/Django/Flask",
            ["A/B testing", "CI/CD", "Python", "Django", "Flask"],
        ),
        ("TCP/IP; UI/UX · PL/SQL, Kubernetes", ["TCP/IP", "UI/UX", "PL/SQL", "Kubernetes"]),
        ("Cloud: AWS (S3, Lambda), GCP", ["AWS (S3, Lambda)", "GCP"]),
    ],
)
def test_skill_lists_split_but_not_inside_terms(line: str, names: list[str]) -> None:
    draft = reader.read_text(f"Kim Lee\n\nSkills\n{line}")
    assert [item.data["name"] for item in draft.items if item.section == "skills"] == names


def _pdf(objects: list[bytes]) -> bytes:
    """A PDF of ``objects`` (numbered from 1; 1 is the catalog) with a correct xref table."""
    out, offsets = bytearray(b"%PDF-1.7\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def _text_page(extra_resources: bytes = b"", extra_content: bytes = b"") -> list[bytes]:
    content = (
        b"BT /F1 20 Tf 50 780 Td (Kim Lee) Tj ET "
        b"BT /F1 14 Tf 50 740 Td (Experience) Tj ET "
        b"BT /F1 10 Tf 50 720 Td (Designer at Studio Nord 2019 - 2021) Tj ET " + extra_content
    )
    return [
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> " + extra_resources + b">> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]


def test_javascript_in_a_pdf_is_never_run_and_its_text_is_read() -> None:
    script = b"app.alert('pwned'); this.exportDataObject({cName: 'x'})"
    pdf = _pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R /OpenAction 6 0 R"
            b" /Names << /JavaScript << /Names [(x) 6 0 R] >> >> >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            *_text_page(),
            b"<< /S /JavaScript /JS (%s) >>" % script,
        ]
    )
    draft = reader.read(pdf)
    assert draft.profile["full_name"] == "Kim Lee"
    assert "pwned" not in json.dumps(draft.to_dict())


def test_a_huge_image_is_not_decoded() -> None:
    """An image that claims 100,000 × 100,000 pixels (30 GB decoded) beside the text."""
    image = b"<< /Type /XObject /Subtype /Image /Width 100000 /Height 100000 /ColorSpace"
    image += b" /DeviceRGB /BitsPerComponent 8 /Filter /FlateDecode /Length 10 >>\nstream\n"
    image += zlib.compress(b"\0" * 10)[:10] + b"\nendstream"
    pdf = _pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            *_text_page(b"/XObject << /Im1 6 0 R >> ", b"q 500 0 0 500 50 100 cm /Im1 Do Q"),
            image,
        ]
    )
    draft = reader.read(pdf)  # pdfminer keeps image streams as they are: nothing decoded
    assert draft.profile["full_name"] == "Kim Lee"


def test_five_hundred_pages_are_refused_after_twenty() -> None:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument.new()
    for _ in range(500):
        document.new_page(595, 842)
    buffer = io.BytesIO()
    document.save(buffer)
    with pytest.raises(UnreadableFile, match="more than 20 pages"):
        reader.read(buffer.getvalue())
