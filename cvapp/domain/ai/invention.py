"""No invention: claims in an AI text that the user's own data does not back.

Numbers, dates, organisations (proper names), tools/skills and job titles found in the text
are looked up in everything the user wrote (profile, items, the text being improved). What
is not found comes back as an :class:`UnsupportedClaim` to highlight; names the user marked
confidential (clients of anonymized projects) are flagged too.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from rapidfuzz import fuzz

from cvapp.domain.ai import claims
from cvapp.domain.ai.facts import ProfileFacts
from cvapp.domain.ai.schemas import ClaimKind, UnsupportedClaim
from cvapp.domain.ai.timeline import covered_years, years_spanned
from cvapp.domain.ai.vocabulary import find_skills, skills_in

NAME_MATCH = 90


@dataclass(frozen=True)
class KnownFacts:
    """Everything a claim may be checked against, prepared once per request."""

    text: str
    numbers: frozenset[float]
    years: frozenset[int]
    skills: frozenset[str]
    names: tuple[str, ...]
    private: tuple[str, ...]

    def mentions(self, phrase: str) -> bool:
        """Whether ``phrase`` occurs in the user's data (as words) or closely matches a name."""
        needle = " ".join(phrase.casefold().split())
        if re.search(rf"(?<!\w){re.escape(needle)}(?!\w)", self.text):
            return True
        return any(fuzz.ratio(needle, name) >= NAME_MATCH for name in self.names)


def known_facts(
    facts: ProfileFacts, *, sources: Iterable[str] = (), today: date | None = None
) -> KnownFacts:
    """What the user's data states; ``sources`` are more of the user's words (the original)."""
    today = today or date.today()
    texts = [
        *(t for t in (facts.headline, facts.summary, facts.current_summary) if t),
        *(facts.cv.target_role for _ in [0] if facts.cv and facts.cv.target_role),
        *facts.places,
        *(item.text for item in facts.items),
        *(item.label for item in facts.items),
        *sources,
    ]
    corpus = "\n".join(texts)
    experiences = facts.section("experiences")
    derived = [
        covered_years(experiences, today=today),
        covered_years(facts.on_cv().section("experiences"), today=today),
        len(experiences),
        len(facts.section("projects")),
        *(item.years for item in facts.items if item.years is not None),
        *(item.level for item in facts.items if item.level is not None),
    ]
    numbers = {value for value in claims.numbers_in(corpus)} | {float(int(d)) for d in derived}
    numbers |= {float(d) for d in derived}
    names = [
        n.casefold()
        for item in facts.items
        for n in (item.title, item.organisation, item.label)
        if n
    ]
    return KnownFacts(
        text=" ".join(corpus.casefold().split()),
        numbers=frozenset(numbers),
        years=frozenset(years_spanned(facts.items, today=today) | claims.years_in(corpus)),
        skills=frozenset(
            {skill for item in facts.items for skill in item.skills} | skills_in(corpus)
        ),
        names=tuple(dict.fromkeys(names + [p.casefold() for p in facts.places])),
        private=facts.private_terms,
    )


def unsupported_claims(text: str, known: KnownFacts) -> list[UnsupportedClaim]:
    """The claims of ``text`` that ``known`` does not back, in text order."""
    found: list[UnsupportedClaim] = []
    taken: list[tuple[int, int]] = []

    def flag(kind: ClaimKind, start: int, end: int, message: str) -> None:
        found.append(
            UnsupportedClaim(
                kind=kind,
                text=text[start:end],
                start=start,
                end=end,
                message=message,
            )
        )

    for term in known.private:
        for match in re.finditer(rf"(?<!\w){re.escape(term)}(?!\w)", text, re.I):
            flag("confidential", match.start(), match.end(), "Marked confidential: use the alias")
            taken.append(match.span())
    for mention in find_skills(text):
        taken.append((mention.start, mention.end))
        if mention.canonical in known.skills or known.mentions(mention.surface):
            continue
        if claims.looks_like_tool(mention.canonical, mention.surface):
            flag("skill", mention.start, mention.end, "Tool or skill not in your profile")
    for when in claims.dates_in(text):
        taken.append((when.start, when.end))
        if when.year not in known.years and not known.mentions(text[when.start : when.end]):
            flag("date", when.start, when.end, "Date not found in your profile")
    for number in claims.number_spans(text, skip=taken):
        taken.append((number.start, number.end))
        if number.value not in known.numbers:
            flag("number", number.start, number.end, "Number not found in your profile")
    for start, end in claims.titles_in(text, skip=taken):
        taken.append((start, end))
        if not known.mentions(text[start:end]):
            flag("title", start, end, "Job title not found in your profile")
    for start, end in claims.proper_names_in(text, skip=taken):
        if not known.mentions(text[start:end]):
            flag("organisation", start, end, "Name not found in your profile")
    return sorted(found, key=lambda claim: claim.start)
