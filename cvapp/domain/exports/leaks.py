"""The last gate before an output leaves: no real client name or sensitive term of an
anonymized project may appear in its final text.

The scan is stricter than the anonymizer on purpose: it also sees through invisible
characters (soft hyphens, zero-width spaces), compatibility forms and Latin look-alikes
from other scripts, which the anonymizer does not rewrite. A hit fails the export with an
error naming the field the term came from.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterable
from typing import Any

from cvapp.domain.anonymize.folding import fold
from cvapp.domain.anonymize.masking import MASK, Masker
from cvapp.domain.anonymize.service import AnonymizableProject
from cvapp.errors import DomainError

# Cyrillic and Greek letters that look like Latin ones.
_LOOKALIKES = str.maketrans(
    "аеорсухіјѕԁӏԛԝАВЕКМНОРСТХІЈЅΑΒΕΖΗΙΚΜΝΟΡΤΥΧοκνρτυχ",
    "aeopcyxijsdlqwABEKMHOPCTXIJSABEZHIKMNOPTYXoknptux",
)


# An embedded image (the photo) is bytes, not text: base64 can spell any short word.
_DATA_URI = re.compile(r"data:[\w/+.-]+;base64,[A-Za-z0-9+/=]+")


class LeakDetected(DomainError):
    """An output would reveal a confidential client: nothing is returned or published."""

    code, status = "ANONYMIZATION_LEAK", 422


def _normalize(text: str) -> str:
    text = unicodedata.normalize("NFKC", html.unescape(_DATA_URI.sub(" ", text)))
    text = "".join(c for c in text if unicodedata.category(c) != "Cf")
    return text.translate(_LOOKALIKES)


class LeakScanner:
    """Finds the confidential terms of anonymized projects in any text."""

    def __init__(self, projects: Iterable[AnonymizableProject]) -> None:
        terms: list[tuple[str, str]] = []
        for project in projects:
            if not project.anonymize:
                continue
            if project.client_name:
                terms.append((project.client_name, MASK))
            terms.extend((term, MASK) for term in project.sensitive_terms)
        # The terms are read like the texts (a Cyrillic name's look-alike letters too).
        self.masker = Masker.build((_normalize(term), mask) for term, mask in terms)

    def __bool__(self) -> bool:
        return bool(self.masker)

    def found(self, text: str) -> bool:
        """Whether ``text`` contains a term in any spelling (case, accents, separators,
        markup and HTML escapes, invisible characters and look-alike letters ignored)."""
        if not self.masker or not text:
            return False
        return self.masker.contains(fold(_normalize(text))[0])

    def check(self, text: str, *, source: Any, output: str) -> None:
        """Raise :class:`LeakDetected` when ``text`` (an ``output``'s text) has a term.

        ``source`` (the render model as a dict) names the field the term came from.
        """
        if not self.found(text):
            return
        fields = [path for path, value in _strings(source, "") if self.found(value)]
        details = [
            {"field": path or "document", "message": "Contains a confidential client term"}
            for path in fields or [output]
        ]
        raise LeakDetected(
            f"The {output} would reveal an anonymized client; fix the named fields",
            details=details,
        )


def _strings(value: Any, path: str) -> Iterable[tuple[str, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, f"{path}.{key}" if path else str(key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            label = item.get("key") or item.get("id") if isinstance(item, dict) else None
            yield from _strings(item, f"{path}[{label or index}]")
