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
