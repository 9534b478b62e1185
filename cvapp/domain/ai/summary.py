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


def _highlight(experiences: list[Item]) -> str | None:
    for item in experiences:
        for text in item.texts[1:]:
            first = text.split(" ", 1)[0]
            if re.search(r"\d", text) and verbs.is_action_verb(first):
                return text[:1].lower() + text[1:].rstrip(".")
    return None


def compose_summary(facts: ProfileFacts, *, tone: Tone, today: date) -> str:
    """The summary text; refuses when the profile has nothing to summarise."""
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
    skill_places = list(dict.fromkeys(p for _, where in skills for p in where))[:2]
    highlight = _highlight(experiences)
    target = facts.cv.target_role if facts.cv else None
    span = f" with {years}+ years of experience" if years >= 1 else ""
    at = f" at {_names(places)}" if places else ""
    used_at = f", used at {_names(skill_places)}" if skill_places else ""
    sentences: list[str] = []
    if tone == "friendly":
        sentences.append(f"I'm {_article(title or 'a')} {title}{span}{at}." if title else "")
        if skill_names:
            sentences.append(f"I enjoy working with {_names(skill_names)}{used_at}.")
        if highlight:
            sentences.append(f"One thing I'm proud of: I {highlight}.")
        if target:
            sentences.append(f"I'm looking for my next {target} role.")
    elif tone == "confident":
        sentences.append(f"{title}{span} delivering results{at}." if title else "")
        if skill_names:
            sentences.append(f"Go-to skills: {_names(skill_names)}{used_at}.")
        if highlight:
            sentences.append(f"Track record: {highlight}.")
        if target:
            sentences.append(f"Ready for {_article(target)} {target} role.")
    else:
        sentences.append(f"{title}{span}{at}." if title else "")
        if skill_names:
            sentences.append(f"Core skills: {_names(skill_names)}{used_at}.")
        if highlight and tone == "professional":
            sentences.append(f"Recent highlight: {highlight}.")
        if target and tone == "professional":
            sentences.append(f"Seeking {_article(target)} {target} role.")
    return " ".join(s for s in sentences if s)
