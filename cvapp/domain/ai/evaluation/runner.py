"""Run the evaluation set through a provider and count what matters (see ``Report``)."""

from __future__ import annotations

import inspect
import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from cvapp.domain.ai import verbs
from cvapp.domain.ai.evaluation.dataset import Bullet, EvalSet, JobCase, LabelledRequirement
from cvapp.domain.ai.evaluation.metrics import Counts, PerCategory, Ratio
from cvapp.domain.ai.facts import ProfileFacts
from cvapp.domain.ai.gaps import analyse_gaps
from cvapp.domain.ai.invention import known_facts, unsupported_claims
from cvapp.domain.ai.jobposting import parse_job
from cvapp.domain.ai.providers.base import Provider
from cvapp.domain.ai.schemas import Requirement, RequirementResult
from cvapp.domain.ai.taxonomy import role_key
from cvapp.domain.ai.verbs import Tense
from cvapp.domain.ai.vocabulary import find_skills, normalise_key, skill_key

EMPTY = ProfileFacts(user_id="eval")
SOFT = {
    "Mentoring", "Leadership", "Communication", "Coaching", "Teamwork", "People Management",
    "Attention to Detail", "Problem Solving", "Time Management", "Adaptability",
    "Critical Thinking", "Stakeholder Management", "Public Speaking",
}  # fmt: skip
_STOP = set(
    """a an the of to for in on with and or by at from as that which who whom my our i we me us
    was were is are am be been being have has had it its this these those their his her into
    within through per""".split()
)
_MAY_DROP = set(
    """responsible accountable charge duties tasks included tasked involved participated took part
    worked helped assisted handled handle did do successfully effectively efficiently basically
    actually really very just simply quite various different hard-working diligently order basis
    utilized utilised utilize utilise utilizes utilises utilizing utilising number large lot etc
    so forth myself team""".split()
)
_WORD = re.compile(r"[\w%$€£][\w%'’.-]*[\w%]|[\w%$€£]")


@dataclass
class BulletOutcome:
    bullet: Bullet
    suggestion: str
    tense_ok: bool | None
    regression: bool
    dropped: list[str]
    invented: list[str]
    changed: bool


@dataclass
class Report:
    provider: str
    bullets: list[BulletOutcome] = field(default_factory=list)
    tense_by_kind: dict[str, Ratio] = field(default_factory=lambda: defaultdict(Ratio))
    change_detection: Counts = field(default_factory=Counts)
    extraction: PerCategory = field(default_factory=PerCategory)
    importance: Ratio = field(default_factory=Ratio)
    match_gold: dict[str, Ratio] = field(default_factory=lambda: defaultdict(Ratio))
    match_end_to_end: Ratio = field(default_factory=Ratio)
    quotes: Ratio = field(default_factory=Ratio)
    job_errors: list[str] = field(default_factory=list)
    extraction_misses: list[str] = field(default_factory=list)
    roles: Ratio = field(default_factory=Ratio)
    unrelated_roles: list[str] = field(default_factory=list)
    summaries: int = 0
    summary_invented: list[str] = field(default_factory=list)
    summary_misattributed: list[str] = field(default_factory=list)
    variants_differ: Ratio = field(default_factory=Ratio)

    @property
    def tense_regressions(self) -> list[BulletOutcome]:
        return [o for o in self.bullets if o.regression]

    @property
    def invented_facts(self) -> list[BulletOutcome]:
        return [o for o in self.bullets if o.invented]

    @property
    def meaning_drops(self) -> list[BulletOutcome]:
        return [o for o in self.bullets if o.dropped]

    @property
    def match_accuracy(self) -> float:
        total = Ratio()
        for ratio in self.match_gold.values():
            total.good, total.total = total.good + ratio.good, total.total + ratio.total
        return total.value


# --- bullets -----------------------------------------------------------------------------


def _lead(text: str) -> str:
    return text.split(" ", 1)[0].strip(",.;:") if text else ""


def tense_fits(text: str, tense: str) -> bool | None:
    """Whether the lead verb is in ``tense`` (None when the text does not start with one)."""
    word = _lead(text)
    found = verbs.analyse(word)
    if found is None:
        return None
    base, _form = found
    wanted = verbs.past(base) if tense == "past" else base
    return word.casefold() == wanted


def _tokens(text: str) -> list[str]:
    return [t.casefold().strip(".") for t in _WORD.findall(text)]


