"""Skill names normalised: "JS" = "JavaScript", "k8s" = "Kubernetes", "Postgres" = "PostgreSQL".

``find_skills`` scans free text for every known form (longest first, whole words only);
``canonical_skill`` maps one term, falling back to fuzzy matching (rapidfuzz) for spellings
the vocabulary does not list.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz, process

from cvapp.domain.ai.taxonomy import load_taxonomy

FUZZY_CUTOFF = 90
_FUZZY_MIN_LENGTH = 5
_KEY_DROP = re.compile(r"[\s.\-_/]+")
# A form matches as a whole word: not glued to letters, digits or the symbols of "C++"/"C#".
_BEFORE = r"(?<![\w+#.&])"
_AFTER_LOOSE = r"(?![\w+#&])"
_AFTER_STRICT = r"(?![\w+#&-])"


_Trie = dict[str, "_Trie"]


@dataclass(frozen=True)
class SkillMention:
    canonical: str
    start: int
    end: int
    surface: str


def normalise_key(term: str) -> str:
    """A spelling-insensitive key: casefolded, without spaces, dots, dashes or slashes."""
    return _KEY_DROP.sub("", term.casefold().replace("&", "and"))


@lru_cache
def _forms() -> dict[str, str]:
    """Every surface form (canonical name or synonym) to its canonical name."""
    forms: dict[str, str] = {}
    for entry in load_taxonomy().skills.values():
        for form in (entry.name, *entry.synonyms):
            forms[form] = entry.name
    return forms


@lru_cache
def _keys() -> dict[str, str]:
    keys: dict[str, str] = {}
    for form, canonical in _forms().items():
        keys.setdefault(normalise_key(form), canonical)
    return keys


def _trie_pattern(forms: list[str]) -> str:
    """One regex for many words, shaped as a trie (fast); longer forms are tried first."""
    trie: _Trie = {}
    for form in forms:
        node = trie
        for char in form:
            node = node.setdefault(char, {})
        node[""] = {}

    def build(node: _Trie) -> str:
        branches = [re.escape(char) + build(node[char]) for char in sorted(node) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return build(trie)


@lru_cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    exact = load_taxonomy().case_sensitive
    loose = [form.casefold() for form in _forms() if form not in exact]
    strict = [form for form in _forms() if form in exact]
    return (
        re.compile(f"{_BEFORE}(?:{_trie_pattern(loose)}){_AFTER_LOOSE}", re.IGNORECASE),
        re.compile(f"{_BEFORE}(?:{_trie_pattern(strict)}){_AFTER_STRICT}"),
    )


def _canonical_of_surface(surface: str) -> str:
    forms = _forms()
    if surface in forms:
        return forms[surface]
    return _keys()[normalise_key(surface)]


def find_skills(text: str) -> list[SkillMention]:
    """Known skills mentioned in ``text``, in order, without overlaps (longest form wins)."""
    found = [match for pattern in _patterns() for match in pattern.finditer(text)]
    found.sort(key=lambda match: (match.start(), -(match.end() - match.start())))
    mentions: list[SkillMention] = []
    position = 0
    for match in found:
        if match.start() < position:
            continue
        surface = match.group(0)
        mentions.append(
            SkillMention(_canonical_of_surface(surface), match.start(), match.end(), surface)
        )
        position = match.end()
    return mentions


def skills_in(text: str) -> set[str]:
    """The canonical names of the skills ``text`` mentions."""
    return {mention.canonical for mention in find_skills(text)}


@lru_cache(maxsize=4096)
def canonical_skill(term: str) -> str | None:
    """The vocabulary's name for ``term``, or None when it is not a known skill."""
    key = normalise_key(term)
    if not key:
        return None
    keys = _keys()
    if key in keys:
        return keys[key]
    mentions = find_skills(term)
    if len(mentions) == 1 and len(mentions[0].surface) >= len(term.strip()) * 0.6:
        return mentions[0].canonical
    if len(key) < _FUZZY_MIN_LENGTH:
        return None
    candidates = [k for k in keys if len(k) >= _FUZZY_MIN_LENGTH]
    best = process.extractOne(key, candidates, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
    return keys[best[0]] if best else None


def skill_key(term: str) -> str:
    """How a skill is compared: its canonical name, else its own normalised spelling."""
    return canonical_skill(term) or term.strip()


def same_skill(left: str, right: str) -> bool:
    """Whether two skill names mean the same skill (synonyms, spellings, near typos)."""
    a, b = skill_key(left), skill_key(right)
    if a == b or normalise_key(a) == normalise_key(b):
        return True
    ka, kb = normalise_key(a), normalise_key(b)
    short = min(len(ka), len(kb))
    return short >= _FUZZY_MIN_LENGTH and fuzz.ratio(ka, kb) >= FUZZY_CUTOFF


def skill_category(name: str) -> str | None:
    """The vocabulary category of a canonical skill name."""
    entry = load_taxonomy().skills.get(name)
    return entry.category if entry else None
