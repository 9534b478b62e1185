"""The readers by source: ``inspect`` checks an upload quickly, ``read`` makes its draft."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from cvapp.domain.imports.draft import Draft
from cvapp.domain.imports.jsonresume import reader as jsonresume
from cvapp.domain.imports.linkedin import export as linkedin
from cvapp.domain.imports.resume import reader as resume


@dataclass(frozen=True)
class Reader:
    inspect: Callable[[bytes], Draft]
    read: Callable[[bytes], Draft]
    content_type: str


READERS = {
    "linkedin": Reader(linkedin.inspect, linkedin.read, "application/zip"),
    "jsonresume": Reader(jsonresume.inspect, jsonresume.read, "application/json"),
    "resume": Reader(resume.inspect, resume.read, "application/octet-stream"),
}