def dropped_words(original: str, suggestion: str, keep: tuple[str, ...] = ()) -> list[str]:
    """Words of ``original`` that carry meaning and are gone from ``suggestion``."""
    out = _tokens(suggestion)
    out_set = set(out)
    out_bases = {found[0] for t in out if (found := verbs.analyse(t))}
    lost: list[str] = []
    for token in _tokens(original):
        if token in _STOP or token in _MAY_DROP or token in out_set:
            continue
        found = verbs.analyse(token)
        if found and found[0] in out_bases:
            continue
        lost.append(token)
    folded = " ".join(suggestion.casefold().split())
    lost += [phrase for phrase in keep if phrase.casefold() not in folded]
    return lost


def _normal(text: str) -> str:
    return " ".join(text.split()).rstrip(".")


def evaluate_bullet(provider: Provider, bullet: Bullet, today: date) -> BulletOutcome:
    tense: Tense = "past" if bullet.role == "ended" else "present"
    draft = provider.optimize_text(
        text=bullet.text, kind="bullet", tense=tense, facts=EMPTY, about=None
    )
    suggestion = draft.suggestion
    before, after = tense_fits(bullet.text, bullet.tense), tense_fits(suggestion, bullet.tense)
    known = known_facts(EMPTY, sources=[bullet.text], today=today)
    return BulletOutcome(
        bullet=bullet,
        suggestion=suggestion,
        tense_ok=after,
        regression=after is False and before is not False,
        dropped=dropped_words(bullet.text, suggestion, bullet.keep),
        invented=[claim.text for claim in unsupported_claims(suggestion, known)],
        changed=_normal(suggestion) != _normal(bullet.text),
    )


# --- job adverts -------------------------------------------------------------------------


def _skill_set(names: list[str] | tuple[str, ...]) -> frozenset[str]:
    return frozenset(normalise_key(skill_key(name)) for name in names)


def gold_key(req: LabelledRequirement) -> tuple[Any, ...]:
    if req.kind in ("skill", "soft"):
        return ("skill", _skill_set(req.alternatives))
    if req.kind == "years":
        return ("years", req.years)
    if req.kind == "degree":
        return ("degree",)
    if req.kind == "language":
        return ("language", frozenset(a.casefold() for a in req.alternatives))
    return (req.kind, req.alternatives[0].casefold())


def found_kind(req: Requirement) -> str:
    kind = {"experience": "years", "qualification": "degree"}.get(req.kind, req.kind)
    if kind == "skill" and skill_key(req.name) in SOFT:
        return "soft"
    return kind


def found_key(req: Requirement) -> tuple[Any, ...]:
    kind = found_kind(req)
    if kind in ("skill", "soft"):
        return ("skill", _skill_set(getattr(req, "alternatives", None) or [req.name]))
    if kind == "years":
        return ("years", req.years)
    if kind == "degree":
        return ("degree",)
    if kind == "language":
        names = getattr(req, "alternatives", None) or [req.name]
        return ("language", frozenset(n.casefold() for n in names))
    return (kind, req.name.casefold())


def gold_requirement(req: LabelledRequirement) -> Requirement:
    """The labelled requirement as the extractor should have written it."""
    fields = Requirement.model_fields
    importance: Any = req.importance
    if req.kind == "years":
        field_name = " or ".join(req.field) or None
        return Requirement(
            name=f"{req.years:g}+ years" + (f" of {field_name}" if field_name else ""),
            kind="experience", importance=importance, years=req.years, field=field_name,
            **({"alternatives": list(req.field)} if "alternatives" in fields and req.field else {}),
        )  # fmt: skip
    if req.kind == "degree":
        return Requirement(name=f"degree ({req.degree})", kind="qualification",
                           importance=importance, degree=req.degree)  # fmt: skip
    kind: Any = req.kind
    allowed = Requirement.model_fields["kind"].annotation
    if kind not in getattr(allowed, "__args__", ()):
        kind = "skill"
    extra = {"alternatives": list(req.alternatives)} if "alternatives" in fields else {}
    name = " or ".join(skill_key(a) for a in req.alternatives)
    return Requirement(name=name, kind=kind, importance=importance, **extra)


def _all_results(analysis: Any) -> list[RequirementResult]:
    return [*analysis.matched, *analysis.hidden, *analysis.missing]


def _status(result: RequirementResult) -> str:
    return "missing" if result.status == "missing" else "matched"


