"""Gap analysis: each requirement is matched (on this CV), hidden (in the master profile, not
on this CV — with the item that proves it) or missing; then a score and what to do next."""

from __future__ import annotations

import re
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


def _snippet(item: Item, name: str) -> str | None:
    for text in item.texts[1:] if item.section in ("experiences", "projects") else ():
        if any(m.canonical == name for m in find_skills(text)) or _phrase_in(name, text):
            return text[:200]
    return None


def _evidence(items: list[Item], name: str | None = None) -> list[Evidence]:
    def order(item: Item) -> tuple[bool, int]:
        rank = _EVIDENCE_ORDER.index(item.section) if item.section in _EVIDENCE_ORDER else 9
        return (not item.on_cv, rank)

    return [
        Evidence(
            section=item.section,
            id=item.id,
            label=item.label,
            on_cv=item.on_cv,
            snippet=_snippet(item, name) if name else None,
        )
        for item in sorted(items, key=order)
    ]


def _status(items: list[Item]) -> Status:
    if any(item.on_cv for item in items):
        return "matched"
    return "hidden" if items else "missing"


def _classify_skill(req: Requirement, facts: ProfileFacts) -> RequirementResult:
    items = [i for i in facts.items if i.section != "languages" and _holds_skill(i, req.name)]
    return RequirementResult(
        requirement=req, status=_status(items), evidence=_evidence(items, req.name)
    )


def _classify_years(req: Requirement, facts: ProfileFacts, today: date) -> RequirementResult:
    experiences = facts.section("experiences")
    relevant, note = experiences, ""
    if req.field:
        skill = canonical_skill(req.field)
        relevant = [
            e
            for e in experiences
            if (skill in e.skills if skill else _phrase_in(req.field, e.text))
            or fuzz.partial_ratio(req.field.casefold(), (e.title or "").casefold()) >= 90
        ]
        if not relevant and not skill:
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
    items = [
        lang
        for lang in facts.section("languages")
        if normalise_key(lang.label) == normalise_key(req.name)
    ]
    return RequirementResult(requirement=req, status=_status(items), evidence=_evidence(items))


def classify(req: Requirement, facts: ProfileFacts, *, today: date) -> RequirementResult:
    """Where ``req`` stands against the user's data."""
    if req.kind == "experience":
        return _classify_years(req, facts, today)
    if req.kind == "qualification":
        return _classify_degree(req, facts)
    if req.kind == "language":
        return _classify_language(req, facts)
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
