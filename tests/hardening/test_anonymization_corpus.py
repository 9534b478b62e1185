"""Issue #15 point 4: every spelling variant of a hidden client is masked, and the last gate
(the leak scanner) finds each one in raw text; near misses are left alone."""

from __future__ import annotations

import time
from types import SimpleNamespace

import pytest

from cvapp.domain.anonymize.masking import squashed
from cvapp.domain.anonymize.service import masker_for
from cvapp.domain.exports.leaks import LeakScanner
from tests.hardening.anonymization_corpus import NEAR_MISSES, PROJECTS, VARIANTS

SOURCES = [
    SimpleNamespace(
        anonymize=True,
        client_name=p["client_name"],
        client_alias=p["client_alias"],
        sensitive_terms=p["sensitive_terms"],
    )
    for p in PROJECTS
]
MASKER = masker_for(SOURCES)
SCANNER = LeakScanner(SOURCES)


@pytest.mark.parametrize(("text", "hidden"), VARIANTS)
def test_every_variant_is_masked_and_the_masked_text_passes(text: str, hidden: str) -> None:
    assert SCANNER.found(text), f"the scanner misses {text!r}"
    masked = MASKER.mask(text)
    assert not SCANNER.found(masked), masked
    assert squashed(hidden) not in squashed(masked), masked  # in no spelling at all


@pytest.mark.parametrize("text", NEAR_MISSES)
def test_near_misses_are_left_alone(text: str) -> None:
    assert MASKER.mask(text) == text
    assert not SCANNER.found(text)


def test_html_escaped_markup_is_seen_by_the_scanner() -> None:
    assert SCANNER.found("<p>Globex&lt;br&gt;Secret Corp</p>")
    assert SCANNER.found('<a href="https://acmebank.com">site</a>')


def test_masking_a_long_cv_stays_cheap() -> None:
    text = " ".join(text for text, _ in VARIANTS + [(n, "") for n in NEAR_MISSES]) * 20
    started = time.perf_counter()
    MASKER.mask(text)
    assert time.perf_counter() - started < 2.0  # ~40 KB of text (a long CV is 10–20 KB)