def evaluate_job(provider: Provider, case: JobCase, data: EvalSet, report: Report) -> None:
    facts = data.profiles[case.profile]
    # Extraction (and end-to-end matching) as the provider reads the advert.
    try:
        analysis = provider.gap_analysis(job=parse_job(case.text), facts=facts, today=data.today)
    except Exception as exc:  # noqa: BLE001 - one advert failing is counted, not fatal
        report.job_errors.append(f"{case.id}: {type(exc).__name__}: {exc}")
        for req in case.requirements:
            report.extraction[req.kind].fn += 1
            report.match_end_to_end.add(False)
        return
    found = {found_key(r.requirement): r for r in _all_results(analysis)}
    wanted = {gold_key(req): req for req in case.requirements}
    for key, req in wanted.items():
        result = found.get(key)
        if result is None:
            report.extraction[req.kind].fn += 1
            report.match_end_to_end.add(False)
            report.extraction_misses.append(f"{case.id}: not found: {req.label}")
            continue
        report.extraction[req.kind].tp += 1
        report.importance.add(result.requirement.importance == req.importance)
        report.match_end_to_end.add(_status(result) == req.match)
    for key, result in found.items():
        if key not in wanted:
            report.extraction[found_kind(result.requirement)].fp += 1
            report.extraction_misses.append(f"{case.id}: extra: {result.requirement.name}")
    # Matching on the labelled requirements: the classification alone.
    gold = [gold_requirement(req) for req in case.requirements]
    checked = analyse_gaps(gold, facts, provider="eval", today=data.today)
    by_name = {r.requirement.name: r for r in _all_results(checked)}
    for req, asked in zip(case.requirements, gold, strict=True):
        result = by_name[asked.name]
        ok = _status(result) == req.match
        report.match_gold[req.kind].add(ok)
        if not ok:
            report.job_errors.append(
                f"{case.id}: {req.label} is {result.status}, labelled {req.match}"
            )
        if req.kind in ("skill", "soft") and req.match == "matched":
            report.quotes.add(any(e.snippet for e in result.evidence))


# --- roles and summaries -----------------------------------------------------------------


def _related(query: str, role: str) -> bool:
    return bool(set(role_key(query).split()) & set(role_key(role).split()))


def evaluate_roles(provider: Provider, data: EvalSet, report: Report) -> None:
    for case in data.roles:
        found = provider.suggest_skills(role=case.role, limit=15, facts=EMPTY)
        if case.expect is None:
            ok = found.role is None and not found.ideas
            unrelated = [a for a in found.alternatives if not _related(case.role, a)]
            if unrelated:
                report.unrelated_roles.append(f"{case.role} → {', '.join(unrelated)}")
        else:
            ok = found.role == case.expect and bool(found.ideas)
        report.roles.add(ok)


def _skill_places(facts: ProfileFacts) -> dict[str, set[str]]:
    places: dict[str, set[str]] = defaultdict(set)
    for item in facts.section("experiences") + facts.section("projects"):
        for skill in item.skills:
            places[skill].add(item.organisation or item.texts[0])
    return places


def misattributions(text: str, facts: ProfileFacts) -> list[str]:
    """Skill–place pairs a clause of ``text`` states that the profile does not."""
    places = _skill_places(facts)
    organisations = {i.organisation for i in facts.section("experiences") if i.organisation}
    titles = [i.title for i in facts.section("experiences") if i.title]
    wrong: list[str] = []
    for clause in re.split(r"[.;]\s*", text):
        named = [o for o in organisations if o in clause]
        blanked = clause
        for title in titles:
            blanked = blanked.replace(title, " " * len(title))
        skills = {m.canonical for m in find_skills(blanked)}
        wrong += [f"{s} at {o}" for s in sorted(skills) for o in named if o not in places[s]]
    return wrong


def _summary(provider: Provider, facts: ProfileFacts, tone: Any, today: date, variant: int) -> str:
    parameters = inspect.signature(provider.generate_summary).parameters
    extra = {"variant": variant} if "variant" in parameters else {}
    return provider.generate_summary(facts=facts, tone=tone, today=today, **extra)


def evaluate_summaries(provider: Provider, data: EvalSet, report: Report) -> None:
    for name, facts in data.profiles.items():
        known = known_facts(facts, today=data.today)
        for tone in ("professional", "confident", "friendly", "concise"):
            texts = [_summary(provider, facts, tone, data.today, v) for v in (0, 1)]
            for text in texts:
                report.summaries += 1
                report.summary_invented += [
                    f"{name}/{tone}: {c.text}" for c in unsupported_claims(text, known)
                ]
                report.summary_misattributed += [
                    f"{name}/{tone}: {w}" for w in misattributions(text, facts)
                ]
            report.variants_differ.add(texts[0] != texts[1])


