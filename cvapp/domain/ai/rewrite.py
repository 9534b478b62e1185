"""Offline rewriting of a bullet by rules: nothing is added that the user did not write.

Strong action verb first, filler and weak phrases removed, one tense, passive → active when
the doer is the user, and a prompt to quantify when there is no number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from cvapp.domain.ai import verbs
from cvapp.domain.ai.verbs import Tense
from cvapp.domain.ai.vocabulary import find_skills

TextKind = Literal["bullet", "summary", "description"]

_FILLER_ADVERBS = "successfully|effectively|efficiently|diligently"
_FILLERS: list[tuple[str, str]] = [
    # "Quickly and successfully migrated": the pair goes with the filler, not the "and" alone.
    (rf"\b(\w+ly)\s+and\s+(?:{_FILLER_ADVERBS})\b", r"\1"),
    (rf"\b(?:{_FILLER_ADVERBS})\s+and\s+(?=\w+ly\b)", ""),
    (r"\bin order to\b", "to"),
    (r"\bon a (daily|weekly|monthly|regular) basis\b", r"\1"),
    (r"\butili[sz](e|es|ed|ing)\b", r"us\1"),
    (r"\ba (?:large )?number of\b", "many"),
    (r"\ba lot of\b", "many"),
    (r",?\s*\b(?:etc\.?|and so on|and so forth)", ""),
    # Not after "a"/"an": "a very old" must not become "a old".
    (r"(?<!\ba )(?<!\ban )\b(?:successfully|effectively|efficiently|basically|actually|"
     r"really|simply|quite|various|different|hard-working|diligently)\s+", ""),
    # Not where the word carries meaning: "the very first", "just in time".
    (r"(?<!\ba )(?<!\ban )\bvery\s+(?!first\b|last\b|best\b|same\b|beginning\b|end\b|top\b)", ""),
    (r"(?<!\ba )(?<!\ban )\bjust\s+(?!in[\s-]time\b)", ""),
]  # fmt: skip
_PRONOUN = re.compile(r"^(?:I|we|We)\s+(?:have\s+|had\s+)?", re.UNICODE)
_BE = r"(?:(?:am|is|are|was|were|have been|has been|had been) )?"
_OPENERS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(rf"^{_BE}(?:responsible|accountable) for\s+", re.I), "own"),
    (re.compile(rf"^{_BE}in charge of\s+", re.I), "own"),
    (re.compile(r"^(?:my )?(?:duties|tasks) included\s+", re.I), "handle"),
    (re.compile(rf"^{_BE}tasked with\s+", re.I), "handle"),
    (re.compile(rf"^{_BE}(?:involved in|participated in|took part in)\s+", re.I), "*"),
    (re.compile(r"^worked on\s+", re.I), "*"),
    (re.compile(r"^(?:helped|assisted)(?: (?:with|in))\s+", re.I), "*"),
]
_PAST_OPENER = re.compile(
    r"^(?:was|were|had|have been|has been|duties included|tasks included|took|worked|helped|"
    r"assisted|participated|handled|did)\b",
    re.I,
)
_HELPED_VERB = re.compile(r"^(?:helped|assisted)\s+(?:to\s+)?(\w+)\b", re.I)
_WEAK_START = {"handled": "managed", "handle": "manage", "did": "performed", "do": "perform"}
_PASSIVE = re.compile(
    r"^(?P<subject>[^,;]{2,80}?)\s+(?P<aux>was|were|has been|have been|had been|is|are)\s+"
    r"(?P<verb>[a-z]+)(?P<agent>\s+by\s+(?P<who>(?:me|myself|us)(?!\w)|"
    r"(?:my|our|the)\s+team(?![\w-]|\s+(?:lead|leader|manager)s?\b)|[\w ]+?))?"
    r"(?P<rest>(?:[\s,;.].*)?)$",
    re.S,
)
_OWN_AGENT = re.compile(r"^(?:me|myself|us|our\s+team|my\s+team|the\s+team)$", re.I)
_TEAM_AGENT = re.compile(r"^(?:our|my|the)\s+team$", re.I)
_NUMERAL = re.compile(r"^(?:\d[\d,.]*|two|three|four|five|six|seven|eight|nine|ten|dozens?)$", re.I)
_DETERMINERS = {"the", "a", "an", "our", "my", "their", "its", "all", "new", "several", "multiple"}
_CONJUNCTION = re.compile(r"(,?\s+and\s+|;\s+)([A-Za-z]+)(\s+(\S+))?")


@dataclass
class Rewrite:
    suggestion: str
    changes: list[str] = field(default_factory=list)
    tips: list[str] = field(default_factory=list)
    reason: str | None = None
    """Why nothing was changed (set when the suggestion is the original text)."""


def rewrite(text: str, *, tense: Tense = "past", kind: TextKind = "bullet") -> Rewrite:
    """A better version of ``text`` by rules; ``changes`` and ``tips`` explain it.

    ``tense`` is the role's: past for an ended role, present for the current one. In the
    current role a bullet that already opens in the past tense is a finished achievement
    ("Led a team of five", "Introduced contract tests that reduced…") and stays past.
    """
    result = Rewrite(" ".join(text.split()))
    if kind == "bullet":
        result.suggestion = re.sub(r"^[-*•·–—]\s*", "", result.suggestion)
    _remove_fillers(result)
    if kind == "bullet":
        _drop_pronoun(result)
        tense = _bullet_tense(result.suggestion, tense)
        _active_voice(result, tense)
        _strong_opening(result, tense)
        _one_tense(result, tense)
    result.suggestion = _tidy(result.suggestion)
    _add_tips(result, kind)
    if _same_text(result.suggestion, text):
        result.suggestion, result.changes = " ".join(text.split()), []
        ambiguous = any("reads as a thing" in tip for tip in result.tips)
        result.reason = (
            "Nothing was changed: it may name a thing rather than something you did, so the "
            "rules leave it as it is (and it was not counted)."
            if ambiguous
            else already_good_reason(result.suggestion, kind, tense)
        )
    return result


def _same_text(left: str, right: str) -> bool:
    return " ".join(left.split()).rstrip(".") == " ".join(right.split()).lstrip("-*•·–— ").rstrip(
        "."
    )


def _bullet_tense(text: str, tense: Tense) -> Tense:
    """The role's tense, except that a finished achievement in the current role stays past."""
    if tense == "past":
        return tense
    first = text.split(" ", 1)[0].strip(",.;:")
    found = verbs.analyse(first)
    if found and found[1] == "past" and first.casefold() == verbs.past(found[0]):
        return "past"
    if _PAST_OPENER.match(text):
        return "past"
    return tense


