"""Offline extraction of what a job advert asks for: skills (normalised), degrees, years of
experience and languages; "nice to have" parts are marked preferred."""

from __future__ import annotations

import re

from cvapp.domain.ai.jobposting import JobPosting
from cvapp.domain.ai.schemas import Importance, Requirement
from cvapp.domain.ai.vocabulary import canonical_skill, find_skills, normalise_key

_PREFERRED = re.compile(
    r"\b(?:nice[- ]to[- ]have|preferred|preferably|a plus|is a plus|bonus|desirable|ideally|"
    r"advantage|advantageous|good to have|optional)\b",
    re.I,
)
_REQUIRED_HEADING = re.compile(
    r"\b(?:requirements?|required|must[- ]have|qualifications|what you (?:bring|have|need)|"
    r"you have|skills|profile|about you)\b",
    re.I,
)
_DEGREE = re.compile(
    r"\b(?P<level>bachelor(?:'s|’s|s)?|b\.?\s?sc\.?|b\.?\s?eng\.?|master(?:'s|’s|s)?|"
    r"m\.?\s?sc\.?|m\.?\s?eng\.?|mba|ph\.?\s?d\.?|doctorate|(?:university |college )?degree)"
    r"(?:\s+degree)?(?:\s+(?:in|of)\s+(?P<field>[A-Za-z][A-Za-z &/-]*?))?"
    r"(?=\s+or\b|\s+and\b|\s*[,.;()]|\s*$)",
    re.I,
)
_YEARS = re.compile(
    r"(?P<years>\d+(?:\.\d+)?)\s*\+?\s*(?:-\s*\d+\s*)?(?:years?|yrs?)\b(?:\s+of)?"
    r"(?P<what>[^.;]{0,60}?)\bexperience\b"
    r"(?:\s+(?:in|with|as|of|building|developing|working (?:in|with|on))\s+(?P<field>[^.;,()]+))?",
    re.I,
)
LANGUAGES = (
    "English German French Spanish Italian Portuguese Dutch Swedish Norwegian Danish Finnish "
    "Polish Czech Russian Ukrainian Turkish Arabic Hebrew Hindi Mandarin Chinese Cantonese "
    "Japanese Korean Greek Hungarian Romanian"
).split()
_LANGUAGE = re.compile(
    rf"\b(?:fluen\w+|native|proficien\w+|business[- ]level|working knowledge|spoken|written|"
    rf"C1|C2|B2)\b[^.;]{{0,40}}?\b(?P<a>{'|'.join(LANGUAGES)})\b"
    rf"|\b(?P<b>{'|'.join(LANGUAGES)})\s*(?:\((?:C1|C2|B2|native|fluent)\)|language|speaker|"
    rf"skills|fluency|is required|required|is a plus|a plus|preferred|is an advantage)",
    re.I,
)
_CUE_LIST = re.compile(
    r"\b(?:experience (?:with|in|using)|knowledge of|familiar(?:ity)? with|proficien(?:t|cy) "
    r"(?:in|with)|expertise in|skilled in|hands-on (?:experience )?with|understanding of|"
    r"such as|e\.g\.|including)\s+(?P<list>[^.;:()]+)",
    re.I,
)
_SPLIT = re.compile(r"\s*(?:,|/|\band\b|\bor\b|&)\s*", re.I)
_DEGREE_LEVELS = {"bachelor": 1, "master": 2, "phd": 3, "degree": 1}


