"""What merging an imported item into an existing one changes.

Merging never destroys: empty fields are filled, new bullets, keywords and courses are added
after the existing ones, and a more precise date replaces a vaguer one it agrees with
(``2020`` → ``2020-03``). A field both sides fill differently keeps the existing value and is
reported as a conflict, so the user sees it — and may take the incoming value instead
(``overwrite`` in the decision).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import fuzz

from cvapp.domain.imports.keys import line_key, org_key, text_key, url_key

LIST_FIELDS = frozenset({"responsibilities", "highlights", "keywords", "courses"})
ORG_FIELDS = frozenset({"company", "organization", "institution", "issuer", "awarder", "publisher"})
URL_FIELDS = frozenset({"url", "website"})


@dataclass
class Plan:
    """The merged values to write and, for the preview, what changes and what conflicts."""

    values: dict[str, Any] = field(default_factory=dict)
    changes: list[dict[str, Any]] = field(default_factory=list)
    conflicts: list[dict[str, Any]] = field(default_factory=list)

    def change(self, name: str, current: Any, incoming: Any, written: Any = None) -> None:
        self.values[name] = incoming if written is None else written
        self.changes.append({"field": name, "current": current, "incoming": incoming})

    def conflict(self, name: str, current: Any, incoming: Any) -> None:
        self.conflicts.append({"field": name, "current": current, "incoming": incoming})

    def overwriting(self, fields: Iterable[str]) -> dict[str, Any]:
        """The values to write when the user takes the incoming side of ``fields``."""
        chosen = set(fields)
        values = {key: dict(v) if isinstance(v, dict) else v for key, v in self.values.items()}
        for conflict in self.conflicts:
            name = conflict["field"]
            if name not in chosen:
                continue
            outer, _, inner = name.partition(".")
            if inner:
                values.setdefault(outer, {})[inner] = conflict["incoming"]
            else:
                values[name] = conflict["incoming"]
        return values


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}


def _is_date(name: str) -> bool:
    return name.endswith("date") or name == "last_used"


def same_line(a: str, b: str) -> bool:
    """Two list entries (bullets…) that say the same: equal, one a shortening of the other
    (a prefix of at least 20 characters), or nearly the same words (a typo, a changed word)."""
    if a == b:
        return True
    short, long_ = sorted((a, b), key=len)
    if len(short) >= 20 and long_.startswith(short):
        return True
    return min(len(a), len(b)) >= 20 and fuzz.ratio(a, b) >= 92


def _new_entries(current: list[Any], incoming: list[Any], forgotten: set[str]) -> list[Any]:
    known = [line_key(entry) for entry in current]
    added: list[Any] = []
    for entry in incoming:
        key = line_key(entry)
        if key in forgotten or any(same_line(key, other) for other in known):
            continue
        known.append(key)
        added.append(entry)
    return added


def merge_value(
    plan: Plan, name: str, current: Any, incoming: Any, forgotten: frozenset[str] = frozenset()
) -> None:
    """Add to ``plan`` what merging ``incoming`` into ``current`` does to field ``name``;
    ``forgotten``: list entries (line keys) the user deleted since an earlier import."""
    if _empty(incoming):
        return
    if name in LIST_FIELDS and isinstance(incoming, list):
        added = _new_entries(current or [], incoming, set(forgotten))
        if added:
            plan.change(name, current or [], added, written=[*(current or []), *added])
    elif _empty(current):
        plan.change(name, current, incoming)
    elif _is_date(name) and isinstance(current, str) and isinstance(incoming, str):
        if incoming.startswith(current) and len(incoming) > len(current):
            plan.change(name, current, incoming)
        elif not current.startswith(incoming):
            plan.conflict(name, current, incoming)
    elif isinstance(current, str) and isinstance(incoming, str):
        key = org_key if name in ORG_FIELDS else url_key if name in URL_FIELDS else text_key
        if key(current) != key(incoming):
            plan.conflict(name, current, incoming)
    elif current != incoming:
        plan.conflict(name, current, incoming)


def item_plan(
    current: dict[str, Any], incoming: dict[str, Any], forgotten: frozenset[str] = frozenset()
) -> Plan:
    """Merging an imported section item into an existing one (``forgotten``: entries of its
    lists the user deleted since an earlier import, not brought back)."""
    plan = Plan()
    for name, value in incoming.items():
        merge_value(plan, name, current.get(name), value, forgotten)
    return plan


def _entry_key(entry: dict[str, Any]) -> str:
    return url_key(entry.get("url")) or text_key(
        f"{entry.get('network', '')} {entry.get('username') or entry.get('name') or ''}"
    )


def _union(
    plan: Plan, name: str, current: list[Any], incoming: list[Any], also: Iterable[str] = ()
) -> None:
    """Links, interests, references: add the entries not already there (by URL or name;
    ``also``: keys of what the profile holds elsewhere, its website for links)."""
    known = {_entry_key(entry) for entry in current} | set(also)
    added = []
    for entry in incoming:
        key = _entry_key(entry)
        if key not in known:
            known.add(key)
            added.append(entry)
    if added:
        plan.change(name, current, added, written=[*current, *added])


def profile_plan(current: dict[str, Any], incoming: dict[str, Any]) -> Plan:
    """Merging imported profile fields (``ProfileUpdate`` shape) into the profile's."""
    plan = Plan()
    for name, value in incoming.items():
        if name in ("contact", "location"):
            nested = Plan()
            for key, part in value.items():
                merge_value(nested, key, (current.get(name) or {}).get(key), part)
            if nested.values:
                plan.values[name] = nested.values
            plan.changes += [{**c, "field": f"{name}.{c['field']}"} for c in nested.changes]
            plan.conflicts += [{**c, "field": f"{name}.{c['field']}"} for c in nested.conflicts]
        elif name in ("links", "interests", "references"):
            website = [url_key(current.get("website"))] if name == "links" else []
            _union(plan, name, current.get(name) or [], value, [k for k in website if k])
        else:
            merge_value(plan, name, current.get(name), value)
    return plan
