"""The order of a CV's sections and of the items in one section: arrows and drag-and-drop.

``section_order_changes`` / ``item_order_changes`` turn a wanted order into ``update_cv``
changes (so the editor saves them like any edit, version-checked, history kept);
``reorder_sections`` / ``reorder_items`` do it for the API. Keys or ids left out keep
their relative order after the ones given, as the profile's ``reorder`` does.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlmodel import Session

from cvapp.domain.cvs import service
from cvapp.domain.cvs.schemas import CvView
from cvapp.errors import ValidationFailed


def _ordered(current: list[str], wanted: Sequence[str], field: str, what: str) -> list[str]:
    if len(set(wanted)) != len(wanted):
        raise ValidationFailed.field(field, f"Each {what} may appear once")
    unknown = [key for key in wanted if key not in current]
    if unknown:
        raise ValidationFailed.field(field, f"Not a {what} of this CV: {unknown[0]}")
    listed = set(wanted)
    return [*wanted, *(key for key in current if key not in listed)]


def section_order_changes(cv: CvView, keys: Sequence[str]) -> dict[str, Any]:
    """The ``update_cv`` changes that put ``cv``'s sections in the order of ``keys``."""
    order = _ordered([s.key for s in cv.sections], keys, "keys", "section")
    by_key = {s.key: s for s in cv.sections}
    return {
        "sections": [
            {**by_key[key].model_dump(), "order": index} for index, key in enumerate(order)
        ]
    }


def item_order_changes(cv: CvView, *, section: str, ids: Sequence[str]) -> dict[str, Any]:
    """The ``update_cv`` changes that put the items of ``section`` in the order of ``ids``;
    everything else about them (shown, rewrites, hidden bullets) stays."""
    entries = cv.items.get(section)
    if entries is None:
        raise ValidationFailed.field("section", "This section has no items")
    by_id = {entry.id: entry for entry in entries}
    order = _ordered(list(by_id), ids, "ids", "item")
    items = [
        {
            **by_id[item_id].model_dump(include={"id", "visible", "overrides", "hidden"}),
            "order": index,
        }
        for index, item_id in enumerate(order)
    ]
    return {"items": {section: items}}


def _versioned(changes: dict[str, Any], version: int | None) -> dict[str, Any]:
    return changes if version is None else {**changes, "version": version}


def reorder_sections(
    session: Session,
    *,
    user_id: str,
    cv_id: str,
    keys: Sequence[str],
    version: int | None = None,
    if_match: int | None = None,
) -> CvView:
    """Put the CV's sections in the order of ``keys`` (``version``/``if_match``: refused
    when the CV changed since, like any edit)."""
    cv = service.get_cv(session, user_id=user_id, cv_id=cv_id)
    changes = _versioned(section_order_changes(cv, keys), version)
    return service.update_cv(
        session, user_id=user_id, cv_id=cv_id, changes=changes, if_match=if_match
    )


def reorder_items(
    session: Session,
    *,
    user_id: str,
    cv_id: str,
    section: str,
    ids: Sequence[str],
    version: int | None = None,
    if_match: int | None = None,
) -> CvView:
    """Put the items of one section of the CV in the order of ``ids``."""
    cv = service.get_cv(session, user_id=user_id, cv_id=cv_id)
    changes = _versioned(item_order_changes(cv, section=section, ids=ids), version)
    return service.update_cv(
        session, user_id=user_id, cv_id=cv_id, changes=changes, if_match=if_match
    )
