"""The export formats: media type and file extension of each."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from cvapp.errors import ValidationFailed

Format = Literal["pdf", "json", "jsonresume", "markdown", "docx", "html"]


@dataclass(frozen=True)
class FormatInfo:
    key: str
    extension: str
    content_type: str
    label: str


FORMATS: dict[str, FormatInfo] = {
    f.key: f
    for f in (
        FormatInfo("pdf", "pdf", "application/pdf", "PDF"),
        FormatInfo("json", "json", "application/json", "JSON"),
        FormatInfo("jsonresume", "jsonresume.json", "application/json", "JSON Resume"),
        FormatInfo("markdown", "md", "text/markdown; charset=utf-8", "Markdown"),
        FormatInfo(
            "docx",
            "docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "DOCX",
        ),
        FormatInfo("html", "html", "text/html; charset=utf-8", "HTML"),
    )
}
BY_EXTENSION = {f.extension: f for f in FORMATS.values()}


def get_format(key: str) -> FormatInfo:
    try:
        return FORMATS[key]
    except KeyError:
        raise ValidationFailed.field("format", f"Use one of {', '.join(FORMATS)}") from None
