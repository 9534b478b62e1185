"""What the CV editor shows, built from a CV version merged with the master.

Pure functions from the domain's views to the rows the components render, and from an
edited entry back to the request body of ``update_cv``: the states stay short.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from cvapp import routes
from cvapp.domain.cvs.schemas import CvItemView, CvView
from cvapp.domain.cvs.sections import BULLET_FIELDS, ITEM_SECTIONS, SECTION_KEYS, TEXT_FIELDS
from cvapp.domain.exports.catalog import TEMPLATES, Template
from cvapp.domain.exports.i18n import words
from cvapp.domain.exports.service import PageFit
from cvapp.domain.exports.styles import templates_fingerprint
from cvapp.domain.plans.entitlements import allows_template, for_plan

SECTION_NAMES: dict[str, str] = {key: words("en")[key] for key in SECTION_KEYS}
FIELD_LABELS: dict[str, str] = {
    "title": "Title",
    "company": "Company",
    "location": "Location",
    "description": "Description",
    "name": "Name",
    "role": "Role",
    "institution": "Institution",
    "area": "Field of study",
    "study_type": "Degree",
    "score": "Grade",
    "issuer": "Issuer",
    "publisher": "Publisher",
    "summary": "Summary",
    "awarder": "Awarded by",
    "organization": "Organisation",
    "position": "Position",
    "fluency": "Fluency",
}
LONG_FIELDS = ("description", "summary")


@dataclasses.dataclass
class ItemRow:
    """A master item in this CV: shown or not, and how much of it is rewritten."""

    id: str = ""
    label: str = ""
    visible: bool = True
    detail: str = ""
    review: int = 0


@dataclasses.dataclass
class SectionRow:
    """A section of the CV with its items (none for the summary and interests)."""

    key: str = ""
    name: str = ""
    title: str = ""
    visible: bool = True
    has_items: bool = False
    editable: bool = False
    shown: int = 0
    review: int = 0
    item_rows: list[ItemRow] = dataclasses.field(default_factory=list)


@dataclasses.dataclass
class TextRow:
    """One text of the open item the CV may rewrite: a field, or a bullet it may also hide."""

    path: str = ""
    label: str = ""
    master: str = ""
    value: str = ""
    bullet: bool = False
    shown: bool = True
    review: bool = False
    long: bool = False


@dataclasses.dataclass
class TemplateCard:
    """A template in the picker; ``locked`` when the user's plan does not include it."""

    key: str = ""
    name: str = ""
    description: str = ""
    thumbnail: str = ""
    locked: bool = False
    plans: str = ""
    features: str = ""  # "Photo · Two columns · US Letter · One page"


@dataclasses.dataclass
class DroppedRow:
    """An item the one-page fit left out."""

    section: str = ""
    label: str = ""


def template_cards(plan: str) -> list[TemplateCard]:
    """Every template, locked ones marked with the plans that include them."""
    version = templates_fingerprint()
    return [
        TemplateCard(
            key=t.key,
            name=t.name,
            description=t.description,
            thumbnail=routes.template_thumbnail(t.key, version),
            locked=not allows_template(plan, t.key),
            plans=" and ".join(for_plan(p).label for p in t.plans),
            features=" · ".join(_features(t)),
        )
        for t in TEMPLATES.values()
    ]


def _features(template: Template) -> list[str]:
    """What sets a template apart at a glance, beside its picture."""
    found = ["Photo"] if template.photo else []
    found += ["Two columns"] if template.sidebar else []
    found += ["US Letter"] if template.page_size == "Letter" else []
    return found + (["One page"] if template.one_page else [])


def fit_note(fit: PageFit) -> str:
    """What a one-page fit did to the type, in words ("" when it kept the design)."""
    if not fit.one_page or fit.level == 0:
        return ""
    size = f"{fit.font_pt:g} pt"
    if fit.font_pt < fit.template_font_pt:
        size += f" (the template's {fit.template_font_pt:g} pt)"
    return f"Spacing tightened and text set at {size} to fit one page."


def dropped_rows(dropped: list[dict[str, str]]) -> list[DroppedRow]:
    return [
        DroppedRow(section=SECTION_NAMES.get(d["section"], d["section"]), label=d["label"])
        for d in dropped
    ]


def _detail(section: str, item: CvItemView, master: dict[str, Any]) -> str:
    parts = []
    bullets = BULLET_FIELDS.get(section)
    if bullets and master.get(bullets):
        total = len(master[bullets])
        hidden = sum(1 for path in item.hidden if path.startswith(f"{bullets}."))
        parts.append(f"{total - hidden} of {total} bullets")
    if item.overrides:
        count = len(item.overrides)
        parts.append(f"{count} rewritten text{'s' if count != 1 else ''}")
    return " · ".join(parts)


