"""The LinkedIn export reader: every CV file, exact names, folders, BOMs, bilingual rows."""

from __future__ import annotations

import json
from typing import Any

import pytest

from cvapp.domain.imports import archive
from cvapp.domain.imports.linkedin import export
from cvapp.errors import ValidationFailed
from tests.fixtures.linkedin import build
from tests.fixtures.linkedin.build import csv_text, zip_bytes


def _items(draft: Any, section: str) -> list[dict[str, Any]]:
    return [item.data for item in draft.items if item.section == section]


def test_basic_export_profile_and_positions() -> None:
    draft = export.read(build.basic_export())
    assert draft.profile["full_name"] == "Lena Marquardt"
    assert draft.profile["headline"].startswith("Backend Engineer")
    assert draft.profile["contact"] == {
        "email": "lena.marquardt@example.org",  # the Primary=Yes row, not the first one
        "phone": "+49 170 5550123",  # the mobile number
    }
    assert draft.profile["location"] == {
        "address": "Kastanienallee 12",
        "postal_code": "10435",
        "city": "Berlin",
        "region": "Berlin",
        "country_code": "DE",
    }
    assert draft.profile["website"] == "https://lena-marquardt.example.dev"
    assert {"network": "Twitter", "username": "lenamarq", "url": "https://x.com/lenamarq"} in (
        draft.profile["links"]
    )
    current, previous, first = _items(draft, "experiences")
    assert current["company"] == "Quellwerk Software AG" and "end_date" not in current
    assert current["start_date"] == "2021-03"
    assert current["description"] == "Lead engineer of the routing platform."
    assert current["responsibilities"] == [
        "Designed the event-sourced shipment ledger (PostgreSQL, Kafka)",
        "Cut p95 API latency from 900 ms to 120 ms by removing N+1 queries",
        "Mentored four engineers",
    ]
    assert previous["responsibilities"][0].startswith("Built the carrier integration")
    assert "description" not in previous
    assert (first["start_date"], first["end_date"]) == ("2014-07", "2017-08")
    assert "responsibilities" not in first
    assert [s["name"] for s in _items(draft, "skills")][:2] == ["Python", "PostgreSQL"]
    assert _items(draft, "languages")[0] == {
        "language": "German",
        "fluency": "Native or bilingual proficiency",
    }
    assert _items(draft, "education") == [
        {
            "institution": "Technische Universität Berlin",
            "study_type": "Bachelor of Science - BSc",
            "start_date": "2011",
            "end_date": "2014",
        }
    ]
    assert [item.item_ref for item in draft.items][:3] == [
        "experiences-0",
        "experiences-1",
        "experiences-2",
    ]


def test_complete_export_reads_every_cv_file() -> None:
    draft = export.read(build.complete_export())
    sections = {item.section for item in draft.items}
    assert sections == {
        "experiences", "projects", "skills", "education", "certifications", "achievements",
        "languages", "publications", "volunteering",
    }  # fmt: skip
    aws, ckad = _items(draft, "certifications")
    assert aws["credential_id"] == "AWS-SAA-0042" and aws["expires_date"] == "2025-06"
    assert "url" not in ckad and ckad["issuer"] == "The Linux Foundation"  # empty Url allowed
    (project,) = _items(draft, "projects")
    assert project["url"] == "https://github.com/lenamarq/bucket"
    assert project["highlights"] == ["2k GitHub stars", "Used by three logistics start-ups"]
    (publication,) = _items(draft, "publications")
    assert publication["release_date"] == "2022-10-12" and publication["publisher"] == "PyCon DE"
    (award,) = _items(draft, "achievements")
    assert award == {
        "title": "Engineering Excellence Award",
        "date": "2022-12",
        "summary": "For the shipment ledger migration.",
    }
    (volunteering,) = _items(draft, "volunteering")
    assert volunteering["highlights"] == [
        "Teach Python to teenagers",
        "Organise the yearly hackathon",
    ]
    assert "end_date" not in volunteering
    (school,) = _items(draft, "education")
    assert school["courses"] == ["Distributed Systems (DS-401)", "Databases"]
    # Positions.csv has a BOM, CRLF line ends and multi-line quoted descriptions.
    assert len(_items(draft, "experiences")) == 3
    assert _items(draft, "experiences")[0]["responsibilities"][1].endswith("N+1 queries")


