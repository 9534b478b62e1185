"""Action verbs of CV bullets and their forms (led/lead/leads/leading), to fix tense."""

from __future__ import annotations

from functools import lru_cache
from typing import Literal

Tense = Literal["past", "present"]
Form = Literal["base", "third", "past", "participle", "gerund"]

ACTION_VERBS = """
accelerate achieve adapt administer adopt advise align allocate analyse analyze answer apply
architect arrange assemble assess assist audit author automate balance benchmark boost brief
broaden budget build calculate campaign care champion clarify close coach code collaborate
collect compile complete compose conceive conduct configure consolidate construct consult
contribute convert coordinate create cultivate curate cut debug decommission decrease define
deliver demonstrate deploy design detect develop devise diagnose digitise digitize direct
dispense document double draft drive earn edit educate eliminate empower enable encourage
engage engineer enhance ensure establish estimate evaluate exceed execute expand expedite
extend facilitate fix forecast forge formalise formalize formulate foster found gather generate
govern grow guide handle harden head help hire host identify implement improve increase
influence initiate innovate inspect inspire install institute instruct instrument integrate
interview introduce invent investigate launch lead lift lower maintain manage map market
maximise maximize measure mentor merge migrate minimise minimize mitigate model moderate
modernise modernize monitor motivate negotiate nurture obtain onboard operate optimise
optimize orchestrate organise organize outperform overhaul oversee own participate partner
perform persuade pilot pioneer pitch plan port predict prepare present prevent prioritise
prioritize process produce program promote propose protect prototype provide publish purchase
quantify raise rank reach rebuild recommend reconcile record recruit redesign reduce refactor
refine regulate reorganise reorganize repair replace report represent research resolve
respond restore restructure retain revamp review revise rewrite run safeguard save scale
schedule secure select sell serve set shape ship shorten simplify solve source spearhead
speak sponsor stabilise stabilize standardise standardize steer streamline strengthen
structure supervise supply support surpass survey sustain teach test track train transform
transition translate treat triage troubleshoot tune unblock unify update upgrade use utilise
utilize validate verify visualise visualize win work write
""".split()

_IRREGULAR_PAST = {
    "build": "built", "rebuild": "rebuilt", "lead": "led", "run": "ran", "write": "wrote",
    "rewrite": "rewrote", "drive": "drove", "grow": "grew", "teach": "taught", "bring": "brought",
    "make": "made", "give": "gave", "take": "took", "cut": "cut", "set": "set", "speak": "spoke",
    "oversee": "oversaw", "sell": "sold", "win": "won", "hold": "held", "keep": "kept",
    "meet": "met", "send": "sent", "spend": "spent", "find": "found", "forecast": "forecast",
    "do": "did", "get": "got", "have": "had", "go": "went",
}  # fmt: skip
_IRREGULAR_PARTICIPLE = {
    "write": "written", "rewrite": "rewritten", "drive": "driven", "grow": "grown",
    "give": "given", "take": "taken", "speak": "spoken", "oversee": "overseen", "run": "run",
    "do": "done", "go": "gone",
}  # fmt: skip
_DOUBLE_FINAL = {
    "plan", "ship", "map", "commit", "control", "program", "scan", "drop", "stop", "cut", "set",
    "run", "win", "begin", "spin",
}  # fmt: skip
_VOWELS = set("aeiou")

NOUN_LIKE = set(
    """budget care code design document draft forecast host interview map market model pilot
    plan present process program prototype record report research review run schedule source
    structure support survey test track train transition update upgrade use work audit coach
    mentor partner campaign change lead build""".split()
)
"""Base forms that are nouns as often as verbs: never re-tensed in mid-sentence."""


def past(base: str) -> str:
    if base in _IRREGULAR_PAST:
        return _IRREGULAR_PAST[base]
    if base in _DOUBLE_FINAL:
        return base + base[-1] + "ed"
    if base.endswith("e"):
        return base + "d"
    if base.endswith("y") and base[-2:-1] not in _VOWELS:
        return base[:-1] + "ied"
    return base + "ed"


def participle(base: str) -> str:
    return _IRREGULAR_PARTICIPLE.get(base, past(base))


def third_person(base: str) -> str:
    if base.endswith(("s", "x", "z", "ch", "sh", "o")):
        return base + "es"
    if base.endswith("y") and base[-2:-1] not in _VOWELS:
        return base[:-1] + "ies"
    return base + "s"


def gerund(base: str) -> str:
    if base in _DOUBLE_FINAL:
        return base + base[-1] + "ing"
    if base.endswith("ie"):
        return base[:-2] + "ying"
    if base.endswith("e") and not base.endswith(("ee", "ye", "oe")):
        return base[:-1] + "ing"
    return base + "ing"


@lru_cache
def _forms() -> dict[str, tuple[str, Form]]:
    forms: dict[str, tuple[str, Form]] = {}
    for base in ACTION_VERBS:
        inflections: list[tuple[str, Form]] = [
            (gerund(base), "gerund"),
            (third_person(base), "third"),
            (participle(base), "participle"),
            (past(base), "past"),
            (base, "base"),
        ]
        for form, kind in inflections:
            forms[form] = (base, kind)
    return forms


def analyse(word: str) -> tuple[str, Form] | None:
    """``(base, form)`` when ``word`` is a form of a known action verb."""
    return _forms().get(word.casefold())


def is_action_verb(word: str) -> bool:
    return analyse(word) is not None


def in_tense(word: str, tense: Tense) -> str | None:
    """``word`` put in the bullet tense (past: "Led"; present: "Lead"), case kept; else None."""
    found = analyse(word)
    if found is None:
        return None
    base, _form = found
    target = past(base) if tense == "past" else base
    return target.capitalize() if word[:1].isupper() else target
