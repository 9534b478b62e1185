"""The S3 backend's keys under a storage URL's folder, with or without a trailing slash."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from moto import mock_aws

from cvapp.storage import S3Storage, storage_from_url


@pytest.fixture
def aws(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    for name, value in {
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_DEFAULT_REGION": "us-east-1",
    }.items():
        monkeypatch.setenv(name, value)
    with mock_aws():
        yield


@pytest.mark.parametrize(
    ("url", "key_prefix"),
    [
        ("s3://files/cvapp", "cvapp/"),
        ("s3://files/cvapp/", "cvapp/"),
        ("s3://files/a/b", "a/b/"),
        ("s3://files", ""),
    ],
)
def test_keys_live_in_the_urls_folder(aws: None, url: str, key_prefix: str) -> None:
    storage = storage_from_url(url)
    assert isinstance(storage, S3Storage)
    storage.client.create_bucket(Bucket="files")
    storage.put("exports/u1/cv.pdf", b"%PDF", "application/pdf")
    keys = [o["Key"] for o in storage.client.list_objects_v2(Bucket="files")["Contents"]]
    assert keys == [f"{key_prefix}exports/u1/cv.pdf"]
    assert storage.get("exports/u1/cv.pdf") == b"%PDF"
    assert storage.delete_prefix("exports/u1") == 1
    assert storage.client.list_objects_v2(Bucket="files").get("KeyCount") == 0
