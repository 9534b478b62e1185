"""Backup, wipe, restore: row counts and stored files come back identical."""

from __future__ import annotations

from pathlib import Path

import pytest
from moto import mock_aws
from sqlalchemy import func, select, text
from sqlmodel import Session, SQLModel

import cvapp.models  # noqa: F401
from cvapp.db import get_engine, session_scope
from cvapp.domain.demo.service import ensure_demo_account
from cvapp.ops import backup
from cvapp.ops.backup import create_backup, restore_backup
from cvapp.storage import S3Storage, get_storage, storage_from_url


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


def test_s3_restore_keeps_each_files_content_type(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name, value in {
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_DEFAULT_REGION": "us-east-1",
    }.items():
        monkeypatch.setenv(name, value)
    with mock_aws():
        storage = storage_from_url("s3://files/cvapp")
        assert isinstance(storage, S3Storage)
        storage.client.create_bucket(Bucket="files")
        monkeypatch.setattr(backup, "get_storage", lambda: storage)
        storage.put("photos/p1", b"\xff\xd8 no extension", "image/jpeg")
        storage.put("exports/cv.pdf", b"%PDF-1.7", "application/pdf")
        folder = create_backup(tmp_path / "backups")
        storage.delete_prefix("")
        assert restore_backup(folder)["files"] == 2
        for key, expected in (("photos/p1", "image/jpeg"), ("exports/cv.pdf", "application/pdf")):
            head = storage.client.head_object(Bucket="files", Key=f"cvapp/{key}")
            assert head["ContentType"] == expected, key


def test_pg_dump_gets_the_password_from_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[tuple[list[str], dict[str, str]]] = []
    monkeypatch.setattr(
        backup.subprocess, "run", lambda args, **kwargs: calls.append((args, kwargs["env"]))
    )
    url = "postgresql+psycopg://cvapp:s3cr%40t@db.internal:5432/cvapp"
    backup._dump_database(url, tmp_path)
    backup._restore_database(url, tmp_path, "database.dump")
    assert len(calls) == 2
    for args, env in calls:
        assert not any("s3cr" in arg for arg in args), args
        assert "postgresql://cvapp@db.internal:5432/cvapp" in args
        assert env["PGPASSWORD"] == "s3cr@t"
