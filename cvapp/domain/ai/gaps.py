"""Gap analysis: each requirement is matched (on this CV), hidden (in the master profile, not
on this CV — with the item that proves it) or missing; then a score and what to do next."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

from rapidfuzz import fuzz

from cvapp.domain.ai.facts import Item, ProfileFacts
from cvapp.domain.ai.requirements import degree_level, degree_rank
from cvapp.domain.ai.schemas import (
    Evidence,
    GapAnalysis,
    Requirement,
    RequirementResult,
    ScoreExplanation,
    Status,
)
from cvapp.domain.ai.suggestions import suggest_next_steps
from cvapp.domain.ai.timeline import covered_years
from cvapp.domain.ai.vocabulary import canonical_skill, find_skills, normalise_key, same_skill

WEIGHTS = {"required": 2.0, "preferred": 1.0}
CREDITS: dict[str, float] = {"matched": 1.0, "hidden": 0.5, "missing": 0.0}
_EVIDENCE_ORDER = ("experiences", "projects", "certifications", "education", "skills")


def _phrase_in(phrase: str, text: str) -> bool:
    needle = " ".join(phrase.casefold().split())
    return (
        bool(needle)
        and re.search(rf"(?<!\w){re.escape(needle)}(?!\w)", text.casefold()) is not None
    )


def _holds_skill(item: Item, name: str) -> bool:
    if name in item.skills:
        return True
    if canonical_skill(name) is None:  # a tool the vocabulary does not know: compare spellings
        return any(same_skill(name, skill) for skill in item.skills) or _phrase_in(name, item.text)
    return False


def _mentions(text: str, name: str) -> bool:
    return any(m.canonical == name for m in find_skills(text)) or _phrase_in(name, text)


def _clip(text: str, start: int = 0) -> str:
    """Up to 200 characters of ``text`` around ``start`` (the user's own words)."""
    if len(text) <= 200:
        return text
    begin = max(0, min(start - 60, len(text) - 200))
    return ("…" if begin else "") + text[begin : begin + 200].strip() + "…"


def _quote(texts: tuple[str, ...] | list[str], found: Callable[[str], bool]) -> str | None:
    """The user's sentence that shows it: a bullet or description first, a bare name last."""
    hits = [text for text in texts if found(text)]
    hits.sort(key=lambda text: len(text.split()) < 3)
    return _clip(hits[0]) if hits else None


def _snippet(item: Item, names: list[str]) -> str | None:
    texts = item.texts[1:] if item.section in ("experiences", "projects") else item.texts
    return _quote(texts, lambda text: any(_mentions(text, name) for name in names))


def _evidence(items: list[Item], names: list[str] | None = None) -> list[Evidence]:
    def order(item: Item) -> tuple[bool, int]:
        rank = _EVIDENCE_ORDER.index(item.section) if item.section in _EVIDENCE_ORDER else 9
        return (not item.on_cv, rank)

    return [
        Evidence(
            section=item.section,
            id=item.id,
            label=item.label,
            on_cv=item.on_cv,
            snippet=_snippet(item, names) if names else None,
        )
        for item in sorted(items, key=order)
    ]


def _profile_evidence(facts: ProfileFacts, found: Callable[[str], bool]) -> list[Evidence]:
    """The headline and summary say it too (they are on every CV)."""
    return [
        Evidence(section="profile", id="", label=label, on_cv=True, snippet=_clip(text))
        for label, text in (("Headline", facts.headline), ("Summary", facts.current_summary))
        if text and found(text)
    ]


def _status(items: list[Item], extra: list[Evidence] = ()) -> Status:  # type: ignore[assignment]
    if any(item.on_cv for item in items) or any(e.on_cv for e in extra):
        return "matched"
    return "hidden" if items or extra else "missing"


def _names(req: Requirement) -> list[str]:
    return list(req.alternatives) or [req.name]


_IMPLIED = {
    "SQL": ("PostgreSQL", "MySQL", "MariaDB", "SQLite", "Oracle Database",
            "Microsoft SQL Server", "BigQuery", "Snowflake", "Redshift", "ClickHouse"),
    "NoSQL": ("MongoDB", "Cassandra", "DynamoDB", "Neo4j", "Firebase"),
}  # fmt: skip
"""A general skill shown by a specific one: PostgreSQL work is SQL work."""


def _classify_skill(req: Requirement, facts: ProfileFacts) -> RequirementResult:
    asked = _names(req)
    names = asked + [s for name in asked for s in _IMPLIED.get(name, ()) if s not in asked]
    items = [
        i
        for i in facts.items
        if i.section != "languages" and any(_holds_skill(i, name) for name in names)
    ]
    said = _profile_evidence(facts, lambda text: any(_mentions(text, n) for n in names))
    status = _status(items, said)
    note = None
    have = [n for n in names if any(_holds_skill(i, n) for i in items) or any(
        _mentions(e.snippet or "", n) for e in said)]  # fmt: skip
    if len(asked) > 1:
        note = f"Any one of {' or '.join(asked)} is enough" + (
            f": you have {' and '.join(have)}." if have else "."
        )
    elif have and asked[0] not in have:
        note = f"{' and '.join(have)} counts as {asked[0]}."
    evidence = _evidence(items, names) + said
    # A sentence the user wrote first, a bare skill name last.
    evidence.sort(key=lambda e: (not e.on_cv, len((e.snippet or "").split()) < 3))
    return RequirementResult(requirement=req, status=status, evidence=evidence, note=note)


_SOFT_EVIDENCE = {
    "Mentoring": r"\bmentor\w*|\bcoach(?:ed|es|ing)?\b|\bpreceptor\w*",
    "Coaching": r"\bcoach\w*|\bmentor\w*",
    "Leadership": r"\b(?:lead|led|leading|leads|head(?:ed|s)?|manag(?:e|ed|es|ing))\s+"
    r"(?:a\s+|the\s+|my\s+|our\s+)?(?:(?:\w+\s+){0,2}(?:team|group|department)s?\b|(?:\w+\s+){0,3}(?:engineers|"
    r"developers|marketers|people|staff|nurses|designers|analysts|reports)\b)|\bleadership\b|"
    r"\bteam lead\b",
    "People Management": r"\b(?:lead|led|manag\w*|head\w*)\s+(?:a\s+)?(?:\w+\s+){0,2}team\b|"
    r"\bline manag\w*|\bdirect reports\b",
    "Communication": r"\bcommunicat\w*|\bpresent(?:ed|ing|s)? (?:to|at)\b|\bpublic speaking\b|"
    r"\bstakeholders?\b",
    "Attention to Detail": r"\battention to detail\b|\bdetail[- ]oriented\b|\bmeticulous\b",
    "Teamwork": r"\bteam ?work\b|\bcollaborat\w*|\bcross-functional\b",
    "Problem Solving": r"\bproblem[- ]solving\b|\btroubleshoot\w*|\bdebugg\w*",
}


def _classify_soft(req: Requirement, facts: ProfileFacts) -> RequirementResult:
    """A soft requirement is matched by what the user did (a bullet), not only by its name."""
    names = _names(req)
    patterns = [re.compile(_SOFT_EVIDENCE.get(n, re.escape(n)), re.I) for n in names]

    def shows(text: str) -> bool:
        return any(p.search(text) for p in patterns) or any(_mentions(text, n) for n in names)

    items = [
        i
        for i in facts.items
        if i.section not in ("languages",)
        and (any(_holds_skill(i, n) for n in names) or any(shows(t) for t in i.texts))
    ]
    said = _profile_evidence(facts, shows)
    evidence = [
        Evidence(
            section=i.section,
            id=i.id,
            label=i.label,
            on_cv=i.on_cv,
            snippet=_quote(i.texts[1:] if i.section == "experiences" else i.texts, shows),
        )
        for i in items
    ] + said
    evidence.sort(key=lambda e: (not e.on_cv, e.section == "skills", e.snippet is None))
    return RequirementResult(requirement=req, status=_status(items, said), evidence=evidence)


_LEVELS = {"junior": 0, "mid": 1, "senior": 2, "lead": 3, "staff": 3, "principal": 3, "head": 4}
_LEVEL_WORD = re.compile(
    r"\b(junior|senior|lead|principal|head|staff(?=\s+(?:\w+\s+)?(?:engineer|developer|"
    r"scientist|designer|architect)))\b",  # a Staff Nurse is no staff-level engineer
    re.I,
)


def _classify_seniority(req: Requirement, facts: ProfileFacts, today: date) -> RequirementResult:
    """The level asked for against the titles held and the years of experience (five or more
    years count as senior, two as mid-level; a lead/staff level needs such a title)."""
    wanted = _LEVELS.get(req.name.casefold(), 2)
    experiences = facts.section("experiences")

    def title_level(item: Item) -> int:
        found = _LEVEL_WORD.search(item.title or "")
        return _LEVELS[found[1].casefold()] if found else -1

    titled = [e for e in experiences if title_level(e) >= wanted]
    shown_years = covered_years([e for e in experiences if e.on_cv], today=today)
    all_years = covered_years(experiences, today=today)

    def by_years(years: float) -> int:
        return 2 if years >= 5 else 1 if years >= 2 else 0

    if any(e.on_cv for e in titled) or by_years(shown_years) >= wanted:
        status: Status = "matched"
    elif titled or by_years(all_years) >= wanted:
        status = "hidden"
    else:
        status = "missing"
    note = f"Asked: {req.name}. Your titles and {all_years:g} years of experience " + (
        "show that level." if status != "missing" else "do not show that level yet."
    )
    return RequirementResult(requirement=req, status=status, evidence=_evidence(titled), note=note)


def _classify_years(req: Requirement, facts: ProfileFacts, today: date) -> RequirementResult:
    experiences = facts.section("experiences")
    relevant, note = experiences, ""
    if req.field:
        skill = canonical_skill(req.field)
        names = list(req.alternatives) or ([skill] if skill else [])
        relevant = [
            e
            for e in experiences
            if (any(n in e.skills for n in names) if names else _phrase_in(req.field, e.text))
            or fuzz.partial_ratio(req.field.casefold(), (e.title or "").casefold()) >= 90
        ]
        if not relevant and not names:
            relevant = experiences
            note = f'"{req.field}" is not a known skill, so all your experience counts. '
    wanted = req.years or 0
    shown = covered_years([e for e in relevant if e.on_cv], today=today)
    total = covered_years(relevant, today=today)
    status: Status = "matched" if shown >= wanted else "hidden" if total >= wanted else "missing"
    where = "on this CV" if facts.cv else "in your profile"
    note += f"Your relevant experience {where} covers {shown:g} years; asked: {wanted:g}+."
    if status == "hidden":
        note += f" With every relevant experience it is {total:g} years."
    items = [e for e in relevant if status != "missing" or e.on_cv]
    return RequirementResult(requirement=req, status=status, evidence=_evidence(items), note=note)


def _classify_degree(req: Requirement, facts: ProfileFacts) -> RequirementResult:
    lenient = re.search(r"related|equivalent|similar", req.source, re.I) is not None
    items = [
        ed
        for ed in facts.section("education")
        if degree_rank(degree_level(ed.title or "")) >= degree_rank(req.degree or "degree")
        and degree_level(ed.title or "") != "degree"
        and (
            not req.field
            or lenient
            or fuzz.token_set_ratio(req.field.casefold(), ed.text.casefold()) >= 80
        )
    ]
    return RequirementResult(requirement=req, status=_status(items), evidence=_evidence(items))


def _classify_language(req: Requirement, facts: ProfileFacts) -> RequirementResult:
    wanted = {normalise_key(name) for name in _names(req)}
    items = [lang for lang in facts.section("languages") if normalise_key(lang.label) in wanted]
    return RequirementResult(requirement=req, status=_status(items), evidence=_evidence(items))


def classify(req: Requirement, facts: ProfileFacts, *, today: date) -> RequirementResult:
    """Where ``req`` stands against the user's data."""
    if req.kind == "experience":
        return _classify_years(req, facts, today)
    if req.kind == "qualification":
        return _classify_degree(req, facts)
    if req.kind == "language":
        return _classify_language(req, facts)
    if req.kind == "seniority":
        return _classify_seniority(req, facts, today)
    if req.kind == "soft":
        return _classify_soft(req, facts)
    return _classify_skill(req, facts)


def _score(results: list[RequirementResult]) -> tuple[int, ScoreExplanation]:
    possible = sum(WEIGHTS[r.requirement.importance] for r in results)
    earned = sum(WEIGHTS[r.requirement.importance] * CREDITS[r.status] for r in results)
    gain = sum(WEIGHTS[r.requirement.importance] * 0.5 for r in results if r.status == "hidden")
    score = round(100 * earned / possible) if possible else 0
    potential = round(100 * (earned + gain) / possible) if possible else 0
    method = (
        "Each requirement weighs 2 when required and 1 when preferred. Matched (shown on this "
        "CV) earns its full weight, hidden (in your profile but not on this CV) half, missing "
        f"nothing. Score = 100 × earned ÷ possible = 100 × {earned:g} ÷ {possible:g} = {score}."
    )
    if not possible:
        method = "No requirement was recognised in the advert, so there is nothing to score."
    return score, ScoreExplanation(
        method=method,
        weights=WEIGHTS,
        credits=CREDITS,
        earned=earned,
        possible=possible,
        potential_score=potential,
    )


def analyse_gaps(
    requirements: list[Requirement],
    facts: ProfileFacts,
    *,
    provider: str,
    job_title: str | None = None,
    today: date | None = None,
) -> GapAnalysis:
    """Classify every requirement, score the fit and say what to do about the gaps."""
    today = today or date.today()
    results = [classify(req, facts, today=today) for req in requirements]
    score, explanation = _score(results)
    return GapAnalysis(
        score=score,
        score_explanation=explanation,
        matched=[r for r in results if r.status == "matched"],
        hidden=[r for r in results if r.status == "hidden"],
        missing=[r for r in results if r.status == "missing"],
        suggestions=suggest_next_steps(results, has_cv=facts.cv is not None),
        job_title=job_title,
        cv_id=facts.cv.id if facts.cv else None,
        provider=provider,
    )