def already_good_reason(text: str, kind: TextKind, tense: Tense) -> str:
    """Why a text needs no rewrite by rules (what it already does well)."""
    good: list[str] = []
    first = text.split(" ", 1)[0].strip(",.;:") if text else ""
    found = verbs.analyse(first)
    if kind == "bullet" and not found:
        return (
            "Nothing was changed: the rules found no filler, weak opening or tense to fix, "
            "and they do not rewrite a sentence that does not open with a verb (see the tips). "
            "It was not counted."
        )
    if kind == "bullet" and found:
        form = "past" if first.casefold() == verbs.past(found[0]) else "present"
        good.append(f'it opens with the action verb "{first}" in the {form} tense')
    if re.search(r"\d", text):
        good.append("it has a number")
    good.append("it has no filler or weak phrase to remove")
    listed = ", ".join(good[:-1]) + (" and " if len(good) > 1 else "") + good[-1]
    return f"Already good: {listed}. Nothing was changed (and it was not counted)."


def _remove_fillers(result: Rewrite) -> None:
    before = result.suggestion
    for pattern, replacement in _FILLERS:
        result.suggestion = re.sub(pattern, replacement, result.suggestion, flags=re.I)
    if result.suggestion != before:
        result.changes.append("Removed filler and wordy phrases")


