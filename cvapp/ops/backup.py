"""Backups: the database (pg_dump custom format, or SQLite's online backup) plus every stored
file, in one timestamped folder; restore puts both back.

Meets the seed's RPO 24 h / RTO 4 h when run daily (cron or a scheduler) — a restore of a
typical instance takes minutes.
"""

from __future__ import annotations

import json
import mimetypes
import os
import shutil
import sqlite3
import subprocess
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlparse

from sqlalchemy.engine import make_url

from cvapp.settings import get_settings
from cvapp.storage import FileStorage, S3Storage, get_storage

CONTENT_TYPES = "content-types.json"
"""Beside ``files/`` in a backup: each stored file's content type, put back on restore."""


def _libpq(url: str) -> tuple[str, dict[str, str]]:
    """The libpq URL without its password, and the environment that carries the password
    (``PGPASSWORD``): a password in argv is visible to every user of the machine (``ps``)."""
    parsed = make_url(url).set(drivername="postgresql")
    env = dict(os.environ)
    if parsed.password is not None:
        env["PGPASSWORD"] = str(parsed.password)
    return parsed._replace(password=None).render_as_string(hide_password=False), env


def _sqlite_path(url: str) -> Path:
    database = make_url(url).database
    if not database:
        raise ValueError("the SQLite URL names no file")
    return Path(database)


def _dump_database(url: str, target: Path) -> str:
    if url.startswith("sqlite"):
        source = sqlite3.connect(_sqlite_path(url))
        destination = sqlite3.connect(target / "database.sqlite3")
        with destination:
            source.backup(destination)
        source.close()
        destination.close()
        return "database.sqlite3"
    address, env = _libpq(url)
    subprocess.run(
        [
            "pg_dump",
            "--format=custom",
            "--no-owner",
            "--file",
            str(target / "database.dump"),
            address,
        ],
        check=True,
        env=env,
    )
    return "database.dump"


def _restore_database(url: str, source: Path, name: str) -> None:
    if name.endswith(".sqlite3"):
        backup = sqlite3.connect(source / name)
        destination = sqlite3.connect(_sqlite_path(url))
        with destination:
            backup.backup(destination)
        backup.close()
        destination.close()
        return
    address, env = _libpq(url)
    subprocess.run(
        [
            "pg_restore",
            "--clean",
            "--if-exists",
            "--no-owner",
            "--single-transaction",
            "--dbname",
            address,
            str(source / name),
        ],
        check=True,
        env=env,
    )


def _guess_type(key: str) -> str:
    return mimetypes.guess_type(key)[0] or "application/octet-stream"


def _copy_files(target: Path) -> int:
    storage = get_storage()
    files = target / "files"
    files.mkdir()
    types: dict[str, str] = {}
    if isinstance(storage, FileStorage):
        if storage.root.is_dir():
            shutil.copytree(storage.root, files, dirs_exist_ok=True)
        for path in files.rglob("*"):
            if path.is_file():
                key = path.relative_to(files).as_posix()
                types[key] = _guess_type(key)
    elif isinstance(storage, S3Storage):
        paginator = storage.client.get_paginator("list_objects_v2")
        for page in paginator.paginate(Bucket=storage.bucket, Prefix=storage.prefix):
            for item in page.get("Contents", []):
                key = item["Key"][len(storage.prefix) :]
                try:
                    stored = storage.client.get_object(Bucket=storage.bucket, Key=item["Key"])
                except storage.client.exceptions.NoSuchKey:
                    continue
                path = files / key
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(stored["Body"].read())
                types[key] = stored.get("ContentType") or _guess_type(key)
    else:
        raise ValueError("unsupported storage backend")
    (target / CONTENT_TYPES).write_text(json.dumps(types, indent=1, sort_keys=True))
    return len(types)


def _restore_files(source: Path) -> int:
    storage = get_storage()
    listed = source / CONTENT_TYPES
    types: dict[str, str] = json.loads(listed.read_text()) if listed.is_file() else {}
    count = 0
    for path in sorted((source / "files").rglob("*")):
        if path.is_file():
            key = path.relative_to(source / "files").as_posix()
            storage.put(key, path.read_bytes(), types.get(key) or _guess_type(key))
            count += 1
    return count


def create_backup(directory: Path) -> Path:
    """Write a new timestamped backup under ``directory``; returns its folder."""
    settings = get_settings()
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    target = directory / f"cvapp-{stamp}"
    target.mkdir(parents=True)
    database = _dump_database(settings.database_url, target)
    files = _copy_files(target)
    manifest = {
        "created_at": datetime.now(UTC).isoformat(),
        "database": database,
        "files": files,
        "storage": urlparse(settings.storage_url).scheme,
    }
    (target / "manifest.json").write_text(json.dumps(manifest, indent=2))
    return target


def restore_backup(source: Path) -> dict[str, object]:
    """Put a backup's database and files back (the database's tables are replaced)."""
    manifest = json.loads((source / "manifest.json").read_text())
    _restore_database(get_settings().database_url, source, manifest["database"])
    restored = _restore_files(source)
    return {"database": manifest["database"], "files": restored}
