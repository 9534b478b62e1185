"""Hostile archives: bombs, lying sizes, traversal names, nested archives, non-ZIPs."""

from __future__ import annotations

import io
import struct
import zipfile

import pytest

from cvapp.domain.imports import archive, limits
from cvapp.domain.imports.linkedin import export
from cvapp.errors import PayloadTooLarge, UnsupportedMediaType
from tests.fixtures.linkedin.build import csv_text, zip_bytes

SKILLS = csv_text(["Name"], [["Go"], ["Rust"]])


def _never_opened(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("an entry was decompressed")

    monkeypatch.setattr(zipfile.ZipFile, "open", refuse)


def test_not_a_zip_is_refused_with_what_was_expected() -> None:
    for data in (b"%PDF-1.7 ...", b"", b"PK\x03\x04 but truncated"):
        with pytest.raises(UnsupportedMediaType) as error:
            export.inspect(data)
        assert "not a ZIP archive" in error.value.message
        assert "LinkedIn" in error.value.message


def test_upload_over_20_mb_is_refused() -> None:
    with pytest.raises(PayloadTooLarge):
        archive.open_zip(b"PK\x03\x04" + b"\0" * limits.MAX_UPLOAD_BYTES)


def test_bomb_over_100_mb_uncompressed_is_refused_before_extracting(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as bomb:
        bomb.writestr("Skills.csv", SKILLS)
        chunk = b"\0" * (1024 * 1024)
        with bomb.open("Positions.csv", "w", force_zip64=True) as handle:
            for _ in range(101):
                handle.write(chunk)
    _never_opened(monkeypatch)
    with pytest.raises(PayloadTooLarge) as error:
        export.read(out.getvalue())
    assert "100 MB" in error.value.message


def test_high_ratio_entry_is_refused_before_extracting(monkeypatch: pytest.MonkeyPatch) -> None:
    data = zip_bytes({"Skills.csv": SKILLS, "Positions.csv": b"\0" * (5 * 1024 * 1024)})
    _never_opened(monkeypatch)
    with pytest.raises(PayloadTooLarge) as error:
        export.read(data)
    assert "ZIP bomb" in error.value.message


def _set_declared_size(data: bytes, size: int) -> bytes:
    """Rewrite the (only) entry's uncompressed size in both headers: a lying archive."""
    patched = bytearray(data)
    local = patched.find(b"PK\x03\x04")
    struct.pack_into("<I", patched, local + 22, size)
    central = patched.find(b"PK\x01\x02")
    struct.pack_into("<I", patched, central + 24, size)
    return bytes(patched)


def test_an_entry_larger_than_it_claims_is_not_trusted() -> None:
    data = _set_declared_size(zip_bytes({"Skills.csv": SKILLS * 50}), 20)
    with pytest.raises(UnsupportedMediaType) as error:
        export.read(data)
    assert "damaged" in error.value.message


def test_traversal_names_and_nested_archives_are_ignored() -> None:
    inner = zip_bytes({"Positions.csv": "Company Name,Title,Started On\nEvil,CEO,2020\n"})
    data = zip_bytes(
        {
            "../../etc/Positions.csv": "Company Name,Title,Started On\nEvil,CEO,2020\n",
            "/abs/Education.csv": "School Name\nEvil U\n",
            "C:/Users/x/Languages.csv": "Name\nKlingon\n",
            "nested/inner.zip": inner,
            "Skills.csv": SKILLS,
        }
    )
    draft = export.read(data)
    assert [item.section for item in draft.items] == ["skills", "skills"]
    reasons = {w.location: w.message for w in draft.warnings if w.code == "ignored_entry"}
    assert set(reasons) == {
        "../../etc/Positions.csv",
        "/abs/Education.csv",
        "C:/Users/x/Languages.csv",
        "nested/inner.zip",
    }
    assert "unsafe path" in reasons["../../etc/Positions.csv"]
    assert "archive inside the archive" in reasons["nested/inner.zip"]


def test_backslash_folders_are_folders_and_mac_metadata_is_skipped() -> None:
    data = zip_bytes(
        {
            "Export\\Skills.csv": SKILLS,
            "__MACOSX/._Skills.csv": b"\0\x05\x16\x07",
        }
    )
    draft = export.read(data)
    assert [item.data["name"] for item in draft.items] == ["Go", "Rust"]
    assert draft.warnings == []
