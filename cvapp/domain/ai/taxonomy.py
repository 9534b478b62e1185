"""The bundled role → skills taxonomy and skill vocabulary (``data/taxonomy.json``).

The file is hand-written for cvapp; its ``sources`` name the public occupational frameworks
(O*NET-SOC, ESCO) its role names and alternative titles were checked against.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz, process

DATA_FILE = Path(__file__).resolve().parent / "data" / "taxonomy.json"
ROLE_MATCH_CUTOFF = 85
_ABBREVIATIONS = {
    "dev": "developer", "devs": "developer", "eng": "engineer", "engr": "engineer",
    "mgr": "manager", "mgmt": "management", "admin": "administrator", "sr": "", "jr": "",
    "snr": "", "senior": "", "junior": "", "principal": "", "staff": "", "mid": "",
    "level": "", "intern": "", "trainee": "", "graduate": "",
}  # fmt: skip


@dataclass(frozen=True)
class SkillEntry:
    name: str
    category: str
    synonyms: tuple[str, ...]


@dataclass(frozen=True)
class Role:
    name: str
    category: str
    synonyms: tuple[str, ...]
    core: tuple[str, ...]
    related: tuple[str, ...]

    @property
    def skills(self) -> tuple[str, ...]:
        return self.core + self.related


@dataclass(frozen=True)
class Taxonomy:
    skills: dict[str, SkillEntry]
    roles: tuple[Role, ...]
    case_sensitive: frozenset[str]
    skill_categories: tuple[str, ...]
    role_categories: tuple[str, ...]
    sources: tuple[dict[str, Any], ...]


@lru_cache
def load_taxonomy() -> Taxonomy:
    """The taxonomy, read once per process."""
    raw = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    skills = {
        entry["name"]: SkillEntry(entry["name"], entry["category"], tuple(entry["synonyms"]))
        for entry in raw["skills"]
    }
    roles = tuple(
        Role(
            name=role["name"],
            category=role["category"],
            synonyms=tuple(role["synonyms"]),
            core=tuple(role["core"]),
            related=tuple(role["related"]),
        )
        for role in raw["roles"]
    )
    return Taxonomy(
        skills=skills,
        roles=roles,
        case_sensitive=frozenset(raw["case_sensitive"]),
        skill_categories=tuple(raw["skill_categories"]),
        role_categories=tuple(raw["role_categories"]),
        sources=tuple(raw["sources"]),
    )


def role_key(title: str) -> str:
    """A job title compared without case, punctuation, seniority or abbreviations
    ("Sr. Front-end Dev" → "front end developer")."""
    text = re.sub(r"[^\w+#]+", " ", title.casefold()).replace("dev ops", "devops")
    words = text.split()
    expanded = (_ABBREVIATIONS.get(word, word) for word in words)
    return " ".join(word for word in expanded if word)


@lru_cache
def _role_names() -> dict[str, Role]:
    """Every role name and alternative title, as a :func:`role_key`, to its role."""
    names: dict[str, Role] = {}
    for role in load_taxonomy().roles:
        for label in (role.name, *role.synonyms):
            names.setdefault(role_key(label), role)
    return names


def find_role(query: str) -> Role | None:
    """The role named by ``query``: exact title or alternative title, else the closest one."""
    key = role_key(query)
    if not key:
        return None
    names = _role_names()
    if key in names:
        return names[key]
    best = process.extractOne(
        key, list(names), scorer=fuzz.token_sort_ratio, score_cutoff=ROLE_MATCH_CUTOFF
    )
    if best:
        return names[best[0]]
    # "Full stack" names part of a title: the shortest title holding all its words.
    words = set(key.split())
    holding = [name for name in names if words <= set(name.split())]
    if holding:
        return names[min(holding, key=len)]
    # "Chef de cuisine", "Senior Java software engineer": a whole title inside the query.
    inside = [name for name in names if set(name.split()) <= words]
    return names[max(inside, key=len)] if inside else None


_GENERIC_TITLE_WORDS = set(
    """manager engineer developer specialist officer assistant analyst lead head technician
    consultant coordinator administrator director executive representative associate worker
    operator designer architect artist of and the""".split()
)


def _resembles(key: str, label: str) -> bool:
    """A close spelling ("Sofware enginer") or a shared distinctive word ("nurse")."""
    shared = set(key.split()) & set(label.split()) - _GENERIC_TITLE_WORDS
    return fuzz.ratio(key, label) >= 80 or any(len(word) >= 3 for word in shared)


def closest_roles(query: str, *, limit: int = 5) -> list[str]:
    """Role names resembling ``query``, best first (for "did you mean"); none when nothing
    does: an unknown role gets an honest "no suggestions", not unrelated roles."""
    names = _role_names()
    key = role_key(query)
    found: list[str] = []
    for label, _score, _index in process.extract(key, list(names), scorer=fuzz.WRatio, limit=50):
        role_name = names[label].name
        if role_name not in found and _resembles(key, label):
            found.append(role_name)
    return found[:limit]