def evaluate(provider: Provider, data: EvalSet, *, parts: tuple[str, ...] = ()) -> Report:
    """Every case of ``data`` through ``provider`` (``parts``: bullets, jobs, roles, summaries;
    empty means all)."""
    report = Report(provider=provider.name)
    chosen = set(parts or ("bullets", "jobs", "roles", "summaries"))
    if "bullets" in chosen:
        for bullet in data.bullets:
            outcome = evaluate_bullet(provider, bullet, data.today)
            report.bullets.append(outcome)
            if outcome.tense_ok is not None:
                report.tense_by_kind[bullet.kind].add(outcome.tense_ok)
            counts = report.change_detection
            if outcome.changed and bullet.change_expected:
                counts.tp += 1
            elif outcome.changed:
                counts.fp += 1
            elif bullet.change_expected:
                counts.fn += 1
    if "jobs" in chosen:
        for case in data.jobs:
            evaluate_job(provider, case, data, report)
    if "roles" in chosen:
        evaluate_roles(provider, data, report)
    if "summaries" in chosen:
        evaluate_summaries(provider, data, report)
    return report


def format_report(report: Report, *, details: bool = True) -> str:
    """The numbers, one per line, then (``details``) every failing case."""
    lines = [f"provider: {report.provider}"]
    if report.bullets:
        lines += [
            f"bullets: {len(report.bullets)}",
            f"  tense regressions: {len(report.tense_regressions)}   (target 0)",
            f"  invented facts: {len(report.invented_facts)}   (target 0)",
            f"  meaning dropped: {len(report.meaning_drops)}",
        ]
        for kind, ratio in sorted(report.tense_by_kind.items()):
            lines.append(f"  lead verb in the right tense [{kind}]: {ratio.good}/{ratio.total}")
        c = report.change_detection
        lines.append(
            f"  needs-a-change detection: precision {c.precision:.2f} recall {c.recall:.2f} "
            f"F1 {c.f1:.2f} (already-good bullets changed: {c.fp})"
        )
    if report.extraction.counts:
        lines.append("requirement extraction (precision / recall / F1):")
        for kind, c in sorted(report.extraction.counts.items()):
            lines.append(
                f"  {kind:<10} P {c.precision:.2f} R {c.recall:.2f} F1 {c.f1:.2f} "
                f"(tp {c.tp} fp {c.fp} fn {c.fn})"
            )
        t = report.extraction.total()
        lines.append(
            f"  {'all':<10} P {t.precision:.2f} R {t.recall:.2f} F1 {t.f1:.2f}   (target ≥ 0.9)"
        )
        lines.append(f"  importance right (of found): {report.importance.value:.2f}")
        lines.append("match classification on the labelled requirements (accuracy):")
        for kind, ratio in sorted(report.match_gold.items()):
            lines.append(f"  {kind:<10} {ratio.good}/{ratio.total}")
        lines.append(f"  {'all':<10} {report.match_accuracy:.2f}   (target ≥ 0.9)")
        lines.append(f"  end to end (extraction + matching): {report.match_end_to_end.value:.2f}")
        lines.append(f"  matched skills with a quote as evidence: {report.quotes.value:.2f}")
    if report.roles.total:
        lines.append(
            f"roles: right answer {report.roles.good}/{report.roles.total}, unrelated "
            f"'did you mean': {len(report.unrelated_roles)}"
        )
    if report.summaries:
        lines.append(
            f"summaries: {report.summaries}, invented {len(report.summary_invented)}, "
            f"misattributed {len(report.summary_misattributed)}, 'try again' differs "
            f"{report.variants_differ.good}/{report.variants_differ.total}"
        )
    if details:
        for o in report.bullets:
            problems = []
            if o.regression:
                problems.append("TENSE")
            if o.invented:
                problems.append(f"INVENTED {o.invented}")
            if o.dropped:
                problems.append(f"DROPPED {o.dropped}")
            if o.changed != o.bullet.change_expected:
                problems.append("CHANGED" if o.changed else "UNCHANGED")
            if problems:
                what = f"{o.bullet.text!r} → {o.suggestion!r}"
                lines.append(f"  {o.bullet.id} {' '.join(problems)}: {what}")
        lines += [f"  extraction {e}" for e in report.extraction_misses]
        lines += [f"  match {e}" for e in report.job_errors]
        lines += [f"  role {r}" for r in report.unrelated_roles]
        lines += [f"  summary invented {s}" for s in report.summary_invented]
        lines += [f"  summary misattributed {s}" for s in report.summary_misattributed]
    return "\n".join(lines)
