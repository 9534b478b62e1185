"""Concrete next steps after a gap analysis: what to show, back up, add or learn."""

from __future__ import annotations

from cvapp.domain.ai.schemas import RequirementResult, Suggestion

_STRONG_EVIDENCE = ("experiences", "projects", "certifications", "education")


def _names(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _add_to_cv(results: list[RequirementResult]) -> list[Suggestion]:
    """One suggestion per hidden item, naming every requirement it would prove."""
    by_item: dict[tuple[str, str], tuple[str, list[str]]] = {}
    for result in results:
        if result.status != "hidden" or not result.evidence:
            continue
        best = result.evidence[0]
        _, names = by_item.setdefault((best.section, best.id), (best.label, []))
        names.append(result.requirement.name)
    return [
        Suggestion(
            kind="add_to_cv",
            message=f"Add “{label}” to this CV: it shows {_names(names)}.",
            requirements=names,
            section=section,
            item_id=item_id,
        )
        for (section, item_id), (label, names) in by_item.items()
    ]


def suggest_next_steps(results: list[RequirementResult], *, has_cv: bool) -> list[Suggestion]:
    """Suggestions in the order they pay off: show what you have, prove it, then fill gaps."""
    suggestions = _add_to_cv(results) if has_cv else []
    weak = [
        r.requirement.name
        for r in results
        if r.status == "matched"
        and r.requirement.kind == "skill"
        and not any(e.section in _STRONG_EVIDENCE for e in r.evidence)
    ]
    if weak:
        suggestions.append(
            Suggestion(
                kind="add_evidence",
                message=f"Back up {_names(weak)} with the experience or project where you used "
                "it: a skills list or a word in the summary alone is weak evidence.",
                requirements=weak,
            )
        )
    for importance in ("required", "preferred"):
        missing = [
            r.requirement.name
            for r in results
            if r.status == "missing"
            and r.requirement.kind == "skill"
            and r.requirement.importance == importance
        ]
        if missing:
            lead = "Not found in your profile" if importance == "required" else "Nice to have"
            suggestions.append(
                Suggestion(
                    kind="add_to_profile",
                    message=f"{lead}: {_names(missing)}. If you have used them, add them to the "
                    "experience or project where you did (only what your profile shows counts); "
                    "otherwise they are gaps to close or to address in a cover letter.",
                    requirements=missing,
                )
            )
    for r in results:
        if r.status != "missing" or r.requirement.kind == "skill":
            continue
        message = {
            "experience": f"The advert asks for {r.requirement.name}. {r.note or ''} Make the "
            "most relevant experience prominent and quantify its impact.",
            "qualification": f"The advert asks for {r.requirement.name}. If you have it, add it "
            "under Education; if not, point to equivalent experience in your summary.",
            "language": f"The advert asks for {r.requirement.name}. Add it under Languages if "
            "you speak it.",
            "soft": f"The advert asks for {r.requirement.name}. If you have done it, write a "
            "bullet that shows it (who, how many, with what result); a word in a skills list "
            "is not evidence.",
            "seniority": f"The advert is for a {r.requirement.name} role. {r.note or ''} Make the "
            "scope of your work visible (team size, ownership, decisions you made).",
        }[r.requirement.kind]
        kind = "add_to_profile" if r.requirement.kind == "language" else "close_gap"
        suggestions.append(
            Suggestion(
                kind=kind, message=" ".join(message.split()), requirements=[r.requirement.name]
            )
        )
    return suggestions
