"""Full-text search: PostgreSQL's indexed ``tsvector`` documents, a LIKE fallback on SQLite.

Both match every word of the query as a word prefix (``pyth`` finds ``Python``), so the two
databases agree on the same data. On PostgreSQL the condition repeats the indexed document
expression verbatim, which is what lets the planner use the GIN index.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from sqlalchemy import ColumnElement, and_, func, literal, literal_column, true

MAX_TERMS = 8
_WORD = re.compile(r"[^\W_]+")


def search_terms(query: str) -> list[str]:
    """The lowercased words of a user's query (punctuation and operators dropped)."""
    return [word.lower() for word in _WORD.findall(query[:500])][:MAX_TERMS]


def text_match(
    dialect: str, *, document: str, columns: Sequence[Any], query: str
) -> ColumnElement[bool]:
    """A condition true when every word of ``query`` starts a word of the document."""
    terms = search_terms(query)
    if not terms:
        return true()
    if dialect == "postgresql":
        tsquery = " & ".join(f"{term}:*" for term in terms)
        return literal_column(document).bool_op("@@")(func.to_tsquery("simple", tsquery))
    haystack: Any = literal(" ")
    for column in columns:
        haystack = haystack + func.coalesce(column, "") + " "
    haystack = func.lower(func.replace(func.replace(haystack, "\n", " "), "\t", " "))
    return and_(*(haystack.like(f"% {term}%") for term in terms))
