"""The one way to anonymize: any read schema in, the same schema out, client details hidden.

Each project marked ``anonymize`` contributes its client name (replaced by its
``client_alias``) and its sensitive terms (replaced by a neutral mask). The terms of every
such project apply to the *whole* output, so a client hidden in one project cannot leak
through an experience bullet, a skill's evidence or the summary.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Protocol, TypeVar

from pydantic import BaseModel
from sqlalchemy.orm import lazyload
from sqlmodel import Session, select

from cvapp.domain.anonymize.masking import DEFAULT_ALIAS, MASK, Masker
from cvapp.models import Project

T = TypeVar("T")
P = TypeVar("P", bound=BaseModel)

# Identifiers, addresses and settings: never rewritten.
_KEEP = frozenset({"id", "slug", "visibility", "photo_url", "client_alias"})


class AnonymizableProject(Protocol):
    anonymize: bool
    client_name: str | None
    client_alias: str | None
    sensitive_terms: list[str]


def masker_for(projects: Iterable[AnonymizableProject]) -> Masker:
    """The masker built from the projects that ask to be anonymized."""
    terms: list[tuple[str, str]] = []
    for project in projects:
        if not project.anonymize:
            continue
        if project.client_name:
            terms.append((project.client_name, project.client_alias or DEFAULT_ALIAS))
        terms.extend((term, MASK) for term in project.sensitive_terms)
    return Masker.build(terms)


def masker_for_profile(session: Session, *, profile_id: str) -> Masker:
    """The masker of a profile, read from its anonymized projects (one query)."""
    statement = (
        select(Project)
        .options(lazyload("*"))
        .where(Project.profile_id == profile_id, Project.anonymize)
    )
    return masker_for(session.exec(statement).all())


def anonymize(value: T, *, masker: Masker) -> T:
    """``value`` (a read schema, or lists/dicts of them) as a third party may see it."""
    if isinstance(value, BaseModel):
        return type(value).model_validate(_walk(value.model_dump(), masker))
    return _walk(value, masker)  # type: ignore[no-any-return]


def anonymize_profile(view: P) -> P:
    """A full profile view with every anonymized project's terms applied across it."""
    return anonymize(view, masker=masker_for(getattr(view, "projects", [])))


def _walk(value: Any, masker: Masker) -> Any:
    if isinstance(value, str):
        return masker.mask(value)
    if isinstance(value, list):
        return [_walk(item, masker) for item in value]
    if isinstance(value, dict):
        return _walk_dict(value, masker)
    return value


def _walk_dict(data: dict[str, Any], masker: Masker) -> dict[str, Any]:
    result = {key: item if _kept(key) else _walk(item, masker) for key, item in data.items()}
    if "sensitive_terms" in result:  # a project: its configuration is not for third parties
        result["sensitive_terms"] = []
        if result.get("anonymize"):
            result["client_name"] = None
            result["client_alias"] = result.get("client_alias") or DEFAULT_ALIAS
    return result


def _kept(key: str) -> bool:
    return key in _KEEP or key.endswith(("_id", "_ids"))
