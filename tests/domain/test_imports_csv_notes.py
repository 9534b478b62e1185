"""LinkedIn's "Notes:" preamble before the header is skipped on any CSV (issue #19 point 2)."""

from __future__ import annotations

import pytest

from cvapp.domain.imports.csvtable import Columns, check_header, read_rows
from cvapp.errors import ValidationFailed

COLUMNS = Columns(required=(("Email Address",),), optional=("Primary",))
PREAMBLE = (
    'Notes:\r\n"When exporting your data, you may notice that some values are missing.\r\n'
    'See the help centre."\r\n\r\n'
)
BODY = "Email Address,Primary\r\nlena@example.org,Yes\r\nold@example.net,No\r\n"


@pytest.mark.parametrize("text", [PREAMBLE + BODY, BODY, "\ufeff" + PREAMBLE + BODY])
def test_rows_are_read_with_or_without_a_notes_preamble(text: str) -> None:
    data = text.encode("utf-8")
    check_header("Email Addresses.csv", data, COLUMNS)
    rows = read_rows("Email Addresses.csv", data, COLUMNS)
    assert [(r.get("Email Address"), r.get("Primary")) for r in rows] == [
        ("lena@example.org", "Yes"),
        ("old@example.net", "No"),
    ]
    assert rows[0].line == text.replace("\r\n", "\n").count("\n", 0, text.index("lena")) + 1


def test_a_notes_preamble_without_a_header_after_it_is_still_refused() -> None:
    data = (PREAMBLE + "lena@example.org,Yes\r\n").encode()
    with pytest.raises(ValidationFailed, match="expected Email Address"):
        read_rows("Email Addresses.csv", data, COLUMNS)
