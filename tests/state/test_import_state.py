"""What the import page makes of a polled job: a preview, a failure, or the apply's summary."""

from __future__ import annotations

from cvapp.state.imports.rows import FileImport, PreviewRow
from cvapp.state.imports.state import _allowed, _followed

PREVIEW = {
    "status": "previewed",
    "creates": [
        {
            "item_ref": "skills-0",
            "section": "skills",
            "label": "Python",
            "suggested_action": "create",
        }
    ],
    "files": ["Skills.csv"],
}


def test_a_running_job_moves_the_progress_only_forward() -> None:
    file = FileImport(key="i1", progress=40)
    _followed(file, {"job": {"status": "running", "progress": 10}, "view": None})
    assert (file.status, file.progress) == ("reading", 40)


def test_a_read_file_shows_its_preview() -> None:
    file = FileImport(key="i1")
    _followed(file, {"job": {"status": "succeeded", "progress": 100}, "view": PREVIEW})
    assert file.status == "previewed"
    assert [row.label for row in file.creates] == ["Python"]


def test_a_failed_read_says_why() -> None:
    file = FileImport(key="i1")
    error = {"message": "Positions.csv lacks a column", "details": [{"message": "Title"}]}
    _followed(file, {"job": {"status": "failed"}, "view": {"status": "failed", "error": error}})
    assert (file.status, file.error, file.error_details) == (
        "failed",
        "Positions.csv lacks a column",
        ["Title"],
    )


def test_a_failed_apply_keeps_the_preview_and_shows_the_error() -> None:
    file = FileImport(key="i1", status="applying")
    job = {"status": "failed", "error": {"message": "Python: already exists"}}
    _followed(file, {"job": job, "view": {"status": "previewed"}})
    assert (file.status, file.apply_error) == ("previewed", "Python: already exists")


def test_an_applied_import_shows_its_summary() -> None:
    file = FileImport(key="i1", status="applying")
    item = {"section": "skills", "action": "created", "label": "Python"}
    summary = {"created": 1, "merged": 0, "skipped": 0, "items": [item]}
    _followed(
        file, {"job": {"status": "succeeded"}, "view": {"status": "applied", "summary": summary}}
    )
    assert file.status == "applied"
    assert [(row.label, row.href) for row in file.applied] == [
        ("Python", "/app/profile?section=skills")
    ]


def test_merge_needs_a_match_and_the_basics_cannot_be_created() -> None:
    assert not _allowed(PreviewRow(match=""), "merge")
    assert _allowed(PreviewRow(match="Engineer · Acme"), "merge")
    assert not _allowed(PreviewRow(can_create=False), "create")
    assert _allowed(PreviewRow(can_create=False), "skip")
