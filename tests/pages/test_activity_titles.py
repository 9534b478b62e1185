"""Every action the audit log records reads as words on the Activity page."""

from __future__ import annotations

import re
from pathlib import Path

from cvapp.pages.account.activity import _TITLES, title

ROOT = Path(__file__).resolve().parents[2] / "cvapp"


def test_every_recorded_action_has_a_title() -> None:
    recorded = {
        action
        for path in ROOT.rglob("*.py")
        for action in re.findall(r'action="([a-z]+\.[a-z_]+)"', path.read_text())
    }
    assert recorded, "the audit actions were not found"
    assert sorted(recorded - set(_TITLES)) == []


def test_an_unknown_action_still_reads_as_words() -> None:
    assert title("account.something_new") == "Something new"
    assert title("auth.login") == "Signed in"
