"""Hold every imported item to the editor's rules: what the editor would refuse is fixed
(too-long text is cut) or left out, with a warning — never written as is."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel
from pydantic import ValidationError as PydanticValidationError

from cvapp.domain.imports.draft import Draft, DraftItem, compact
from cvapp.domain.profiles.schemas import ProfileUpdate
from cvapp.domain.sections import SECTIONS
from cvapp.domain.sections.dates import is_before

_NOT_IMPORTED = {"order", "skill_ids", "project_ids", "experience_ids", "slug", "visibility"}
_PASSES = 5


def conform(draft: Draft) -> Draft:
    """Validate the draft's profile fields and items; keep what passes."""
    if draft.profile:
        draft.profile = _conformed(ProfileUpdate, draft.profile, draft, "profile") or {}
    kept: list[DraftItem] = []
    for item in draft.items:
        service = SECTIONS[item.section]
        data = _conformed(service.schema, item.data, draft, item.source)
        if data is None:
            continue
        _swap_reversed_dates(data, service.date_pairs, draft, item.source)
        item.data = data
        kept.append(item)
    draft.items = kept
    return draft


def _conformed(
    schema: type[BaseModel], data: dict[str, Any], draft: Draft, where: str
) -> dict[str, Any] | None:
    data = {key: value for key, value in data.items() if key not in _NOT_IMPORTED}
    required = {name for name, info in schema.model_fields.items() if info.is_required()}
    for _ in range(_PASSES):
        try:
            values = schema.model_validate(data)
        except PydanticValidationError as exc:
            if not _repair(data, exc, required, draft, where):
                return None
            continue
        return compact(values.model_dump(exclude_defaults=True, exclude=_NOT_IMPORTED))
    draft.warn("invalid_item", f"{where}: could not be made valid; not imported", where)
    return None


def _repair(
    data: dict[str, Any],
    exc: PydanticValidationError,
    required: set[str],
    draft: Draft,
    where: str,
) -> bool:
    """Fix or drop what each error points at; False when the whole item must go."""
    removals: list[tuple[Any, ...]] = []
    for error in exc.errors():
        loc = tuple(error["loc"])
        name = ".".join(str(part) for part in loc)
        if error["type"] == "string_too_long":
            limit = int(error.get("ctx", {}).get("max_length", 0))
            _set(data, loc, str(_get(data, loc))[:limit])
            draft.warn("truncated", f"{where}: {name} cut to {limit} characters", where)
        elif error["type"] == "too_long" and isinstance(_get(data, loc), list):
            limit = int(error.get("ctx", {}).get("max_length", 0))
            _set(data, loc, _get(data, loc)[:limit])
            draft.warn("truncated", f"{where}: {name} cut to {limit} entries", where)
        elif len(loc) == 1 and loc[0] in required:
            message = f"{where}: {name} {error['msg'].lower()}; not imported"
            draft.warn("invalid_item", message, where)
            return False
        else:
            # A bad list entry goes alone; a bad nested field (contact.phone) goes alone.
            removals.append(loc[:2] if len(loc) > 1 and isinstance(loc[1], int) else loc)
            draft.warn("invalid_field", f"{where}: {name} left out ({error['msg']})", where)
    for loc in sorted(set(removals), key=_removal_order, reverse=True):
        _remove(data, loc)
    return True


def _removal_order(loc: tuple[Any, ...]) -> tuple[str, int]:
    return (str(loc[0]), loc[1] if len(loc) > 1 and isinstance(loc[1], int) else -1)


def _get(data: Any, loc: tuple[Any, ...]) -> Any:
    for part in loc:
        data = data[part]
    return data


def _set(data: Any, loc: tuple[Any, ...], value: Any) -> None:
    _get(data, loc[:-1])[loc[-1]] = value


def _remove(data: Any, loc: tuple[Any, ...]) -> None:
    try:
        container = _get(data, loc[:-1])
        if isinstance(container, list):
            container.pop(loc[-1])
        else:
            container.pop(loc[-1], None)
    except (KeyError, IndexError, TypeError):
        return


def _swap_reversed_dates(
    data: dict[str, Any], pairs: tuple[tuple[str, str], ...], draft: Draft, where: str
) -> None:
    """An end before its start is almost always the two typed the wrong way round: the item is
    kept with them swapped, and the warning asks the user to check."""
    for start, end in pairs:
        first, last = data.get(start), data.get(end)
        if isinstance(first, str) and isinstance(last, str) and is_before(last, first):
            data[start], data[end] = last, first
            message = f"{where}: {end} {last} was before {start} {first}; swapped, please check"
            draft.warn("dates_swapped", message, where)
