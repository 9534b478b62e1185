"""A cover letter drafted from the user's evidence for a job's top requirements.

The offline composer writes nothing the profile does not say: each body paragraph names a
requirement of the advert and quotes the user's own words that back it (a bullet, a
description), with the role and organisation of the item they come from. Requirements the
profile does not back are left out, never claimed.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from cvapp.domain.ai.facts import Item, ProfileFacts
from cvapp.domain.ai.schemas import Evidence, GapAnalysis, RequirementResult

TOP_REQUIREMENTS = 3
GENERIC_GREETING = "Dear Hiring Manager,"
CLOSING = "Kind regards,"


@dataclass(frozen=True)
class LetterBrief:
    """What the letter is for: the job, the company and who reads it."""

    role: str | None = None
    company: str | None = None
    recipient: str | None = None
    language: str = "en"


@dataclass
class LetterText:
    """A drafted letter: greeting, body paragraphs, closing; ``evidence`` lists the profile
    items it draws on (``section:id``)."""

    greeting: str
    paragraphs: list[str]
    closing: str
    evidence: list[str] = field(default_factory=list)

    @property
    def body(self) -> str:
        return "\n\n".join(p.strip() for p in self.paragraphs if p.strip())


def greeting_for(recipient: str | None) -> str:
    name = (recipient or "").strip().splitlines()[0].strip() if recipient else ""
    return f"Dear {name}," if name else GENERIC_GREETING


def top_backed(
    analysis: GapAnalysis, limit: int = TOP_REQUIREMENTS
) -> list[tuple[list[RequirementResult], Evidence]]:
    """The advert's requirements the profile backs with a quotable sentence, required ones
    first: at most ``limit`` sentences, each with the requirements it backs."""
    backed = [r for r in [*analysis.matched, *analysis.hidden] if _proof(r) is not None]
    backed.sort(key=lambda r: r.requirement.importance != "required")
    chosen: dict[str, tuple[list[RequirementResult], Evidence]] = {}
    for result in backed:
        proof = _proof(result)
        assert proof is not None
        key = proof.snippet or ""
        if key in chosen:
            chosen[key][0].append(result)
        elif len(chosen) < limit:
            chosen[key] = ([result], proof)
    return list(chosen.values())


def _proof(result: RequirementResult) -> Evidence | None:
    return next((e for e in result.evidence if e.snippet and e.section != "profile"), None)


def _names(results: list[RequirementResult]) -> str:
    names = list(dict.fromkeys(r.requirement.name for r in results))
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def _where(item: Item | None) -> str:
    if item is None:
        return "From my profile"
    if item.section == "experiences" and item.title and item.organisation:
        return f"As {item.title} at {item.organisation}"
    if item.section == "projects":
        return f"In my project {item.label.removeprefix('Project ')}"
    if item.organisation:
        return f"At {item.organisation}"
    return f"From my profile ({item.label})"


def _as_words(headline: str) -> str:
    """ "Web developer" as the end of "I am a…": lower-cased unless it starts with an acronym."""
    text = headline.strip().rstrip(".")
    if text[1:2].islower():
        text = text[:1].lower() + text[1:]
    article = "an" if text[:1].lower() in "aeiou" else "a"
    return f"{article} {text}"


def compose_letter(facts: ProfileFacts, analysis: GapAnalysis, brief: LetterBrief) -> LetterText:
    """The offline draft: the user's own evidence for the advert's top requirements."""
    items = {item.id: item for item in facts.items}
    opening = "I am writing to apply"
    if brief.role and brief.company:
        opening += f" for the {brief.role} position at {brief.company}."
    elif brief.role:
        opening += f" for the {brief.role} position."
    elif brief.company:
        opening += f" for a position at {brief.company}."
    else:
        opening += " for this position."
    if facts.headline:
        opening += f" I am {_as_words(facts.headline)}."
    paragraphs = [opening]
    evidence: list[str] = []
    for results, proof in top_backed(analysis):
        quote = (proof.snippet or "").strip().rstrip(".")
        where = _where(items.get(proof.id))
        paragraphs.append(f"You ask for {_names(results)}. {where}: “{quote}”.")
        evidence.append(f"{proof.section}:{proof.id}")
    what = f"the {brief.role} role" if brief.role else "this role"
    paragraphs.append(f"I would welcome the chance to talk about how my experience fits {what}.")
    return LetterText(
        greeting=greeting_for(brief.recipient),
        paragraphs=paragraphs,
        closing=CLOSING,
        evidence=evidence,
    )
