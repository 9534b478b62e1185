"""Rows of the section files (Positions.csv, Education.csv…) as draft items."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from cvapp.domain.imports.bullets import split_description
from cvapp.domain.imports.csvtable import Row
from cvapp.domain.imports.dates import UnreadableDate, career_date
from cvapp.domain.imports.draft import Draft, compact
from cvapp.domain.imports.matching import initials
from cvapp.domain.imports.places import web_url


class RowReader:
    """Reads the cells of one row, warning about dates and links it cannot use."""

    def __init__(self, draft: Draft, file: str, row: Row) -> None:
        self.draft, self.row = draft, row
        self.where = f"{file} line {row.line}"

    def text(self, column: str) -> str | None:
        return self.row.get(column) or None

    def date(self, column: str) -> str | None:
        value = self.row.get(column)
        try:
            return career_date(value)
        except UnreadableDate:
            name = column.split("|")[0]
            message = f"{self.where}: {name} {value!r} is not a date we can read; left empty"
            self.draft.warn("unparseable_date", message, self.where)
            return None

    def url(self, column: str) -> str | None:
        value = self.row.get(column)
        url = web_url(value)
        if value and url is None:
            name = column.split("|")[0]
            message = f"{self.where}: {name} {value!r} is not a web address; left out"
            self.draft.warn("invalid_field", message, self.where)
        return url

    def described(self, column: str, bullets_field: str, text_field: str) -> dict[str, Any]:
        text, bullets = split_description(self.row.get(column))
        return {text_field: text, bullets_field: bullets}


Cell = Callable[[RowReader, str], str | None]
"""How a column is read: ``TEXT``, ``DATE`` or ``URL``."""
TEXT: Cell = RowReader.text
DATE: Cell = RowReader.date
URL: Cell = RowReader.url


@dataclass(frozen=True)
class RowSpec:
    """How a row of one section file becomes a draft item; calling it maps one row.

    ``cells`` gives each field the column it is read from and how, in field order;
    ``described`` names the (bullets, text) fields the Description column is split into;
    ``check`` runs first, to warn about what the row holds that has no field.
    """

    cells: Mapping[str, tuple[Cell, str]]
    described: tuple[str, str] | None = None
    check: Callable[[RowReader], None] | None = None

    def __call__(self, r: RowReader) -> dict[str, Any]:
        if self.check is not None:
            self.check(r)
        data = {field: read(r, column) for field, (read, column) in self.cells.items()}
        if self.described is not None:
            data.update(r.described("Description", *self.described))
        return data


def _no_notes_or_activities(r: RowReader) -> None:
    if r.text("Notes") or r.text("Activities"):
        message = f"{r.where}: notes and activities have no field in the profile; left out"
        r.draft.warn("not_imported", message, r.where)


SECTION_FILES: dict[str, tuple[str, Callable[[RowReader], dict[str, Any]]]] = {
    "Positions.csv": ("experiences", RowSpec(
        {
            "company": (TEXT, "Company Name"),
            "title": (TEXT, "Title"),
            "location": (TEXT, "Location"),
            "start_date": (DATE, "Started On|Start Date"),
            "end_date": (DATE, "Finished On|End Date"),
        },
        described=("responsibilities", "description"),
    )),
    "Projects.csv": ("projects", RowSpec(
        {
            "name": (TEXT, "Title"),
            "url": (URL, "Url"),
            "start_date": (DATE, "Started On|Start Date"),
            "end_date": (DATE, "Finished On|End Date"),
        },
        described=("highlights", "description"),
    )),
    "Skills.csv": ("skills", RowSpec({"name": (TEXT, "Name")})),
    "Education.csv": ("education", RowSpec(
        {
            "institution": (TEXT, "School Name"),
            "study_type": (TEXT, "Degree Name"),
            "area": (TEXT, "Field Of Study"),
            "start_date": (DATE, "Start Date"),
            "end_date": (DATE, "End Date"),
        },
        check=_no_notes_or_activities,
    )),
    "Certifications.csv": ("certifications", RowSpec(
        {
            "name": (TEXT, "Name"),
            "url": (URL, "Url"),
            "issuer": (TEXT, "Authority"),
            "date": (DATE, "Started On"),
            "expires_date": (DATE, "Finished On"),
            "credential_id": (TEXT, "License Number"),
        }
    )),
    "Honors.csv": ("achievements", RowSpec(
        {
            "title": (TEXT, "Title"),
            "awarder": (TEXT, "Issuer"),
            "date": (DATE, "Issued On|Issue Date"),
            "summary": (TEXT, "Description"),
        }
    )),
    "Languages.csv": ("languages", RowSpec(
        {"language": (TEXT, "Name"), "fluency": (TEXT, "Proficiency")}
    )),
    "Publications.csv": ("publications", RowSpec(
        {
            "name": (TEXT, "Name"),
            "publisher": (TEXT, "Publisher"),
            "release_date": (DATE, "Published On"),
            "url": (URL, "Url"),
            "summary": (TEXT, "Description"),
        }
    )),
    "Volunteering.csv": ("volunteering", RowSpec(
        {
            "organization": (TEXT, "Company Name"),
            "position": (TEXT, "Role"),
            "start_date": (DATE, "Started On"),
            "end_date": (DATE, "Finished On"),
        },
        described=("highlights", "summary"),
    )),
}  # fmt: skip
"""File → (section, row mapper), in the order the sections are read."""


def read_section(draft: Draft, file: str, rows: list[Row]) -> None:
    """Add one draft item per row of ``file``."""
    section, mapper = SECTION_FILES[file]
    for row in rows:
        reader = RowReader(draft, file, row)
        draft.add(section, compact(mapper(reader)), reader.where)


def _names_of(institution: str) -> set[str]:
    """How a course may name its school: the name, and its initials ("TUM", "MIT")."""
    short = initials(institution)
    return {institution.casefold()} | ({short} if short else set())


def _school_of(course: str, schools: list[Any]) -> Any:
    """The school a course names (its name or initials), else the latest dated school (an
    undated one only when no school has dates)."""
    words = set(re.findall(r"[^\W_]+", course.casefold()))
    for school in schools:
        names = _names_of(school.data.get("institution") or "")
        if any(name in words or (" " in name and name in course.casefold()) for name in names):
            return school
    return max(
        schools,
        key=lambda item: (
            bool(item.data.get("end_date") or item.data.get("start_date")),
            item.data.get("end_date") or item.data.get("start_date") or "",
        ),
    )


def attach_courses(draft: Draft, rows: list[Row]) -> None:
    """Courses.csv has no link to a school: a course goes to the school it names, else to the
    latest dated one; the preview says where each went."""
    courses = []
    for row in rows:
        name, number = row.get("Name"), row.get("Number")
        if name:
            courses.append(f"{name} ({number})" if number else name)
    if not courses:
        return
    schools = draft.section("education")
    if not schools:
        draft.warn("not_imported", "Courses.csv: no education to attach the courses to; left out")
        return
    placed: dict[str, int] = {}
    for course in courses:
        school = _school_of(course, schools)
        known = school.data.setdefault("courses", [])
        if course not in known:
            known.append(course)
        institution = school.data.get("institution") or "a school"
        placed[institution] = placed.get(institution, 0) + 1
    for institution, count in placed.items():
        noun = "course" if count == 1 else "courses"
        draft.warn("courses_attached", f"Courses.csv: {count} {noun} added to {institution}")