def _drop_pronoun(result: Rewrite) -> None:
    stripped = _PRONOUN.sub("", result.suggestion)
    # "I have been leading the team": the verb is "leading" (its tense is set later).
    been = re.match(r"^been\s+(\w+ing)\b", stripped, re.I)
    if been and verbs.analyse(been[1]):
        stripped = stripped[been.start(1) :]
    if stripped != result.suggestion:
        result.suggestion = stripped
        result.changes.append("Dropped the pronoun: a bullet starts with what you did")


def _lower_first(phrase: str) -> str:
    first = phrase.split(" ", 1)[0]
    keep = first.isupper() or any(c.isupper() for c in first[1:]) or find_skills(first)
    if keep and first.casefold() not in _DETERMINERS:
        return phrase
    return phrase[:1].lower() + phrase[1:]


def _active_voice(result: Rewrite, tense: Tense) -> None:
    match = _PASSIVE.match(result.suggestion)
    if match is None or not verbs.is_action_verb(match["verb"]):
        return
    found = verbs.analyse(match["verb"])
    if found is None or found[1] not in ("past", "participle"):
        return  # "is used to", "are building": not a passive of an action verb
    who = " ".join((match["who"] or "").split())
    if match["agent"] and not _OWN_AGENT.match(who):
        result.tips.append("Passive voice with someone else doing it: say what your part was")
        return
    present = match["aux"] in ("is", "are")
    if present and not match["agent"]:
        return  # "The tool is used across the company" describes, it says nothing you did
    verb = verbs.in_tense(match["verb"], "present" if present else "past") or match["verb"]
    rest = match["rest"]
    if _TEAM_AGENT.match(who):  # the team did it: say so, not claim it alone
        rest = re.sub(r"^(.*?)([.!]?)$", rf"\1 with {who.casefold()}\2", rest, flags=re.S)
    result.suggestion = f"{verb.capitalize()} {_lower_first(match['subject'])}{rest}"
    result.changes.append("Turned the passive voice into an active one")


def _strong_opening(result: Rewrite, tense: Tense) -> None:
    text = result.suggestion
    helped = _HELPED_VERB.match(text)
    helped_verb = verbs.analyse(helped[1]) if helped else None
    if helped and helped_verb and helped_verb[1] == "base":
        rest = text[helped.end() :]
        result.suggestion = f"{_contribute(tense)} {verbs.gerund(helped_verb[0])}{rest}"
        result.changes.append("Replaced a weak opening with a clearer verb")
        result.tips.append("Say what your own part was (e.g. designed, built, tested)")
        return
    for pattern, verb in _OPENERS:
        opener = pattern.match(text)
        if opener is None:
            continue
        rest = text[opener.end() :]
        first, _, after = rest.partition(" ")
        found = verbs.analyse(first)
        if found and found[1] == "gerund":
            result.suggestion = f"{verbs.in_tense(found[0], tense)} {after}".strip()
        elif verb == "*":
            result.suggestion = f"{_contribute(tense)} {rest}"
            result.tips.append("Say what your own part was (e.g. designed, built, tested)")
        else:
            result.suggestion = f"{verbs.in_tense(verb, tense)} {rest}"
        result.changes.append("Replaced a weak opening with an action verb")
        return
    first, _, after = text.partition(" ")
    if first.casefold() in _WEAK_START:
        stronger = verbs.in_tense(_WEAK_START[first.casefold()], tense) or first
        result.suggestion = f"{stronger} {after}".strip()
        result.changes.append(f'Replaced the weak verb "{first}"')


def _contribute(tense: Tense) -> str:
    return "Contributed to" if tense == "past" else "Contribute to"


_PREPOSITION = {"of", "on", "for", "with", "in", "at", "to", "from", "by", "about", "across"}
_PRONOUNS = {"it", "them", "us", "him", "her", "everyone", "people", "customers", "clients"}


