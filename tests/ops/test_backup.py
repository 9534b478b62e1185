"""Backup, wipe, restore: row counts and stored files come back identical."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import func, select, text
from sqlmodel import Session, SQLModel

import cvapp.models  # noqa: F401
from cvapp.db import get_engine, session_scope
from cvapp.domain.demo.service import ensure_demo_account
from cvapp.ops.backup import create_backup, restore_backup
from cvapp.storage import get_storage


def _counts() -> dict[str, int]:
    with Session(get_engine()) as session:
        return {
            table.name: session.execute(select(func.count()).select_from(table)).scalar_one()
            for table in SQLModel.metadata.sorted_tables
        }


def _wipe() -> None:
    with get_engine().begin() as connection:
        for table in reversed(SQLModel.metadata.sorted_tables):
            connection.execute(text(f"DELETE FROM {table.name}"))


def test_backup_then_restore_round_trip(tmp_path: Path) -> None:
    with session_scope() as session:
        ensure_demo_account(session, data_dir=tmp_path / "data")
    storage = get_storage()
    storage.put("users/u1/photo.jpg", b"\xff\xd8 photo bytes", "image/jpeg")
    storage.put("exports/cv.pdf", b"%PDF-1.7 test", "application/pdf")
    before = _counts()
    assert before["experiences"] == 3 and before["users"] == 1

    folder = create_backup(tmp_path / "backups")
    assert (folder / "manifest.json").is_file()

    _wipe()
    storage.delete("users/u1/photo.jpg")
    storage.delete("exports/cv.pdf")
    assert _counts()["users"] == 0

    result = restore_backup(folder)
    assert result["files"] == sum(1 for p in (folder / "files").rglob("*") if p.is_file())
    assert result["files"] >= 2
    assert _counts() == before
    assert storage.get("users/u1/photo.jpg") == b"\xff\xd8 photo bytes"
    assert storage.get("exports/cv.pdf") == b"%PDF-1.7 test"
