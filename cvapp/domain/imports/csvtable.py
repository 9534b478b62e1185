"""CSV files as LinkedIn writes them: UTF-8 with or without a BOM, quoted multi-line fields,
a header row naming the columns, sometimes after a "Notes:" preamble (a ``Notes:`` line, a
quoted paragraph, a blank line), which is skipped. A header that lacks the columns we need is
refused."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from cvapp.domain.imports import limits
from cvapp.errors import ValidationFailed

csv.field_size_limit(limits.MAX_CSV_BYTES)


@dataclass(frozen=True)
class Columns:
    """The columns a file must have (each: one name or alternatives) and may have."""

    required: tuple[tuple[str, ...], ...]
    optional: tuple[str, ...] = ()

    def expected(self) -> str:
        names = [" or ".join(choices) for choices in self.required] + list(self.optional)
        return ", ".join(names)


@dataclass(frozen=True)
class Row:
    """One record: its values by column name and the line it starts on."""

    values: dict[str, str]
    line: int

    def get(self, column: str) -> str:
        """The cell of ``column``; ``"Started On|Start Date"`` names the column as one layout
        of the file or another calls it (the first one filled)."""
        for name in column.split("|"):
            value = self.values.get(_key(name), "").strip()
            if value:
                return value
        return ""


def _key(column: str) -> str:
    return " ".join(column.replace("\ufeff", "").split()).casefold()


def decode(data: bytes) -> str:
    """The text of a CSV: UTF-8 (a BOM is dropped); Windows-1252 as a last resort."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _records(text: str) -> Any:
    return csv.reader(io.StringIO(text, newline=""), strict=False)


def _header(records: Any) -> list[str]:
    """The header row: the first non-blank record after any "Notes:" preamble."""
    in_notes = False
    for record in records:
        blank = not any(cell.strip() for cell in record)
        if in_notes:
            in_notes = not blank
            continue
        if blank:
            continue
        if len(record) == 1 and record[0].strip().casefold() == "notes:":
            in_notes = True
            continue
        return list(record)
    return []


def check_header(name: str, head: bytes, columns: Columns) -> None:
    """Refuse a file whose header row lacks a required column (``head``: its first bytes)."""
    text = head.decode("utf-8-sig", errors="ignore")  # the last character may be cut
    if "\n" in text:
        text = text[: text.rfind("\n")] or text
    try:
        header = _header(_records(text))
    except csv.Error as exc:
        raise _unreadable(name, str(exc)) from None
    _require(name, header, columns)


def _require(name: str, header: Sequence[str], columns: Columns) -> list[str]:
    keys = [_key(cell) for cell in header]
    missing = [
        " or ".join(choices)
        for choices in columns.required
        if not any(_key(choice) in keys for choice in choices)
    ]
    if missing:
        found = ", ".join(cell.strip() for cell in header if cell.strip()) or "nothing"
        message = (
            f"{name} does not have the columns of LinkedIn's {name.rsplit('/', 1)[-1]}: "
            f"expected {columns.expected()}; found {found}"
        )
        raise ValidationFailed(message, details=[{"field": name, "message": message}])
    return keys


def read_rows(name: str, data: bytes, columns: Columns) -> list[Row]:
    """The records of a CSV file, checked against ``columns``; blank lines are skipped."""
    records = _records(decode(data))
    rows: list[Row] = []
    try:
        header = _header(records)
        keys = _require(name, header, columns)
        line = records.line_num + 1
        for record in records:
            if any(cell.strip() for cell in record):
                rows.append(Row(dict(zip(keys, record, strict=False)), line))
                if len(rows) > limits.MAX_CSV_ROWS:
                    raise _unreadable(name, f"more than {limits.MAX_CSV_ROWS} rows")
            line = records.line_num + 1
    except csv.Error as exc:
        raise _unreadable(name, str(exc)) from None
    return rows


def _unreadable(name: str, reason: str) -> ValidationFailed:
    message = f"{name} could not be read as CSV ({reason})"
    return ValidationFailed(message, details=[{"field": name, "message": message}])
