"""The import page's rows: a preview turned into choices, and the choices into decisions."""

from __future__ import annotations

from typing import Any

import pytest

from cvapp.state.imports.rows import (
    FileImport,
    decisions,
    error_lines,
    field_name,
    show_preview,
    show_summary,
    shown,
    source_of,
)


def _item(ref: str, section: str, action: str, **extra: Any) -> dict[str, Any]:
    return {
        "item_ref": ref,
        "section": section,
        "label": f"{section} {ref}",
        "source": "Positions.csv line 2",
        "data": {},
        "suggested_action": action,
        "match": None,
        "changes": [],
        "conflicts": [],
        **extra,
    }


MATCH = {"id": "x1", "label": "Engineer · Acme", "score": 92.0, "confidence": "clear"}
VIEW = {
    "creates": [_item("skills-0", "skills", "create")],
    "updates": [
        _item("profile", "profile", "merge", match=MATCH, source="profile"),
        _item(
            "experiences-0",
            "experiences",
            "skip",
            match={**MATCH, "confidence": "possible"},
            changes=[{"field": "responsibilities", "current": [], "incoming": ["Led", "Shipped"]}],
            conflicts=[{"field": "location", "current": "Munich", "incoming": "Berlin"}],
        ),
    ],
    "duplicates": [],
    "warnings": [{"code": "date", "message": "Unreadable date", "location": "Positions.csv"}],
    "files": ["Positions.csv", "Skills.csv"],
}


@pytest.mark.parametrize(
    ("name", "source"),
    [
        ("export.ZIP", "linkedin"),
        ("resume.json", "jsonresume"),
        ("Lebenslauf.PDF", "resume"),
        ("cv.docx", "resume"),
        ("cv.txt", "resume"),
        ("cv.md", "resume"),
        ("cv.doc", None),  # the old Word format is not read
        ("photo.png", None),
        ("", None),
    ],
)
def test_the_source_follows_the_extension(name: str, source: str | None) -> None:
    assert source_of(name) == source


def test_a_preview_becomes_rows_that_start_at_the_suggestion() -> None:
    file = FileImport(key="imp1")
    show_preview(file, VIEW)

    assert [row.choice for row in file.updates] == ["merge", "skip"]
    basics, position = file.updates
    assert (basics.section, basics.source, basics.can_create) == ("Basics", "", False)
    assert position.match == "Engineer · Acme" and position.possible
    assert [(c.name, c.incoming) for c in position.changes] == [("Bullets", "Led; Shipped")]
    assert [(c.name, c.current, c.incoming) for c in position.conflicts] == [
        ("Location", "Munich", "Berlin")
    ]
    assert file.warnings == ["Positions.csv: Unreadable date"]
    assert file.files_read == "Positions.csv, Skills.csv"


def test_decisions_overwrite_only_with_a_merge() -> None:
    file = FileImport(key="imp1")
    show_preview(file, VIEW)
    position = file.updates[1]
    position.conflicts[0].overwrite = True

    assert decisions(file)[-1] == {"item_ref": "experiences-0", "action": "skip", "overwrite": []}
    position.choice = "merge"
    assert decisions(file) == [
        {"item_ref": "skills-0", "action": "create", "overwrite": []},
        {"item_ref": "profile", "action": "merge", "overwrite": []},
        {"item_ref": "experiences-0", "action": "merge", "overwrite": ["location"]},
    ]


def test_the_summary_links_what_was_written_to_its_editor_tab() -> None:
    file = FileImport(key="imp1")
    items = [
        {"item_ref": "profile", "section": "profile", "action": "merged", "id": "p", "label": "L"},
        {"item_ref": "e-0", "section": "experiences", "action": "created", "id": "e", "label": "E"},
        {"item_ref": "s-0", "section": "skills", "action": "skipped", "id": "s", "label": "S"},
    ]
    show_summary(file, {"created": 1, "merged": 1, "skipped": 1, "items": items})

    assert (file.created, file.merged, file.skipped) == (1, 1, 1)
    assert [(row.label, row.href) for row in file.applied] == [
        ("L", "/app/profile"),
        ("E", "/app/profile?section=experiences"),
    ]


def test_values_and_errors_read_in_one_line() -> None:
    assert shown(None) == "empty"
    assert shown([{"url": "a"}, {"url": "b"}]) == "2 entries"
    assert shown({"city": "Berlin", "region": None, "country_code": "DE"}) == "Berlin, DE"
    assert shown("x" * 200).endswith("…") and len(shown("x" * 200)) == 90
    assert field_name("profile", "contact.email") == "Contact email"
    assert field_name("experiences", "end_date") == "End"
    failure = {
        "message": "Not a JSON Resume",
        "details": [{"field": "basics.email", "message": "bad"}],
    }
    assert error_lines(failure) == ("Not a JSON Resume", ["basics.email: bad"])
    assert error_lines(None) == ("", [])


def test_what_applying_changes_besides_the_profile_in_one_sentence() -> None:
    from cvapp.state.imports.rows import affects_text, undone_text

    assert affects_text({}) == ""
    assert affects_text({"cvs": [], "share_links": [], "public_page": False}) == ""
    two = {
        "cvs": [{"id": "a", "name": "Backend"}, {"id": "b", "name": "Data"}],
        "share_links": [{"id": "l", "label": "Initech", "cv_id": "a"}],
        "public_page": True,
    }
    assert affects_text(two) == (
        "Applying also changes your CVs “Backend” and “Data”, the share link “Initech” and "
        "your public page: they show what you import."
    )
    assert undone_text({"removed": 2, "restored": 1, "kept": 0}) == (
        "Import undone: 2 removed, 1 restored."
    )
    assert undone_text({"removed": 0, "restored": 1, "kept": 1}).endswith(
        "1 field you changed since the import stayed as you left them."
    )


def test_a_warning_names_its_place_once() -> None:
    from cvapp.state.imports.rows import warning_text

    located = {"location": "Education.csv line 2", "message": "Education.csv line 2: notes"}
    assert warning_text(located) == "Education.csv line 2: notes"
    assert warning_text({"location": "Skills.csv", "message": "empty"}) == "Skills.csv: empty"
    assert warning_text({"location": None, "message": "No name"}) == "No name"
