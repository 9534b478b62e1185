"""Normal forms that make two spellings of the same thing compare equal."""

from __future__ import annotations

import re
import unicodedata

_LEGAL_FORMS = frozenset(
    {"inc", "llc", "ltd", "limited", "gmbh", "ag", "sa", "sas", "sarl", "bv", "nv", "plc",
     "corp", "corporation", "co", "company", "srl", "spa", "oy", "ab", "kg", "se", "pte",
     "pty", "lp", "llp", "the"}
)  # fmt: skip
_WORD = re.compile(r"[^\w+#]+")


MINOR_WORDS = frozenset(
    {"of", "the", "and", "for", "at", "in", "de", "la", "le", "des", "du", "für", "der", "und"}
)
"""Words initials skip ("Massachusetts Institute of Technology" → MIT)."""


def url_key(value: object) -> str:
    """A web address as what it points at: scheme, ``www.``, case of the host and a final
    slash aside ("https://www.Ann.dev/" ≡ "http://ann.dev")."""
    if not isinstance(value, str) or not value.strip():
        return ""
    text = value.strip()
    text = re.sub(r"^[a-z][a-z0-9+.-]*://", "", text, flags=re.I)
    host, _, rest = text.partition("/")
    host = host.lower().removeprefix("www.")
    return f"{host}/{rest}".rstrip("/")


def text_key(value: object) -> str:
    """Casefolded, accents dropped, punctuation as spaces, spaces collapsed."""
    if not isinstance(value, str):
        return ""
    folded = unicodedata.normalize("NFKD", value.casefold())
    plain = "".join(c for c in folded if not unicodedata.combining(c))
    return " ".join(_WORD.sub(" ", plain).split())


def org_key(value: object) -> str:
    """An organisation's name without its legal form ("ACME GmbH" ≡ "Acme")."""
    words = [word for word in text_key(value).split() if word not in _LEGAL_FORMS]
    return " ".join(words) or text_key(value)


def name_key(value: object) -> str:
    """A skill or language name with spaces and punctuation gone ("Node.js" ≡ "NodeJS")."""
    return text_key(value).replace(" ", "")


def line_key(value: object) -> str:
    """A bullet or list entry, ignoring case, spacing and a final full stop."""
    return text_key(value)
