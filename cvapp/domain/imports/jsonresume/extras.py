"""What cvapp's own JSON Resume export keeps under ``meta.cvapp``, read back: the client
alias of anonymized projects and the evidence of skills (the experiences and projects
they were used in, as links between the imported items)."""

from __future__ import annotations

from typing import Any

from cvapp.domain.imports.draft import Draft
from cvapp.domain.imports.jsonresume.mapping import EXTRAS
from cvapp.domain.imports.keys import text_key


def _extras(document: dict[str, Any]) -> dict[str, Any]:
    meta = document.get("meta")
    extras = meta.get(EXTRAS) if isinstance(meta, dict) else None
    return extras if isinstance(extras, dict) else {}


def read_aliases(document: dict[str, Any], draft: Draft) -> None:
    """Projects shown under an alias come back anonymized, with that alias."""
    aliases = {
        text_key(entry.get("project")): entry.get("client_alias")
        for entry in _extras(document).get("aliases") or []
        if isinstance(entry, dict) and isinstance(entry.get("client_alias"), str)
    }
    for item in draft.section("projects"):
        alias = aliases.get(text_key(item.data.get("name")))
        if alias:
            item.data.update(client_alias=alias, anonymize=True)
            if item.data.get("entity") == alias:  # the export writes the alias as the entity
                del item.data["entity"]


def _label(experience: dict[str, Any]) -> str:
    return text_key(f"{experience.get('title')} — {experience.get('company')}")


def read_evidence(document: dict[str, Any], draft: Draft) -> None:
    """Skills link to the imported experiences ("Title — Company") and projects they name."""
    evidence = _extras(document).get("evidence")
    if not isinstance(evidence, dict):
        return
    experiences = {_label(item.data): item.item_ref for item in draft.section("experiences")}
    projects = {
        text_key(item.data.get("name")): item.item_ref for item in draft.section("projects")
    }
    for skill in draft.section("skills"):
        used = evidence.get(skill.data.get("name"))
        if not isinstance(used, dict):
            continue
        for section, known in (("experiences", experiences), ("projects", projects)):
            names = [name for name in used.get(section) or [] if isinstance(name, str)]
            refs = [known[text_key(name)] for name in names if text_key(name) in known]
            if refs:
                skill.links[section] = list(dict.fromkeys(refs))
            if len(refs) < len(names):
                where = f"meta.{EXTRAS}.evidence"
                message = f"{where}: some {section} of skill {skill.data['name']!r} are not here"
                draft.warn("unlinked", message, where)
