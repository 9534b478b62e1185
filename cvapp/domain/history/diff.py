"""What changed between two states of a CV version, as people read it.

A state is the CV's editable fields (``state_of``). A change is ``{field, label, before,
after}``: ``field`` a stable path (``items.experiences.<id>.visible``), ``label`` the words
the history panel shows ("Experience › Staff engineer, Acme: shown → hidden").
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from cvapp.domain.cvs.layout import effective_sections
from cvapp.models import CvVersion

FIELDS: tuple[str, ...] = (
    "name",
    "target_role",
    "title_line",
    "template",
    "locale",
    "page_size",
    "one_page",
    "sections",
    "items",
    "summary_override",
    "override_sources",
    "design",
)
_FIELD_LABELS = {
    "name": "Name",
    "target_role": "Target role",
    "title_line": "Title under the name",
    "template": "Template",
    "locale": "Language",
    "page_size": "Page size",
    "one_page": "Fit on one page",
    "summary_override": "Summary on this CV",
}
Change = dict[str, Any]
_DEFAULT: dict[str, Any] = {"visible": True, "overrides": {}, "hidden": []}


def state_of(cv: CvVersion | dict[str, Any]) -> dict[str, Any]:
    """The editable fields of ``cv`` (a row, or a row dumped as JSON)."""
    row = cv if isinstance(cv, dict) else cv.model_dump(mode="json")
    return {name: row.get(name) for name in FIELDS}


def section_label(key: str) -> str:
    return key.replace("_", " ").capitalize()


def _shown(value: Any) -> str:
    if isinstance(value, bool):
        return "on" if value else "off"
    if value in (None, ""):
        return "(none)"
    return str(value)


def _visible(value: Any) -> str:
    return "shown" if value else "hidden"


def changes_between(
    before: dict[str, Any] | None,
    after: dict[str, Any],
    titles: Callable[[], Mapping[str, str]],
) -> list[Change]:
    """The changes from ``before`` (None: nothing, the CV was created) to ``after``.

    ``titles()`` names items by id (their label in the CV editor; asked only when an item
    changed, it costs a read of the profile); an item not named there is "an item"."""
    if before is None:
        return []
    found: list[Change] = []
    for name, label in _FIELD_LABELS.items():
        old, new = before.get(name), after.get(name)
        if old != new:
            found.append(
                {
                    "field": name,
                    "label": f"{label}: {_shown(old)} → {_shown(new)}"
                    if name != "summary_override"
                    else f"{label} {'removed' if not new else 'added' if not old else 'edited'}",
                    "before": old,
                    "after": new,
                }
            )
    # As the CV shows them: a CV that never stored its sections has them in the default order.
    found.extend(
        _section_changes(
            effective_sections(before.get("sections") or []),
            effective_sections(after.get("sections") or []),
        )
    )
    found.extend(_item_changes(before.get("items") or {}, after.get("items") or {}, titles))
    found.extend(_design_changes(before.get("design") or {}, after.get("design") or {}))
    return found


_DESIGN_LABELS = {
    "accent": "accent colour",
    "font": "fonts",
    "size_pt": "text size",
    "density": "spacing",
    "margin_mm": "margins",
    "section_titles": "section titles",
    "header": "header layout",
    "photo": "photo",
    "photo_shape": "photo shape",
    "date_format": "date format",
    "side_sections": "side column",
}


def _design_changes(old: dict[str, Any], new: dict[str, Any]) -> list[Change]:
    """``Design: accent colour changed (#0b5cad → #7a1f3d)``; a key left out is the
    template's own."""
    found: list[Change] = []
    for key, label in _DESIGN_LABELS.items():
        was, now = old.get(key), new.get(key)
        if was == now:
            continue
        shown = [
            "template's" if v is None else ", ".join(v) if isinstance(v, list) else _shown(v)
            for v in (was, now)
        ]
        found.append(
            {
                "field": f"design.{key}",
                "label": f"Design: {label} changed ({shown[0]} → {shown[1]})",
                "before": was,
                "after": now,
            }
        )
    return found


def _section_changes(old: list[dict[str, Any]], new: list[dict[str, Any]]) -> list[Change]:
    found: list[Change] = []
    old_by_key = {s["key"]: s for s in old if "key" in s}
    new_by_key = {s["key"]: s for s in new if "key" in s}
    for key, section in new_by_key.items():
        was = old_by_key.get(key)
        if was is None:
            continue
        if bool(was.get("visible", True)) != bool(section.get("visible", True)):
            found.append(
                {
                    "field": f"sections.{key}.visible",
                    "label": f"Section {section_label(key)}: "
                    f"{_visible(was.get('visible', True))} → "
                    f"{_visible(section.get('visible', True))}",
                    "before": was.get("visible", True),
                    "after": section.get("visible", True),
                }
            )
        if (was.get("title") or None) != (section.get("title") or None):
            found.append(
                {
                    "field": f"sections.{key}.title",
                    "label": f"Section {section_label(key)} renamed: "
                    f"{_shown(was.get('title'))} → {_shown(section.get('title'))}",
                    "before": was.get("title"),
                    "after": section.get("title"),
                }
            )
    order_old = [s["key"] for s in sorted(old, key=lambda s: s.get("order", 0)) if "key" in s]
    order_new = [s["key"] for s in sorted(new, key=lambda s: s.get("order", 0)) if "key" in s]
    if order_old and order_new and order_old != order_new:
        found.append(
            {
                "field": "sections.order",
                "label": "Sections reordered",
                "before": order_old,
                "after": order_new,
            }
        )
    return found


def _item_changes(
    old: dict[str, list[dict[str, Any]]],
    new: dict[str, list[dict[str, Any]]],
    titles: Callable[[], Mapping[str, str]],
) -> list[Change]:
    found: list[Change] = []
    for key in sorted(set(old) | set(new)):
        was = {e["id"]: e for e in old.get(key) or [] if "id" in e}
        now = {e["id"]: e for e in new.get(key) or [] if "id" in e}
        where = section_label(key)
        # An item without an entry shows as the master has it: visible, no overrides.
        for item_id in [*now, *(i for i in was if i not in now)]:
            before, entry = was.get(item_id) or _DEFAULT, now.get(item_id) or _DEFAULT
            path = f"items.{key}.{item_id}"
            name = _Named(titles, item_id)
            if bool(before.get("visible", True)) != bool(entry.get("visible", True)):
                found.append(
                    {
                        "field": f"{path}.visible",
                        "label": f"{where} › {name}: {_visible(before.get('visible', True))}"
                        f" → {_visible(entry.get('visible', True))}",
                        "before": before.get("visible", True),
                        "after": entry.get("visible", True),
                    }
                )
            if (before.get("overrides") or {}) != (entry.get("overrides") or {}):
                found.append(
                    {
                        "field": f"{path}.overrides",
                        "label": f"{where} › {name}: text on this CV edited",
                        "before": before.get("overrides") or {},
                        "after": entry.get("overrides") or {},
                    }
                )
            if sorted(before.get("hidden") or []) != sorted(entry.get("hidden") or []):
                found.append(
                    {
                        "field": f"{path}.hidden",
                        "label": f"{where} › {name}: bullets shown changed",
                        "before": before.get("hidden") or [],
                        "after": entry.get("hidden") or [],
                    }
                )
        order_was = [e["id"] for e in sorted(was.values(), key=lambda e: e.get("order", 0))]
        order_now = [e["id"] for e in sorted(now.values(), key=lambda e: e.get("order", 0))]
        common = [i for i in order_now if i in was]
        if common and [i for i in order_was if i in now] != common:
            found.append(
                {
                    "field": f"items.{key}.order",
                    "label": f"{where}: items reordered",
                    "before": order_was,
                    "after": order_now,
                }
            )
    return found


class _Named:
    """An item's label, looked up only when a change of it is put into words."""

    def __init__(self, titles: Callable[[], Mapping[str, str]], item_id: str) -> None:
        self.titles, self.item_id = titles, item_id

    def __str__(self) -> str:
        return self.titles().get(self.item_id) or "an item"


def summary(changes: list[Change], action: str, *, restored: int | None = None) -> str:
    """One line for the timeline."""
    if action == "created":
        return "CV created"
    if action == "deleted":
        return "CV deleted"
    if action == "restored":
        return f"Restored version {restored}" if restored else "Restored"
    shown = [c["label"] for c in changes if c["field"] != "override_sources"]
    if not shown:
        return "Saved"
    first = shown[0]
    more = len(shown) - 1
    line = first if not more else f"{first} (and {more} more change{'s' if more > 1 else ''})"
    return line[:300]
