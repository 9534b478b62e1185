"""File storage: the local filesystem (``file://dir``) or S3/MinIO (``s3://bucket``).

Writes are atomic on the filesystem (temp file + rename), so a half-written file is never
served. A write the storage refuses (disk full, bucket unreachable…) raises StorageError: a
job retries it, a request answers 503.
"""

from __future__ import annotations

import os
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Protocol
from urllib.parse import urlparse

from pydantic import SecretStr

from cvapp.settings import get_settings


class StorageError(Exception):
    """The storage refused a write; transient as far as callers can tell."""


class Storage(Protocol):
    def put(self, key: str, data: bytes, content_type: str) -> None: ...
    def get(self, key: str) -> bytes | None: ...
    def delete(self, key: str) -> None: ...
    def delete_prefix(self, prefix: str) -> int: ...
    def check(self) -> None: ...


class FileStorage:
    def __init__(self, root: Path) -> None:
        self.root = root

    def _path(self, key: str) -> Path:
        path = (self.root / key).resolve()
        if not str(path).startswith(str(self.root.resolve()) + os.sep):
            raise ValueError(f"invalid storage key: {key!r}")
        return path

    def put(self, key: str, data: bytes, content_type: str) -> None:
        path = self._path(key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        except OSError as exc:
            raise StorageError(f"Could not store {key}: {exc.strerror or exc}") from exc
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.replace(tmp, path)
        except BaseException as exc:
            Path(tmp).unlink(missing_ok=True)
            if isinstance(exc, OSError):
                raise StorageError(f"Could not store {key}: {exc.strerror or exc}") from exc
            raise

    def get(self, key: str) -> bytes | None:
        path = self._path(key)
        return path.read_bytes() if path.is_file() else None

    def delete(self, key: str) -> None:
        self._path(key).unlink(missing_ok=True)

    def delete_prefix(self, prefix: str) -> int:
        base = self._path(prefix.rstrip("/") + "/x").parent
        count = 0
        if base.is_dir():
            for path in sorted(base.rglob("*"), reverse=True):
                if path.is_file():
                    path.unlink()
                    count += 1
                elif path.is_dir():
                    path.rmdir()
            base.rmdir()
        return count

    def check(self) -> None:
        self.root.mkdir(parents=True, exist_ok=True)
        probe = self.root / ".ready-probe"
        probe.write_bytes(b"ok")
        probe.unlink()


class S3Storage:
    def __init__(self, bucket: str, prefix: str) -> None:
        import boto3

        settings = get_settings()
        self.bucket = bucket
        # "s3://bucket/cvapp" and "s3://bucket/cvapp/" both mean the folder "cvapp/".
        folder = prefix.strip("/")
        self.prefix = f"{folder}/" if folder else ""
        self.client = boto3.client(
            "s3",
            endpoint_url=settings.s3_endpoint_url,
            aws_access_key_id=settings.s3_access_key_id,
            aws_secret_access_key=_revealed(settings.s3_secret_access_key),
            region_name=settings.s3_region,
        )

    def _key(self, key: str) -> str:
        return f"{self.prefix}{key}"

    def put(self, key: str, data: bytes, content_type: str) -> None:
        from botocore.exceptions import BotoCoreError, ClientError

        try:
            self.client.put_object(
                Bucket=self.bucket, Key=self._key(key), Body=data, ContentType=content_type
            )
        except (BotoCoreError, ClientError) as exc:
            raise StorageError(f"Could not store {key}: {exc}") from exc

    def get(self, key: str) -> bytes | None:
        try:
            response = self.client.get_object(Bucket=self.bucket, Key=self._key(key))
        except self.client.exceptions.NoSuchKey:
            return None
        return bytes(response["Body"].read())

    def delete(self, key: str) -> None:
        self.client.delete_object(Bucket=self.bucket, Key=self._key(key))

    def delete_prefix(self, prefix: str) -> int:
        count = 0
        paginator = self.client.get_paginator("list_objects_v2")
        for page in paginator.paginate(Bucket=self.bucket, Prefix=self._key(prefix)):
            objects = [{"Key": item["Key"]} for item in page.get("Contents", [])]
            if objects:
                self.client.delete_objects(Bucket=self.bucket, Delete={"Objects": objects})
                count += len(objects)
        return count

    def check(self) -> None:
        self.client.head_bucket(Bucket=self.bucket)


def storage_from_url(url: str) -> Storage:
    parsed = urlparse(url)
    if parsed.scheme == "file":
        return FileStorage(Path(parsed.netloc + parsed.path))
    if parsed.scheme == "s3":
        return S3Storage(parsed.netloc, parsed.path)
    raise ValueError(f"unsupported storage URL scheme: {parsed.scheme!r}")


@lru_cache
def get_storage() -> Storage:
    return storage_from_url(get_settings().storage_url)


def _revealed(secret: SecretStr | None) -> str | None:
    return secret.get_secret_value() if secret is not None else None