class _Collector:
    def __init__(self) -> None:
        self.found: dict[str, Requirement] = {}

    def add(self, key: str, requirement: Requirement) -> None:
        known = self.found.get(key)
        if known is None:
            self.found[key] = requirement
        elif known.importance == "preferred" and requirement.importance == "required":
            self.found[key] = known.model_copy(update={"importance": "required"})

    def skill(self, name: str, *, importance: Importance, source: str) -> None:
        canonical = canonical_skill(name) or name.strip(" -*•")
        if canonical:
            self.add(
                f"skill:{normalise_key(canonical)}",
                Requirement(name=canonical, importance=importance, source=source),
            )

    def sentence(self, text: str, *, importance: Importance) -> None:
        if _PREFERRED.search(text):
            importance = "preferred"
        source = text.strip()[:200]
        for match in _DEGREE.finditer(text):
            level = degree_level(match["level"])
            field = (match["field"] or "").strip() or None
            name = f"{_DEGREE_NAMES[level]} in {field}" if field else _DEGREE_NAMES[level]
            self.add(
                "degree",
                Requirement(name=name, kind="qualification", importance=importance,
                            source=source, degree=level, field=field),
            )  # fmt: skip
        for match in _YEARS.finditer(text):
            field = (match["field"] or match["what"] or "").strip(" -,") or None
            years = float(match["years"])
            name = f"{years:g}+ years of {field}" if field else f"{years:g}+ years of experience"
            self.add(
                f"years:{normalise_key(field or '')}",
                Requirement(name=name, kind="experience", importance=importance,
                            source=source, years=years, field=field),
            )  # fmt: skip
        for match in _LANGUAGE.finditer(text):
            language = (match["a"] or match["b"]).capitalize()
            self.add(
                f"language:{language}",
                Requirement(name=language, kind="language", importance=importance, source=source),
            )
        for mention in find_skills(text):
            self.skill(mention.canonical, importance=importance, source=source)
        for match in _CUE_LIST.finditer(text):
            for candidate in _SPLIT.split(match["list"]):
                if _looks_like_tool_name(candidate):
                    self.skill(candidate, importance=importance, source=source)


_DEGREE_NAMES = {
    "bachelor": "Bachelor's degree",
    "master": "Master's degree",
    "phd": "PhD",
    "degree": "Degree",
}


def degree_level(text: str) -> str:
    """``bachelor`` / ``master`` / ``phd`` / ``degree`` (unspecified) for a degree's name."""
    key = re.sub(r"[^a-z]", "", text.casefold())
    if key.startswith(("phd", "doctor")):
        return "phd"
    if key.startswith(("master", "msc", "meng", "mba", "ma")):
        return "master"
    if key.startswith(("bachelor", "bsc", "beng", "ba", "bs")):
        return "bachelor"
    return "degree"


def degree_rank(level: str) -> int:
    return _DEGREE_LEVELS.get(level, 1)


def _looks_like_tool_name(candidate: str) -> bool:
    words = candidate.split()
    if not 0 < len(words) <= 3 or canonical_skill(candidate):
        return bool(words) and canonical_skill(candidate) is not None
    return any(c.isupper() or c.isdigit() for c in candidate) and not candidate[:1].islower()


def _lines(text: str) -> list[str]:
    return [line.strip(" \t-*•·") for line in text.splitlines() if line.strip(" \t-*•·")]


def extract_requirements(job: JobPosting) -> list[Requirement]:
    """What the advert asks for, required first, each once (synonyms merged)."""
    found = _Collector()
    for line in job.qualifications:
        found.sentence(line, importance="required")
    for group in job.skills:
        label = f"skills: {group.name}" if group.name else "skills"
        for keyword in group.keywords:
            found.skill(keyword, importance="required", source=label)
        if group.name and (canonical_skill(group.name) or not group.keywords):
            found.skill(group.name, importance="required", source="skills")
    free_text = "\n".join(filter(None, [job.description, *job.responsibilities]))
    importance: Importance = "required"
    for line in _lines(free_text):
        is_heading = line.endswith(":") or (len(line.split()) <= 5 and line[-1:] not in ".!?")
        if is_heading and _PREFERRED.search(line):
            importance = "preferred"
            continue
        if is_heading and _REQUIRED_HEADING.search(line):
            importance = "required"
            continue
        for sentence in re.split(r"(?<=[.!?;])\s+", line):
            found.sentence(sentence, importance=importance)
    ordered = list(found.found.values())
    return sorted(ordered, key=lambda r: r.importance != "required")
