"""The evaluation set: bullets, job adverts with labelled requirements, profiles, roles."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from cvapp.domain.ai.facts import Item, ProfileFacts
from cvapp.domain.ai.vocabulary import skill_key, skills_in

DEFAULT_DIR = Path(__file__).resolve().parents[4] / "tests" / "fixtures" / "ai_eval"


@dataclass(frozen=True)
class Bullet:
    id: str
    kind: str
    role: str
    tense: str
    change_expected: bool
    keep: tuple[str, ...]
    text: str


@dataclass(frozen=True)
class LabelledRequirement:
    kind: str
    importance: str
    match: str
    alternatives: tuple[str, ...] = ()
    years: float | None = None
    field: tuple[str, ...] = ()
    degree: str | None = None

    @property
    def label(self) -> str:
        if self.kind == "years":
            of = f" of {' or '.join(self.field)}" if self.field else ""
            return f"{self.years:g}+ years{of}"
        if self.kind == "degree":
            return f"degree ({self.degree})"
        return " or ".join(self.alternatives)


@dataclass(frozen=True)
class JobCase:
    id: str
    language: str
    style: str
    profile: str
    text: str
    requirements: tuple[LabelledRequirement, ...]


@dataclass(frozen=True)
class RoleCase:
    role: str
    expect: str | None


@dataclass
class EvalSet:
    bullets: list[Bullet]
    jobs: list[JobCase]
    profiles: dict[str, ProfileFacts]
    roles: list[RoleCase]
    today: date
    raw_profiles: dict[str, Any] = field(default_factory=dict)


def _item(section: str, index: int, label: str, texts: list[str], names: list[str],
          **extra: Any) -> Item:  # fmt: skip
    clean = tuple(t for t in texts if t)
    return Item(
        section=section,
        id=f"{section}-{index}",
        label=label,
        texts=clean + tuple(names),
        skills=frozenset({skill_key(n) for n in names} | skills_in("\n".join(clean))),
        **extra,
    )


def profile_facts(name: str, raw: dict[str, Any]) -> ProfileFacts:
    """The profile as the AI features see it (as ``profile_reader`` builds it from the DB)."""
    items: list[Item] = []
    for i, e in enumerate(raw.get("experiences", [])):
        items.append(
            _item("experiences", i, f"{e['title']} at {e['organisation']}",
                  [e["title"], e["organisation"], *e.get("bullets", [])], e.get("skills", []),
                  start=e.get("start"), end=e.get("end"), title=e["title"],
                  organisation=e["organisation"])
        )  # fmt: skip
    for i, p in enumerate(raw.get("projects", [])):
        items.append(
            _item("projects", i, f"Project {p['name']}", [p["name"], p.get("description", "")],
                  p.get("skills", []))
        )  # fmt: skip
    for i, s in enumerate(raw.get("skills", [])):
        items.append(_item("skills", i, f"Skill {s}", [s], [s]))
    for i, ed in enumerate(raw.get("education", [])):
        degree = " in ".join(filter(None, [ed.get("degree"), ed.get("area")]))
        items.append(
            _item("education", i, f"{degree}, {ed['institution']}",
                  [ed.get("degree", ""), ed.get("area", ""), ed["institution"]], [],
                  start=ed.get("start"), end=ed.get("end"), title=degree,
                  organisation=ed["institution"])
        )  # fmt: skip
    for i, lang in enumerate(raw.get("languages", [])):
        items.append(
            Item(section="languages", id=f"languages-{i}", label=lang["language"],
                 texts=(lang["language"], lang.get("fluency", "")), skills=frozenset())
        )  # fmt: skip
    places = tuple(e["organisation"] for e in raw.get("experiences", []))
    return ProfileFacts(
        user_id=f"eval-{name}",
        headline=raw.get("headline"),
        summary=raw.get("summary"),
        places=places,
        items=tuple(items),
    )


def load(directory: Path | None = None) -> EvalSet:
    """The evaluation set from ``directory`` (default: ``tests/fixtures/ai_eval``)."""
    base = directory or DEFAULT_DIR

    def read(name: str) -> Any:
        # A held-out subset (e.g. ``holdout/``) shares the profiles and roles of its parent.
        path = base / name if (base / name).exists() else base.parent / name
        return json.loads(path.read_text(encoding="utf-8"))

    bullets = [
        Bullet(b["id"], b["kind"], b["role"], b["tense"], b["change_expected"],
               tuple(b["keep"]), b["text"])
        for b in read("bullets.json")["bullets"]
    ]  # fmt: skip
    jobs = [
        JobCase(
            id=j["id"], language=j["language"], style=j["style"], profile=j["profile"],
            text=j["text"],
            requirements=tuple(
                LabelledRequirement(
                    kind=r["kind"], importance=r["importance"], match=r["match"],
                    alternatives=tuple(r.get("alternatives", ())), years=r.get("years"),
                    field=tuple(r.get("field", ())), degree=r.get("degree"),
                )
                for r in j["requirements"]
            ),
        )
        for j in read("jobs.json")["jobs"]
    ]  # fmt: skip
    raw_profiles = read("profiles.json")
    profiles = {name: profile_facts(name, p) for name, p in raw_profiles["profiles"].items()}
    roles = [RoleCase(r["role"], r["expect"]) for r in read("roles.json")["roles"]]
    return EvalSet(
        bullets=bullets,
        jobs=jobs,
        profiles=profiles,
        roles=roles,
        today=date.fromisoformat(raw_profiles["today"]),
        raw_profiles=raw_profiles["profiles"],
    )