def test_other_peoples_files_are_never_opened(monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[str] = []
    real_read, real_head = archive.SafeZip.read, archive.SafeZip.head

    def read(self: archive.SafeZip, entry: archive.Entry, **kwargs: Any) -> bytes:
        opened.append(entry.name)
        return real_read(self, entry, **kwargs)

    def head(self: archive.SafeZip, entry: archive.Entry, size: int = 65536) -> bytes:
        opened.append(entry.name)
        return real_head(self, entry, size)

    monkeypatch.setattr(archive.SafeZip, "read", read)
    monkeypatch.setattr(archive.SafeZip, "head", head)
    export.inspect(build.complete_export())
    draft = export.read(build.complete_export())
    never = {"Connections.csv", "messages.csv", "Endorsement_Received_Info.csv",
             "Recommendations_Received.csv", "Invitations.csv", "Saved Jobs.csv",
             "Registration.csv"}  # fmt: skip
    assert opened and never.isdisjoint(opened)
    dumped = json.dumps(draft.to_dict(), ensure_ascii=False)
    for secret in (build.SECRET_CONNECTION, build.SECRET_MESSAGE, build.SECRET_ENDORSER):
        assert secret not in dumped
    assert "unknown_file" not in {warning.code for warning in draft.warnings}


def test_profile_summary_csv_is_not_taken_for_profile_csv() -> None:
    summary_only = zip_bytes(
        {"Profile Summary.csv": csv_text(["Profile Summary"], [["About me, in short."]])}
    )
    draft = export.read(summary_only)
    assert draft.profile == {"summary": "About me, in short."}
    both = build.complete_files()
    both["Profile Summary.csv"] = csv_text(["Profile Summary"], [["Other text"]])
    draft = export.read(zip_bytes(both))
    assert draft.profile["full_name"] == "Lena Marquardt"
    assert draft.profile["summary"].startswith("I build calm")


def test_subfolder_export_reads_the_same_as_top_level() -> None:
    top, nested = export.read(build.complete_export()), export.read(build.subfolder_export())
    assert [item.data for item in nested.items] == [item.data for item in top.items]
    assert nested.profile == top.profile
    assert all(path.startswith("Complete_LinkedInDataExport") for path in nested.files)


def test_bilingual_rows_are_merged_keeping_the_first_language() -> None:
    draft = export.read(build.bilingual_export())
    experiences = _items(draft, "experiences")
    assert [e["title"] for e in experiences] == [
        "Senior Backend Engineer",
        "Backend Engineer",
        "Junior Developer",
    ]
    assert len(_items(draft, "education")) == 1
    assert [s["name"] for s in _items(draft, "skills")].count("Python") == 1
    assert len(_items(draft, "skills")) == 5
    merged = [w.message for w in draft.warnings if w.code == "duplicates_merged"]
    assert any("2 experiences entries" in message for message in merged)


def test_odd_dates_become_structured_and_unreadable_ones_are_reported() -> None:
    draft = export.read(build.odd_dates_export())
    dates = {
        e["company"]: (e.get("start_date"), e.get("end_date")) for e in _items(draft, "experiences")
    }
    assert dates == {
        "Kiezküche eG": ("2020", "2021"),
        "Atelier Sieben": ("2019-09", "2020-03"),
        "Lumen Verlag": ("2013-01", None),
    }
    assert _items(draft, "education")[0]["start_date"] == "2010-09"
    unreadable = [w for w in draft.warnings if w.code == "unparseable_date"]
    assert len(unreadable) == 1 and "'Q3 2019'" in unreadable[0].message
    assert unreadable[0].location == "Positions.csv line 5"
    assert any(w.code == "invalid_item" and "Mystery" not in w.message for w in draft.warnings)


def test_wrong_csv_headers_say_what_was_expected() -> None:
    files = {"Positions.csv": csv_text(["Firma", "Titel", "Beginn"], [["A", "B", "2020"]])}
    with pytest.raises(ValidationFailed) as error:
        export.inspect(zip_bytes(files))
    message = error.value.message
    assert "Positions.csv" in message and "Company Name" in message and "Started On" in message
    assert "found Firma, Titel, Beginn" in message
    assert error.value.details[0]["field"] == "Positions.csv"


def test_a_zip_without_linkedin_files_is_refused() -> None:
    with pytest.raises(ValidationFailed) as error:
        export.inspect(zip_bytes({"notes.txt": "hello", "photo.jpg": b"\xff\xd8"}))
    assert "none of the files of a LinkedIn data export" in error.value.message
    assert "Positions.csv" in error.value.message


def test_unknown_and_misnamed_csv_files_are_warned_about() -> None:
    files = {"Skills.csv": csv_text(["Name"], [["Go"]]), "positions.csv": "x", "Foo.csv": "y"}
    draft = export.read(zip_bytes(files))
    unknown = {w.location: w.message for w in draft.warnings if w.code == "unknown_file"}
    assert set(unknown) == {"positions.csv", "Foo.csv"}
    assert "Did you mean Positions.csv?" in unknown["positions.csv"]


def test_duplicate_files_the_shallowest_wins() -> None:
    files = {
        "old/Skills.csv": csv_text(["Name"], [["Cobol"]]),
        "Skills.csv": csv_text(["Name"], [["Go"]]),
    }
    draft = export.read(zip_bytes(files))
    assert _items(draft, "skills") == [{"name": "Go"}]
    assert [w.code for w in draft.warnings] == ["duplicate_file"]


def test_a_2018_export_layout() -> None:
    """Issue #19 point 2: exports of 2018 name the phone file ``Phone Numbers.csv``, date
    projects with ``Start Date``/``End Date`` and honors with ``Issue Date``; every address
    and number is offered, primary first; each course goes to the school it names, else the
    latest dated one; "* a * b" descriptions are bullets."""
    files = {
        "Profile.csv": csv_text(
            ["First Name", "Last Name", "Headline", "Summary"],
            [["Aiko", "Tanaka", "ML engineer", ""]],
        ),
        "Email Addresses.csv": csv_text(
            ["Email Address", "Confirmed", "Primary", "Updated On"],
            [
                ["aiko@old.example.jp", "Yes", "No", "1/2/15"],
                ["aiko.tanaka@example.jp", "Yes", "Yes", "3/4/18"],
                ["aiko@unconfirmed.example", "No", "No", ""],
            ],
        ),
        "Phone Numbers.csv": csv_text(
            ["Extension", "Number", "Type"],
            [["12", "+81 3 1234 5678", "Work"], ["", "+81 90 1234 5678", "Mobile"]],
        ),
        "Positions.csv": csv_text(
            ["Company Name", "Title", "Description", "Location", "Started On", "Finished On"],
            [
                [
                    "Preferred Networks",
                    "ML Engineer",
                    "* Trained the recommender * Cut inference cost by 40 %",
                    "Tokyo",
                    "Apr 2018",
                    "",
                ]
            ],
        ),
        "Projects.csv": csv_text(
            ["Title", "Description", "Url", "Start Date", "End Date"],
            [
                [
                    "Kanji OCR",
                    "-\tA small OCR model\n-\tServed in the browser",
                    "",
                    "Jan 2017",
                    "Mar 2017",
                ]
            ],
        ),
        "Honors.csv": csv_text(
            ["Title", "Description", "Issue Date"], [["Best paper", "", "Sep 2017"]]
        ),
        "Education.csv": csv_text(
            ["School Name", "Start Date", "End Date", "Degree Name", "Field Of Study"],
            [
                ["Kaisei Academy", "", "", "", ""],
                ["Massachusetts Institute of Technology", "2014", "2016", "Master", "EECS"],
                ["University of Tokyo", "2010", "2014", "Bachelor", "Engineering"],
            ],
        ),
        "Courses.csv": csv_text(
            ["Name", "Number"],
            [
                ["Machine Learning", "MIT 6.867"],
                ["Signal processing", ""],
                ["Control theory, University of Tokyo", ""],
            ],
        ),
    }
    draft = export.read(zip_bytes(files))
    assert draft.profile["contact"] == {
        "email": "aiko.tanaka@example.jp",
        "phone": "+81 90 1234 5678",
    }
    (others,) = [w.message for w in draft.warnings if w.code == "other_contacts"]
    for offered in ("aiko@old.example.jp", "aiko@unconfirmed.example", "+81 3 1234 5678 ext. 12"):
        assert offered in others
    assert others.index("aiko@old.example.jp") < others.index("aiko@unconfirmed.example")
    (job,) = _items(draft, "experiences")
    assert job["responsibilities"] == ["Trained the recommender", "Cut inference cost by 40 %"]
    (project,) = _items(draft, "projects")
    assert (project["start_date"], project["end_date"]) == ("2017-01", "2017-03")
    assert project["highlights"] == ["A small OCR model", "Served in the browser"]
    (award,) = _items(draft, "achievements")
    assert award["date"] == "2017-09"
    schools = {s["institution"]: s.get("courses", []) for s in _items(draft, "education")}
    # By name or initials; "Signal processing" names none: the latest dated school (MIT, ended
    # 2016) gets it, never the undated one (a school the export has no dates for).
    assert schools["Massachusetts Institute of Technology"] == [
        "Machine Learning (MIT 6.867)",
        "Signal processing",
    ]
    assert schools["University of Tokyo"] == ["Control theory, University of Tokyo"]
    assert schools["Kaisei Academy"] == []