def _lead_is_verb(first: str, after: str) -> bool:
    """Whether the opening word is a verb, not the noun of a noun phrase: "Lead a team" and
    "Led generation…" differ; "Lead generation campaigns", "Test automation", "Training of
    staff", "Research on…" are things, and re-tensing them would change the meaning."""
    found = verbs.analyse(first)
    if found is None:
        return False
    base, form = found
    words = after.split()
    following = words[0].strip(",.;:") if words else ""
    folded = following.casefold()
    if form in ("past", "third"):
        return True
    if form == "gerund":
        return folded not in _PREPOSITION  # "Training of 20 staff" is a noun
    if base not in verbs.NOUN_LIKE:
        return True
    if folded in _PREPOSITION or not following:
        return False
    if folded in _DETERMINERS or folded in _PRONOUNS or _NUMERAL.match(folded):
        return True
    if folded == "and" and len(words) > 1:  # "Plan and deliver…"
        other = verbs.analyse(words[1].strip(",.;:"))
        return other is not None and other[1] == form
    return following[:1].isupper()  # "Test APIs", "Support SAP users"


def _one_tense(result: Rewrite, tense: Tense) -> None:
    text = result.suggestion
    first, space, after = text.partition(" ")
    changed = False
    if not _lead_is_verb(first, after):
        if verbs.analyse(first) and not result.changes:
            word = verbs.in_tense(first, tense) or first
            result.tips.append(
                f"If this is something you did, start with a verb in the {tense} tense "
                f'(e.g. "{word} …"); "{first} …" reads as a thing, so it was left as it is.'
            )
        return
    lead = verbs.analyse(first)
    fixed = verbs.in_tense(first, tense)
    if fixed and fixed.casefold() != first.casefold():
        text, changed = f"{fixed[:1].upper()}{fixed[1:]}{space}{after}", True
    elif fixed:
        text = f"{first[:1].upper()}{first[1:]}{space}{after}"

    def coordinate(match: re.Match[str]) -> str:
        nonlocal changed
        word, following = match[2], (match[4] or "").casefold()
        found = verbs.analyse(word)
        if found is None:
            return match[0]
        if tense == "present" and found[1] == "past":
            return match[0]  # a finished part of the work stays past
        # "and tests" may be a noun; "and tests the API" is not: a determiner settles it.
        if following in _DETERMINERS or _NUMERAL.match(following):
            clearly_verb = True
        elif lead and found[1] == lead[1] == "base" and found[0] not in verbs.NOUN_LIKE:
            clearly_verb = True  # "Monitor systems and respond to incidents": parallel verbs
        elif found[0] in verbs.NOUN_LIKE:
            clearly_verb = found[1] == "gerund"
        else:
            clearly_verb = found[1] in ("gerund", "past", "third")
        if not clearly_verb:
            return match[0]
        new = verbs.in_tense(word, tense) or word
        if new == word:
            return match[0]
        changed = True
        return f"{match[1]}{new}{match[3] or ''}"

    if fixed:
        text = _CONJUNCTION.sub(coordinate, text)
    if changed:
        result.changes.append(f"Put the verbs in the {tense} tense")
    result.suggestion = text


def _tidy(text: str) -> str:
    text = re.sub(r"\s+([,.;:!?])", r"\1", " ".join(text.split()))
    text = re.sub(r"([,;:])(?=[,.;:])", "", text)
    return text[:1].upper() + text[1:]


def _add_tips(result: Rewrite, kind: TextKind) -> None:
    result.tips.extend(tip for tip in tips_for(result.suggestion, kind) if tip not in result.tips)


def tips_for(text: str, kind: TextKind) -> list[str]:
    """What only the user can improve in ``text`` (a real number, a verb first, length)."""
    tips: list[str] = []
    if not re.search(r"\d", text):
        tips.append(
            "Add a real number if you have one (how many, how much, how fast: users, %, time "
            "or money saved). None is made up for you."
        )
    first = text.split(" ", 1)[0] if text else ""
    if kind == "bullet" and text and not verbs.is_action_verb(first.strip(",.;:")):
        tips.append("Start with an action verb (e.g. Led, Built, Reduced, Launched)")
    if kind == "bullet" and len(text) > 220:
        tips.append("Long for a bullet: keep it to one or two lines")
    return tips
