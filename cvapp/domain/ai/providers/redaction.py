"""What may leave for an outside model: confidential names swapped for numbered placeholders.

Every string of a prompt (the task, the profile, the user's text, a job advert) goes through
the masking the exports use (:mod:`cvapp.domain.anonymize`), so a spelling variant of a hidden
client is caught here as it is in a PDF. Each name gets its own placeholder, put back in the
answer: the owner sees their own words, the provider never does. An answer that names a
confidential client anyway (the prompt cannot have told it) is refused.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from cvapp.domain.ai.errors import AiBadResponse
from cvapp.domain.anonymize.masking import Masker
from cvapp.domain.anonymize.service import anonymize
from cvapp.domain.exports.leaks import LeakScanner

PLACEHOLDER = "[confidential client {number}]"
_PLACEHOLDER = re.compile(r"\[confidential client (\d+)\]", re.IGNORECASE)


@dataclass
class _Terms:
    """The confidential names as the leak scanner reads a project's."""

    sensitive_terms: list[str]
    anonymize: bool = True
    client_name: str | None = None
    client_alias: str | None = None


@dataclass
class Redaction:
    """The masking of one conversation and the way back for its answer."""

    terms: tuple[str, ...]
    masker: Masker = field(init=False)
    scanner: LeakScanner = field(init=False)

    def __post_init__(self) -> None:
        self.terms = tuple(dict.fromkeys(t.strip() for t in self.terms if t and t.strip()))
        self.masker = Masker.build(
            (term, PLACEHOLDER.format(number=n)) for n, term in enumerate(self.terms, start=1)
        )
        self.scanner = LeakScanner([_Terms(sensitive_terms=list(self.terms))])

    @classmethod
    def of(cls, terms: Iterable[str]) -> Redaction:
        return cls(tuple(terms))

    def outgoing(self, value: Any) -> Any:
        """``value`` (text, or dicts and lists of it) with every confidential name replaced."""
        return anonymize(value, masker=self.masker) if self.masker else value

    def check_answer(self, content: str | None) -> None:
        """Refuse an answer that names a confidential client."""
        if content and self.scanner.found(content):
            raise AiBadResponse(
                "The AI provider's answer named a confidential client; nothing was changed. "
                "Try again, or use the offline assistant."
            )

    def restore(self, value: Any) -> Any:
        """``value`` with the placeholders turned back into the names they stand for."""
        if isinstance(value, str):
            return _PLACEHOLDER.sub(self._name, value)
        if isinstance(value, list):
            return [self.restore(item) for item in value]
        if isinstance(value, dict):
            return {key: self.restore(item) for key, item in value.items()}
        return value

    def _name(self, match: re.Match[str]) -> str:
        number = int(match.group(1))
        return self.terms[number - 1] if 0 < number <= len(self.terms) else match.group(0)
