"""Rows of the section files (Positions.csv, Education.csv…) as draft items."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from cvapp.domain.imports.bullets import split_description
from cvapp.domain.imports.csvtable import Row
from cvapp.domain.imports.dates import UnreadableDate, career_date
from cvapp.domain.imports.draft import Draft, compact
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
            message = f"{self.where}: {column} {value!r} is not a date we can read; left empty"
            self.draft.warn("unparseable_date", message, self.where)
            return None

    def url(self, column: str) -> str | None:
        value = self.row.get(column)
        url = web_url(value)
        if value and url is None:
            message = f"{self.where}: {column} {value!r} is not a web address; left out"
            self.draft.warn("invalid_field", message, self.where)
        return url

    def described(self, column: str, bullets_field: str, text_field: str) -> dict[str, Any]:
        text, bullets = split_description(self.row.get(column))
        return {text_field: text, bullets_field: bullets}


def positions(r: RowReader) -> dict[str, Any]:
    return {
        "company": r.text("Company Name"),
        "title": r.text("Title"),
        "location": r.text("Location"),
        "start_date": r.date("Started On"),
        "end_date": r.date("Finished On"),
        **r.described("Description", "responsibilities", "description"),
    }


def education(r: RowReader) -> dict[str, Any]:
    if r.text("Notes") or r.text("Activities"):
        message = f"{r.where}: notes and activities have no field in the profile; left out"
        r.draft.warn("not_imported", message, r.where)
    return {
        "institution": r.text("School Name"),
        "study_type": r.text("Degree Name"),
        "area": r.text("Field Of Study"),
        "start_date": r.date("Start Date"),
        "end_date": r.date("End Date"),
    }


def skills(r: RowReader) -> dict[str, Any]:
    return {"name": r.text("Name")}


def languages(r: RowReader) -> dict[str, Any]:
    return {"language": r.text("Name"), "fluency": r.text("Proficiency")}


def certifications(r: RowReader) -> dict[str, Any]:
    return {
        "name": r.text("Name"),
        "url": r.url("Url"),
        "issuer": r.text("Authority"),
        "date": r.date("Started On"),
        "expires_date": r.date("Finished On"),
        "credential_id": r.text("License Number"),
    }


def projects(r: RowReader) -> dict[str, Any]:
    return {
        "name": r.text("Title"),
        "url": r.url("Url"),
        "start_date": r.date("Started On"),
        "end_date": r.date("Finished On"),
        **r.described("Description", "highlights", "description"),
    }


def publications(r: RowReader) -> dict[str, Any]:
    return {
        "name": r.text("Name"),
        "publisher": r.text("Publisher"),
        "release_date": r.date("Published On"),
        "url": r.url("Url"),
        "summary": r.text("Description"),
    }


def honors(r: RowReader) -> dict[str, Any]:
    return {
        "title": r.text("Title"),
        "awarder": r.text("Issuer"),
        "date": r.date("Issued On"),
        "summary": r.text("Description"),
    }


def volunteering(r: RowReader) -> dict[str, Any]:
    return {
        "organization": r.text("Company Name"),
        "position": r.text("Role"),
        "start_date": r.date("Started On"),
        "end_date": r.date("Finished On"),
        **r.described("Description", "highlights", "summary"),
    }


SECTION_FILES: dict[str, tuple[str, Callable[[RowReader], dict[str, Any]]]] = {
    "Positions.csv": ("experiences", positions),
    "Projects.csv": ("projects", projects),
    "Skills.csv": ("skills", skills),
    "Education.csv": ("education", education),
    "Certifications.csv": ("certifications", certifications),
    "Honors.csv": ("achievements", honors),
    "Languages.csv": ("languages", languages),
    "Publications.csv": ("publications", publications),
    "Volunteering.csv": ("volunteering", volunteering),
}
"""File → (section, row mapper), in the order the sections are read."""


def read_section(draft: Draft, file: str, rows: list[Row]) -> None:
    """Add one draft item per row of ``file``."""
    section, mapper = SECTION_FILES[file]
    for row in rows:
        reader = RowReader(draft, file, row)
        draft.add(section, compact(mapper(reader)), reader.where)


def attach_courses(draft: Draft, rows: list[Row]) -> None:
    """Courses.csv has no link to a school: the courses go to the latest education."""
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
    latest = max(schools, key=lambda item: item.data.get("end_date") or "9999")
    known = latest.data.setdefault("courses", [])
    known.extend(course for course in courses if course not in known)
    institution = latest.data.get("institution")
    draft.warn("courses_attached", f"Courses.csv: {len(courses)} courses added to {institution}")
