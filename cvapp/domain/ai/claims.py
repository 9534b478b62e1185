"""Spotting checkable claims in a text: numbers, dates, job titles and proper names."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from cvapp.domain.ai import verbs
from cvapp.domain.ai.taxonomy import load_taxonomy
from cvapp.domain.ai.vocabulary import skill_category

Span = tuple[int, int]

TOOL_CATEGORIES = {
    "Programming languages", "Frameworks & libraries", "Databases", "Cloud & infrastructure",
    "DevOps & tooling", "Certifications",
}  # fmt: skip
_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
_DATES = re.compile(
    rf"\b{_MONTH}\.?\s+(?P<y1>\d{{4}})\b|\b(?P<y2>\d{{4}})-\d{{2}}(?:-\d{{2}})?\b"
    rf"|\b\d{{1,2}}/(?P<y3>\d{{4}})\b"
    r"|(?:(?<=\bin )|(?<=\bsince )|(?<=\bfrom )|(?<=\buntil )|(?<=\bto )|(?<=\bby )|(?<=\bof )"
    r"|(?<=\bduring )|(?<=[–—(-])|(?<=[–—-] ))(?P<y4>(?:19[5-9]|20\d)\d)\b"
    r"|\b(?P<y5>(?:19[5-9]|20\d)\d)(?=\s*(?:[–—-]|to\b))"
)
_NUMBER = re.compile(r"(?<![\w.,])[$€£]?(?P<int>\d{1,3}(?:,\d{3})+|\d+)(?:\.(?P<dec>\d+))?")
_NUMBER_WORDS = {
    word: float(value)
    for value, word in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
        "fifteen sixteen seventeen eighteen nineteen twenty".split()
    )
} | {"thirty": 30.0, "forty": 40.0, "fifty": 50.0, "hundred": 100.0, "dozen": 12.0}
_WORD_NUMBER = re.compile(
    r"\b(" + "|".join(w for w in _NUMBER_WORDS if w not in ("zero", "one")) + r")\b", re.I
)
_TITLE_NOUNS = (
    "Engineer|Developer|Manager|Director|Architect|Analyst|Designer|Consultant|Scientist|"
    "Officer|Lead|Administrator|Specialist|Coordinator|Nurse|Teacher|Accountant|Executive|"
    "President|Intern|Researcher|Editor|Writer|Technician|Assistant|Advisor|Adviser|Owner|"
    "Master|Recruiter|Lawyer|Attorney|Physician|Pharmacist|Auditor|Strategist|Programmer|"
    "Tester|Founder|Co-founder|Lecturer|Professor"
)
_TITLES = re.compile(
    rf"\b(?:[A-Z][\w+#/&-]*\s+){{1,4}}(?:{_TITLE_NOUNS})s?\b"
    r"|\b(?:Head|Director|VP|Vice President)\s+of\s+[A-Z][\w&-]*(?:\s+[A-Z][\w&-]*)?"
    r"|\b(?:CEO|CTO|CFO|COO|CIO|CISO|CPO)\b"
)
_NAMES = re.compile(
    # Not glued to a number: "1.2M", "$2M", "80k" are amounts, not names.
    r"(?<![\w.])[A-Z](?:[\w'’&+-]|\.(?=\w))*"
    r"(?:\s+(?:(?:of|&|de|du|der|von|van|la|le)\s+)?[A-Z](?:[\w'’&+-]|\.(?=\w))*)*"
)
_SENTENCE_START = re.compile(r"(?:^|[.!?:;•\n]\s*|\s[-–—]\s+)$")
_GENERIC = set(
    """I I'm I’m I've I’ve I'd I'll A An The Our My We Their This That These Those It Its As
    With For At In On By To And Or From Into Over Under After Before While When Where Also
    Both Each Every Most More Across
    Jan January Feb February Mar March Apr April May Jun June Jul July Aug August Sep Sept
    September Oct October Nov November Dec December Monday Tuesday Wednesday Thursday Friday
    Saturday Sunday API APIs SDK SDKs UI UX KPI KPIs ROI SLA SLAs B2B B2C SaaS PaaS IaaS MVP
    PoC QA IT PhD MSc BSc BA MA MBA CV EU UK US USA EMEA APAC LATAM Q1 Q2 Q3 Q4 OK Inc Ltd
    Senior Junior Principal Staff Chief Associate Key Core Recent Highlights Skills Summary
    Experience Responsibilities Achievements Tools Technologies Languages Education""".split()
)
_SENIORITY = {"senior", "junior", "lead", "principal", "staff", "chief", "associate", "head"}


@dataclass(frozen=True)
class DateSpan:
    start: int
    end: int
    year: int


@dataclass(frozen=True)
class NumberSpan:
    start: int
    end: int
    value: float


def _overlaps(start: int, end: int, spans: Iterable[Span]) -> bool:
    return any(start < b and a < end for a, b in spans)


def _value(match: re.Match[str]) -> float:
    return float(f"{match['int'].replace(',', '')}.{match['dec'] or 0}")


def numbers_in(text: str) -> set[float]:
    """Every number a text states, digits or words ("five engineers" states 5)."""
    values = {_value(m) for m in _NUMBER.finditer(text)}
    return values | {_NUMBER_WORDS[m[1].casefold()] for m in _WORD_NUMBER.finditer(text)}


def years_in(text: str) -> set[int]:
    return {int(m[0]) for m in re.finditer(r"(?<!\d)(?:19[5-9]|20\d)\d(?!\d)", text)}


def dates_in(text: str) -> list[DateSpan]:
    """Calendar dates (month and year, ISO dates, years after "in", "since", …)."""
    spans = []
    for match in _DATES.finditer(text):
        year = next(match[g] for g in ("y1", "y2", "y3", "y4", "y5") if match[g])
        spans.append(DateSpan(match.start(), match.end(), int(year)))
    return spans


def number_spans(text: str, *, skip: Sequence[Span] = ()) -> list[NumberSpan]:
    """Numbers outside ``skip`` (dates and skill names such as "ES6" are not numbers)."""
    found = [
        NumberSpan(m.start(), m.end(), _value(m))
        for m in _NUMBER.finditer(text)
        if not _overlaps(m.start(), m.end(), skip)
    ]
    found += [
        NumberSpan(m.start(), m.end(), _NUMBER_WORDS[m[1].casefold()])
        for m in _WORD_NUMBER.finditer(text)
        if not _overlaps(m.start(), m.end(), skip)
    ]
    return sorted(found, key=lambda span: span.start)


def looks_like_tool(canonical: str, surface: str) -> bool:
    """A named tool or technology (worth flagging), not a generic ability like "research"."""
    if skill_category(canonical) in TOOL_CATEGORIES:
        return True
    return surface != surface.casefold() or any(not c.isalpha() and c != " " for c in surface)


@lru_cache
def _role_words() -> frozenset[str]:
    """Words of job titles (taxonomy roles, seniority); other words before a title are not
    part of it ("Earlier Junior Web Developer", "Led Backend Engineer hiring")."""
    roles = load_taxonomy().roles
    words = {w.casefold() for role in roles for n in (role.name, *role.synonyms) for w in n.split()}
    return frozenset(words | _SENIORITY | {"vice", "president"})


def _at_sentence_start(text: str, position: int) -> bool:
    return bool(_SENTENCE_START.search(text[:position]))


def titles_in(text: str, *, skip: Sequence[Span] = ()) -> list[Span]:
    """Job titles written with capitals ("Staff Backend Engineer", "Head of Data", "CTO")."""
    spans: list[Span] = []
    for match in _TITLES.finditer(text):
        start, end = match.span()
        words = match[0].split()
        # Leading words that are not part of the title: "Led Backend Engineer hiring".
        while len(words) > 1 and words[1] != "of" and words[0].casefold() not in _role_words():
            start = text.index(words[1], start + len(words[0]))
            words = words[1:]
        if len(words) == 1 and words[0] not in ("CEO", "CTO", "CFO", "COO", "CIO", "CISO", "CPO"):
            continue
        if not _overlaps(start, end, skip):
            spans.append((start, end))
    return spans


def proper_names_in(text: str, *, skip: Sequence[Span] = ()) -> list[Span]:
    """Capitalised names that are neither sentence openers nor generic words."""
    spans: list[Span] = []
    for match in _NAMES.finditer(text):
        start, end = match.span()
        words = match[0].split()
        if _at_sentence_start(text, start):
            if len(words) == 1:
                continue
            start = text.index(words[1], start + len(words[0]))
            words = words[1:]
        while words and (
            words[0] in _GENERIC or verbs.is_action_verb(words[0]) or words[0].islower()
        ):
            if len(words) == 1:
                break
            start = text.index(words[1], start + len(words[0]))
            words = words[1:]
        meaningful = [w for w in words if w not in _GENERIC and w.casefold() not in _SENIORITY]
        if not meaningful or _overlaps(start, end, skip):
            continue
        spans.append((start, end))
    return spans
