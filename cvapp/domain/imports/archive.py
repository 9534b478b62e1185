"""Reading a ZIP someone uploaded, without trusting it.

Sizes and ratios are checked from the central directory before anything is decompressed;
entries are read into memory (never extracted to disk), capped at their declared size. Names
that climb out of the archive (``../``, absolute, drive letters), links, encrypted entries and
archives inside the archive are ignored and reported.
"""

from __future__ import annotations

import io
import stat
import zipfile
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from cvapp.domain.imports import limits
from cvapp.errors import PayloadTooLarge, UnsupportedMediaType

_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")
_ARCHIVES = (".zip", ".gz", ".tgz", ".tar", ".7z", ".rar", ".bz2", ".xz", ".jar", ".zst")
_CHUNK = 64 * 1024
NOT_A_ZIP = (
    "This file is not a ZIP archive. Upload the .zip file LinkedIn sends you "
    "(Settings → Data privacy → Get a copy of your data), as it was downloaded."
)


@dataclass(frozen=True)
class Entry:
    """A readable entry: its path in the archive and its file name."""

    path: str
    name: str
    depth: int
    info: zipfile.ZipInfo


@dataclass
class SafeZip:
    """An opened archive: the entries it is safe to read and the ones left alone."""

    archive: zipfile.ZipFile
    entries: list[Entry] = field(default_factory=list)
    ignored: list[tuple[str, str]] = field(default_factory=list)

    def read(self, entry: Entry, *, limit: int = limits.MAX_CSV_BYTES) -> bytes:
        """The entry's bytes; refused when they pass ``limit`` or their declared size."""
        allowed = min(limit, entry.info.file_size)
        if entry.info.file_size > limit:
            raise PayloadTooLarge(f"{entry.path} is larger than {limit // limits.MB} MB")
        chunks: list[bytes] = []
        size = 0
        try:
            with self.archive.open(entry.info) as handle:
                while chunk := handle.read(_CHUNK):
                    size += len(chunk)
                    if size > allowed:
                        raise PayloadTooLarge(f"{entry.path} is larger than it claims to be")
                    chunks.append(chunk)
        except (zipfile.BadZipFile, EOFError, NotImplementedError) as exc:
            raise UnsupportedMediaType(f"{entry.path} is damaged in the archive: {exc}") from None
        return b"".join(chunks)

    def head(self, entry: Entry, size: int = _CHUNK) -> bytes:
        """The first ``size`` bytes of an entry (enough for a CSV header)."""
        try:
            with self.archive.open(entry.info) as handle:
                return handle.read(min(size, entry.info.file_size))
        except (zipfile.BadZipFile, EOFError, NotImplementedError) as exc:
            raise UnsupportedMediaType(f"{entry.path} is damaged in the archive: {exc}") from None


def open_zip(data: bytes) -> SafeZip:
    """Open ``data`` as a ZIP after checking its size, entry count and expansion."""
    if len(data) > limits.MAX_UPLOAD_BYTES:
        raise PayloadTooLarge(f"The file is larger than {limits.MAX_UPLOAD_BYTES // limits.MB} MB")
    if not data.startswith(_ZIP_MAGIC):
        raise UnsupportedMediaType(NOT_A_ZIP)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError):
        raise UnsupportedMediaType(NOT_A_ZIP) from None
    _check_expansion(infos, len(data))
    opened = SafeZip(archive)
    for info in infos:
        _sort(opened, info)
    return opened


def _check_expansion(infos: list[zipfile.ZipInfo], archive_size: int) -> None:
    if len(infos) > limits.MAX_ENTRIES:
        raise PayloadTooLarge(f"The archive has more than {limits.MAX_ENTRIES} entries")
    total = sum(info.file_size for info in infos)
    if total > limits.MAX_UNCOMPRESSED_BYTES:
        raise PayloadTooLarge(
            f"The archive would expand to {total // limits.MB} MB; "
            f"{limits.MAX_UNCOMPRESSED_BYTES // limits.MB} MB is the most we accept"
        )
    too_dense = total > limits.RATIO_CHECKED_FROM and total > archive_size * limits.MAX_RATIO
    for info in infos:
        if info.file_size >= limits.RATIO_CHECKED_FROM:
            too_dense = too_dense or info.file_size > info.compress_size * limits.MAX_RATIO
    if too_dense:
        raise PayloadTooLarge(
            f"The archive expands more than {limits.MAX_RATIO} times its size "
            "(it looks like a ZIP bomb); it was not opened"
        )


def _sort(opened: SafeZip, info: zipfile.ZipInfo) -> None:
    """File ``info`` under the readable entries or the ignored ones (with the reason)."""
    raw = info.filename
    if raw.endswith(("/", "\\")):
        return
    path = raw.replace("\\", "/")
    parts = PurePosixPath(path).parts
    name = parts[-1] if parts else ""
    if path.startswith("/") or ".." in parts or (parts and ":" in parts[0]):
        opened.ignored.append((raw, "unsafe path"))
    elif stat.S_ISLNK(info.external_attr >> 16):
        opened.ignored.append((raw, "symbolic link"))
    elif info.flag_bits & 0x1:
        opened.ignored.append((raw, "encrypted"))
    elif name.lower().endswith(_ARCHIVES):
        opened.ignored.append((raw, "archive inside the archive"))
    elif "__MACOSX" in parts or name.startswith("._") or name == ".DS_Store":
        return
    else:
        opened.entries.append(Entry(path=path, name=name, depth=len(parts), info=info))