def section_rows(view: CvView, masters: dict[str, dict[str, dict[str, Any]]]) -> list[SectionRow]:
    """Every section in the CV's order, each with its items in the CV's order."""
    rows = []
    for section in view.sections:
        entries = view.items.get(section.key, [])
        items = [
            ItemRow(
                id=item.id,
                label=item.label,
                visible=item.visible,
                detail=_detail(section.key, item, masters.get(section.key, {}).get(item.id, {})),
                review=len(item.review),
            )
            for item in entries
        ]
        review = sum(item.review for item in items)
        if section.key == "summary":
            review = int(view.summary_review)
        rows.append(
            SectionRow(
                key=section.key,
                name=SECTION_NAMES.get(section.key, section.key.title()),
                title=section.title or "",
                visible=section.visible,
                has_items=section.key in ITEM_SECTIONS,
                editable=editable(section.key),
                shown=sum(1 for item in items if item.visible),
                review=review,
                item_rows=items,
            )
        )
    return rows


def editable(section: str) -> bool:
    """Whether items of ``section`` have texts to rewrite or bullets to hide."""
    return bool(TEXT_FIELDS.get(section) or BULLET_FIELDS.get(section))


def text_rows(section: str, item: CvItemView, master: dict[str, Any]) -> list[TextRow]:
    """The item's texts (filled ones) and bullets, with the CV's rewrites and review flags."""
    rows = []
    for field in TEXT_FIELDS.get(section, ()):
        text = master.get(field)
        if not isinstance(text, str) or not text.strip():
            continue
        rows.append(
            TextRow(
                path=field,
                label=FIELD_LABELS.get(field, field.replace("_", " ").capitalize()),
                master=text,
                value=item.overrides.get(field, ""),
                review=field in item.review,
                long=field in LONG_FIELDS,
            )
        )
    bullets = BULLET_FIELDS.get(section)
    for index, text in enumerate(master.get(bullets) or [] if bullets else []):
        path = f"{bullets}.{index}"
        rows.append(
            TextRow(
                path=path,
                label=f"Bullet {index + 1}",
                master=str(text),
                value=item.overrides.get(path, ""),
                bullet=True,
                shown=path not in item.hidden,
                review=path in item.review,
                long=True,
            )
        )
    return rows


def entry(item: CvItemView) -> dict[str, Any]:
    """An item of the view as ``update_cv`` takes it back."""
    return {
        "id": item.id,
        "visible": item.visible,
        "order": item.order,
        "overrides": dict(item.overrides),
        "hidden": list(item.hidden),
    }


def with_text(item: dict[str, Any], path: str, text: str, master: str) -> dict[str, Any]:
    """``item`` rewriting ``path`` as ``text``; an empty text or the master's own drops it."""
    overrides = {k: v for k, v in item["overrides"].items() if k != path}
    text = text.strip()
    if text and text != master.strip():
        overrides[path] = text
    return {**item, "overrides": overrides}


def with_bullet(item: dict[str, Any], path: str, *, shown: bool) -> dict[str, Any]:
    """``item`` showing or hiding its bullet at ``path``."""
    hidden = [p for p in item["hidden"] if p != path]
    return {**item, "hidden": hidden if shown else [*hidden, path]}


def moved(keys: list[str], key: str, step: int) -> list[str] | None:
    """``keys`` with ``key`` swapped with its neighbour ``step`` away; None at either end."""
    if key not in keys:
        return None
    index = keys.index(key)
    target = index + step
    if not 0 <= target < len(keys):
        return None
    keys = list(keys)
    keys[index], keys[target] = keys[target], keys[index]
    return keys


def sections_body(
    view: CvView, *, order: list[str] | None = None, changes: dict[str, Any] | None = None
) -> list[dict[str, Any]]:
    """The view's sections as ``update_cv`` takes them: in ``order`` (keys), one changed.

    ``changes`` maps a section key to the fields that change (``{"skills": {"visible": False}}``).
    """
    by_key = {s.key: s for s in view.sections}
    keys = order or list(by_key)
    changes = changes or {}
    return [
        {
            "key": key,
            "visible": by_key[key].visible,
            "order": index,
            "title": by_key[key].title,
            **changes.get(key, {}),
        }
        for index, key in enumerate(keys)
    ]
