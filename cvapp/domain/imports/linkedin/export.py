"""Reading a whole LinkedIn export: find the CV files, check them, turn them into a draft."""

from __future__ import annotations

from cvapp.domain.imports import csvtable
from cvapp.domain.imports.archive import Entry, SafeZip, open_zip
from cvapp.domain.imports.conform import conform
from cvapp.domain.imports.draft import Draft, compact
from cvapp.domain.imports.duplicates import merge_duplicates
from cvapp.domain.imports.linkedin import profile
from cvapp.domain.imports.linkedin.files import ALIASES, FILES, OTHER_FILES, close_name
from cvapp.domain.imports.linkedin.sections import SECTION_FILES, attach_courses, read_section
from cvapp.errors import ValidationFailed

SOURCE = "linkedin"
_SECTIONS = tuple(section for section, _ in SECTION_FILES.values())
_SHOWN = 120


def _shown(path: str) -> str:
    return path if len(path) <= _SHOWN else f"{path[:_SHOWN]}…"


def locate(opened: SafeZip, draft: Draft) -> dict[str, Entry]:
    """The CV files of the export by name (the shallowest copy wins), warnings for the rest."""
    found: dict[str, Entry] = {}
    for entry in sorted(opened.entries, key=lambda entry: (entry.depth, entry.path)):
        name = ALIASES.get(entry.name, entry.name)
        if name in FILES:
            if name in found:
                message = f"{_shown(entry.path)} ignored: {found[name].path} was read"
                draft.warn("duplicate_file", message, _shown(entry.path))
            else:
                found[name] = entry
        elif entry.name.lower().endswith(".csv") and entry.name not in OTHER_FILES:
            guess = close_name(entry.name)
            hint = f" Did you mean {guess}?" if guess else ""
            message = f"{_shown(entry.path)} is not a LinkedIn file we import; ignored.{hint}"
            draft.warn("unknown_file", message, _shown(entry.path))
    for path, reason in opened.ignored:
        draft.warn("ignored_entry", f"{_shown(path)} ignored ({reason})", _shown(path))
    if not found:
        message = (
            "This ZIP holds none of the files of a LinkedIn data export. Expected some of: "
            f"{', '.join(FILES)} (at the top or in a folder)."
        )
        raise ValidationFailed(message, details=[{"field": "file", "message": message}])
    draft.files = sorted(entry.path for entry in found.values())
    return found


def inspect(data: bytes) -> Draft:
    """Check an upload quickly (ZIP, sizes, known files, CSV headers); the warnings so far."""
    opened = open_zip(data)
    draft = Draft(source=SOURCE)
    for name, entry in locate(opened, draft).items():
        csvtable.check_header(entry.path, opened.head(entry), FILES[name])
    return draft


def read(data: bytes) -> Draft:
    """The draft of a LinkedIn export: every CV file read, duplicates merged, all validated."""
    opened = open_zip(data)
    draft = Draft(source=SOURCE)
    found = locate(opened, draft)

    def rows(name: str) -> list[csvtable.Row]:
        entry = found.get(name)
        return csvtable.read_rows(entry.path, opened.read(entry), FILES[name]) if entry else []

    fields = profile.from_profile(rows("Profile.csv"))
    fields.setdefault("summary", profile.summary(rows("Profile Summary.csv")))
    emails, phones = (
        profile.emails(rows("Email Addresses.csv")),
        profile.phones(rows("PhoneNumbers.csv")),
    )
    contact = compact(
        {"email": emails[0] if emails else None, "phone": phones[0] if phones else None}
    )
    draft.profile = compact({**fields, "contact": contact})
    others = emails[1:] + phones[1:]
    if others:
        message = (
            f"The export has more contact details than the profile holds: {', '.join(others)}. "
            "The primary ones are used; change them in Basics if you prefer another."
        )
        draft.warn("other_contacts", message, "Email Addresses.csv, PhoneNumbers.csv")
    for name in SECTION_FILES:
        read_section(draft, name, rows(name))
    merge_duplicates(draft, _SECTIONS, "a profile kept in two languages")
    attach_courses(draft, rows("Courses.csv"))
    return conform(draft).numbered()
