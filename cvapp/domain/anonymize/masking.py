"""Replace a client's name and sensitive terms in free text, in every spelling people use.

Matching ignores case and accents (``ACME``, ``acmé`` and ``Acme`` are one name). Between the
words of a term any run of separators counts, or none: spaces, hyphens, dots, underscores,
slashes, middle dots and bullets, markup (``Globex<br>Secret Corp``, ``**Acme** Bank``,
``&nbsp;``), so ``Acme Bank``, ``acme-bank``, ``Acme/Bank``, ``Acme·Bank`` and ``AcmeBank``
are one name; plurals and possessives (``Acme Banks``, ``Acme Bank's``) too. Only whole
words match in prose: masking ``Acme`` leaves ``Acmeville`` alone. A name of several words or
of six letters and more is also found inside any longer token (``#AcmeBankCareers``,
``acmebank-alice``, ``jobs@acmebank.com``): that whole token is replaced. In a URL, an email
address or a bare domain, the whole host or path segment that holds a term becomes
:data:`URL_MASK`, so no fragment of the name survives.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from dataclasses import dataclass

from cvapp.domain.anonymize.folding import fold, source_span

MASK = "[confidential]"
URL_MASK = "confidential"
DEFAULT_ALIAS = "a confidential client"
MIN_TERM_LENGTH = 2
MIN_JOINED_LENGTH = 6  # a one-word term this long is also looked for inside longer tokens

_LINK = re.compile(
    r"(?:https?://|www\.)[^\s<>\"'()\[\]]+"
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
    r"|(?<![\w@.-])(?:[\w-]+\.)+[a-z]{2,24}(?:/[^\s<>\"'()\[\]]*)?",
    re.IGNORECASE,
)
_LINK_TOKENS = re.compile(r"([/?#&=@:;+]+)")
# How a term's words are split, and what may stand between them in a text (or nothing).
_SEPARATOR = re.compile(r"[\s\-_.]+")
_BETWEEN = r"(?:[\s\-_./·•|+*~]|<[^<>]{0,40}>|&(?:nbsp|#160|#xa0);)*"
_SUFFIX = r"(?:e?s)?"  # plurals; a possessive's "'s" stays after the replacement
_WORD = r"[^\W_]"
_SENTENCE_END = ".!?\n"
_TOKEN = re.compile(r"\S+")
_EDGE = "\"'“”‘’()[]{}<>.,;:!?*"


# A token that is a handle, a tag or a joined name (#Tag, @user, a-b, a_b, 2Name, CamelCase):
# a one-word term is looked for inside those only, never inside a plain word ("Siemensstadt").
_HANDLE = re.compile(r"[#@_/\-\d]|[a-zà-ÿ][A-ZÀ-Þ]")


def _joinable(folded_term: str) -> bool:
    """A term whose only non-letters are separators: "Loyalty+" is not "loyalty" joined."""
    return all(c.isalnum() or _SEPARATOR.fullmatch(c) for c in folded_term)


def squashed(text: str) -> str:
    """Letters and digits only, case and accents folded: every spelling of a name alike."""
    return "".join(c for c in fold(html.unescape(text))[0] if c.isalnum())


def _pattern(folded_term: str) -> str:
    parts = [re.escape(part) for part in _SEPARATOR.split(folded_term) if part]
    return f"(?<!{_WORD}){_BETWEEN.join(parts)}{_SUFFIX}(?!{_WORD})"


@dataclass(frozen=True)
class Masker:
    """Compiled terms and what each becomes; :meth:`mask` applies them to a text."""

    pattern: re.Pattern[str] | None
    replacements: tuple[str, ...]
    # (squashed term, replacement, several words) looked for inside longer tokens
    joined: tuple[tuple[str, str, bool], ...] = ()

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
        joined = tuple(
            (squashed(term), chosen[term], " " in term)
            for term in ordered
            if _joinable(term) and (" " in term or len(squashed(term)) >= MIN_JOINED_LENGTH)
        )
        return cls(re.compile(alternatives), tuple(chosen[term] for term in ordered), joined)

    def __bool__(self) -> bool:
        return self.pattern is not None

    def contains(self, text: str) -> bool:
        """Whether ``text`` (already folded and normalised) holds a term in any spelling."""
        if self.pattern is None or not text:
            return False
        if self.pattern.search(text):
            return True
        return any(self._joined_in(token) is not None for token in _TOKEN.findall(text))

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
        return self._mask_tokens("".join(out))

    def _joined_in(self, token: str) -> str | None:
        """The replacement of a term hidden inside ``token`` (``#AcmeBankJobs``), if any."""
        if not self.joined:
            return None
        flat = squashed(token)
        handle = _HANDLE.search(token) is not None
        return next(
            (
                replacement
                for term, replacement, several in self.joined
                if term in flat and (several or handle)
            ),
            None,
        )

    def _matches(self, text: str) -> bool:
        assert self.pattern is not None
        folded = fold(text)[0]
        return self.pattern.search(folded) is not None or self._joined_in(folded) is not None

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

    def _mask_tokens(self, text: str) -> str:
        """What the word patterns cannot see: a term joined into a longer token."""
        if not self.joined:
            return text

        def replace(match: re.Match[str]) -> str:
            token = match.group(0)
            replacement = self._joined_in(token)
            if replacement is None:
                return token
            core = token.strip(_EDGE)
            lead = token[: len(token) - len(token.lstrip(_EDGE))]
            trail = token[len(lead) + len(core) :]
            return f"{lead}{replacement}{trail}"

        return _TOKEN.sub(replace, text)
