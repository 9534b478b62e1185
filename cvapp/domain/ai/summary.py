"""An offline summary assembled only from the profile's facts: years, roles, top skills with
where they were used, and a real highlight. The tone changes the wording, never the facts."""

from __future__ import annotations

import re
from datetime import date

from cvapp.domain.ai import verbs
from cvapp.domain.ai.facts import Item, ProfileFacts
from cvapp.domain.ai.schemas import Tone
from cvapp.domain.ai.timeline import covered_years, month_index
from cvapp.errors import ValidationFailed

TOP_SKILLS = 3


def _names(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _article(word: str) -> str:
    return "an" if word[:1].casefold() in "aeio" else "a"


def _recent_first(items: list[Item], today: date) -> list[Item]:
    return sorted(items, key=lambda i: month_index(i.start, today=today) or 0, reverse=True)


def top_skills(facts: ProfileFacts) -> list[tuple[str, list[str]]]:
    """Skills ranked by evidence (experiences and projects using them), then years and level;
    each with the organisations or projects where it was used."""
    rows = {name: item for item in facts.section("skills") for name in item.skills}
    used: dict[str, list[str]] = {}
    for item in facts.section("experiences") + facts.section("projects"):
        for skill in item.skills:
            place = item.organisation or f"the {item.texts[0]} project"
            if place not in used.setdefault(skill, []):
                used[skill].append(place)
    candidates = set(used) | set(rows)

    def rank(name: str) -> tuple[int, float, int, str]:
        row = rows.get(name)
        return (-len(used.get(name, [])), -(row.years or 0 if row else 0),
                -(row.level or 0 if row else 0), name)  # fmt: skip

    return [(name, used.get(name, [])) for name in sorted(candidates, key=rank)[:TOP_SKILLS]]


def _highlights(experiences: list[Item]) -> list[str]:
    """Bullets with a number that open with an action verb, most recent role first."""
    found: list[str] = []
    for item in experiences:
        for text in item.texts[1:]:
            first = text.split(" ", 1)[0]
            if re.search(r"\d", text) and verbs.is_action_verb(first):
                found.append(text[:1].lower() + text[1:].rstrip("."))
    return found


def _skills_with_places(skills: list[tuple[str, list[str]]]) -> str:
    """ "PostgreSQL and Python at Northwind and Contoso; AWS at Northwind": each skill named
    only with the places where it was used (skills sharing the same places are grouped)."""
    groups: dict[tuple[str, ...], list[str]] = {}
    for name, where in skills:
        groups.setdefault(tuple(where[:2]), []).append(name)
    parts = [
        f"{_names(names)} at {_names(list(where))}" if where else _names(names)
        for where, names in groups.items()
    ]
    return "; ".join(parts)


VARIANTS = 3
"""How many different structures "Try again" cycles through (the facts stay the same)."""


def compose_summary(facts: ProfileFacts, *, tone: Tone, today: date, variant: int = 0) -> str:
    """The summary text; refuses when the profile has nothing to summarise. ``variant`` (the
    "Try again" count) changes the structure and emphasis, never the facts."""
    shown = facts.on_cv()
    experiences = _recent_first(shown.section("experiences"), today)
    skills = top_skills(shown)
    title = experiences[0].title if experiences else shown.headline
    if not title and not skills:
        raise ValidationFailed.field(
            "profile", "Add an experience, a headline or skills before generating a summary"
        )
    years = int(covered_years(experiences, today=today))
    places = list(dict.fromkeys(e.organisation for e in experiences if e.organisation))[:3]
    skill_names = [name for name, _ in skills]
    highlights = _highlights(experiences)
    shape = variant % VARIANTS
    # "Try again" also shifts the emphasis: another real highlight when there is one.
    highlight = highlights[shape % len(highlights)] if highlights else None
    target = facts.cv.target_role if facts.cv else None
    span = f" with {years}+ years of experience" if years >= 1 else ""
    at = f" at {_names(places)}" if places else ""
    with_places = _skills_with_places(skills) if skills else ""
    identity = skill_line = highlight_line = target_line = ""
    if tone == "friendly":
        identity = f"I'm {_article(title or 'a')} {title}{span}{at}." if title else ""
        skill_line = f"I enjoy working with {with_places}." if skill_names else ""
        highlight_line = f"One thing I'm proud of: I {highlight}." if highlight else ""
        target_line = f"I'm looking for my next {target} role." if target else ""
    elif tone == "confident":
        identity = f"{title}{span} delivering results{at}." if title else ""
        skill_line = f"Go-to skills: {with_places}." if skill_names else ""
        highlight_line = f"Track record: {highlight}." if highlight else ""
        target_line = f"Ready for {_article(target)} {target} role." if target else ""
    else:
        identity = f"{title}{span}{at}." if title else ""
        skill_line = f"Core skills: {with_places}." if skill_names else ""
        if tone == "professional":
            highlight_line = f"Recent highlight: {highlight}." if highlight else ""
            target_line = f"Seeking {_article(target)} {target} role." if target else ""
    if shape == 1:
        # Results first, then who and with what.
        if highlight and tone != "concise":
            highlight_line = f"{highlight[:1].upper()}{highlight[1:]}."
            if tone == "friendly":
                highlight_line = f"A highlight of my work: I {highlight}."
        sentences = [highlight_line, identity, skill_line, target_line]
        if tone == "concise":
            sentences = [skill_line, identity]
    elif shape == 2:
        # Skills first, then the experience behind them.
        if skill_names:
            skill_line = {
                "friendly": f"My strengths are {with_places}.",
                "confident": f"Proven in {with_places}.",
            }.get(tone, f"Skilled in {with_places}.")
        if title:
            identity = {
                "friendly": f"I've worked as {_article(title)} {title}{at}{_for(years)}.",
            }.get(tone, f"Experience: {title}{at}{_for(years)}.")
        sentences = [skill_line, identity, target_line, highlight_line]
    else:
        sentences = [identity, skill_line, highlight_line, target_line]
    return " ".join(s for s in sentences if s)


def _for(years: int) -> str:
    return f", {years}+ years in all" if years >= 1 else ""
