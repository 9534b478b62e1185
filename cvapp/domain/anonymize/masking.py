"""Replace a client's name and sensitive terms in free text, whole words only.

Matching ignores case and accents (``ACME``, ``acmé`` and ``Acme`` are one name) and treats
spaces, hyphens, dots and underscores inside a term alike (``Acme Corp`` = ``acme-corp``).
Only whole words match: masking ``Acme`` leaves ``Acmeville`` alone. Links get special
care: in a URL, an email address or a bare domain, the whole host or path segment that
contains a term is replaced by :data:`URL_MASK`, so no fragment of the name survives.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from cvapp.domain.anonymize.folding import fold, source_span

MASK = "[confidential]"
URL_MASK = "confidential"
DEFAULT_ALIAS = "a confidential client"
MIN_TERM_LENGTH = 2

_LINK = re.compile(
    r"(?:https?://|www\.)[^\s<>\"'()\[\]]+"
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
    r"|(?<![\w@.-])(?:[\w-]+\.)+[a-z]{2,24}(?:/[^\s<>\"'()\[\]]*)?",
    re.IGNORECASE,
)
_LINK_TOKENS = re.compile(r"([/?#&=@:;+]+)")
_SEPARATOR = re.compile(r"[\s\-_.]+")
_WORD = r"[^\W_]"
_SENTENCE_END = ".!?\n"


def _pattern(folded_term: str) -> str:
    parts = [re.escape(part) for part in _SEPARATOR.split(folded_term) if part]
    return f"(?<!{_WORD}){_SEPARATOR.pattern.join(parts)}(?!{_WORD})"


@dataclass(frozen=True)
class Masker:
    """Compiled terms and what each becomes; :meth:`mask` applies them to a text."""

    pattern: re.Pattern[str] | None
    replacements: tuple[str, ...]

    @classmethod
    def build(cls, terms: Iterable[tuple[str, str]]) -> Masker:
        """A masker for ``(term, replacement)`` pairs; the first replacement of a term wins."""
        chosen: dict[str, str] = {}
        for term, replacement in terms:
            folded = " ".join(_SEPARATOR.split(fold(term)[0])).strip()
            if len(folded) >= MIN_TERM_LENGTH and folded not in chosen:
                chosen[folded] = replacement
        if not chosen:
            return cls(None, ())
        ordered = sorted(chosen, key=len, reverse=True)  # longest first: "Acme Bank" > "Acme"
        alternatives = "|".join(f"(?P<t{i}>{_pattern(term)})" for i, term in enumerate(ordered))
        return cls(re.compile(alternatives), tuple(chosen[term] for term in ordered))

    def __bool__(self) -> bool:
        return self.pattern is not None

    def mask(self, text: str) -> str:
        """``text`` with every term replaced; links masked segment by segment."""
        if self.pattern is None or not text:
            return text
        out: list[str] = []
        position = 0
        for link in _LINK.finditer(text):
            start, end = link.start(), link.end()
            while end > start and text[end - 1] in ".,;:!?":
                end -= 1
            out.append(self._mask_words(text[position:start], text[:position]))
            out.append(self._mask_link(text[start:end]))
            position = end
        out.append(self._mask_words(text[position:], text[:position]))
        return "".join(out)

    def _matches(self, text: str) -> bool:
        assert self.pattern is not None
        return self.pattern.search(fold(text)[0]) is not None

    def _mask_link(self, link: str) -> str:
        tokens = _LINK_TOKENS.split(link)
        masked = [
            URL_MASK if index % 2 == 0 and token and self._matches(token) else token
            for index, token in enumerate(tokens)
        ]
        result = "".join(masked)
        return URL_MASK if self._matches(result) else result

    def _mask_words(self, text: str, before: str) -> str:
        assert self.pattern is not None
        folded, sources = fold(text)
        out: list[str] = []
        position = 0
        for match in self.pattern.finditer(folded):
            start, end = source_span(text, sources, match.start(), match.end())
            replacement = self.replacements[int(str(match.lastgroup)[1:])]
            preceding = (before + text[:start]).rstrip(" \t")
            if not preceding or preceding[-1] in _SENTENCE_END:
                replacement = replacement[:1].upper() + replacement[1:]
            out.append(text[position:start])
            out.append(replacement)
            position = end
        out.append(text[position:])
        return "".join(out)
