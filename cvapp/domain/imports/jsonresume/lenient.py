"""JSON Resume as people actually have it, made valid field by field instead of refused whole.

Real files carry ``null`` for "unknown", ``"Present"`` or ISO timestamps as dates, URLs
without a scheme, ``skype:`` profiles, country names where a code belongs, and the odd field
of the wrong type. Each is repaired when its meaning is clear, or left out with a warning
naming its path; the rest of the document is imported. Only a document that is not a JSON
object at all is refused (``validation.parse``).
"""

from __future__ import annotations

import re
from typing import Any

from cvapp.domain.imports.dates import UnreadableDate, career_date
from cvapp.domain.imports.draft import Draft
from cvapp.domain.imports.jsonresume import mapping
from cvapp.domain.imports.jsonresume.validation import json_path, message_of, validator
from cvapp.domain.imports.places import country_code

DATE_KEYS = ("startDate", "endDate", "date", "releaseDate", "lastUsed", "expiresDate")
URL_KEYS = ("url", "website")
_TIMESTAMP = re.compile(r"^(\d{4}-\d{2}-\d{2})[T ]\d{2}:\d{2}")
_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:", re.IGNORECASE)
_BARE_HOST = re.compile(r"^(?:www\.)?[\w-]+(?:\.[\w-]+)+(?:[/?#].*)?$", re.IGNORECASE)
_MAX_PASSES = 20


def _drop_nulls(value: Any) -> Any:
    """``null`` anywhere means "not given": the key (or list entry) is left out."""
    if isinstance(value, dict):
        return {k: _drop_nulls(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_drop_nulls(v) for v in value if v is not None]
    return value


def _date(value: Any) -> str | None:
    if not isinstance(value, str):
        raise UnreadableDate(repr(value))
    timestamp = _TIMESTAMP.match(value.strip())
    return career_date(timestamp.group(1) if timestamp else value)


def _url(value: Any) -> Any:
    if isinstance(value, str) and not _SCHEME.match(value.strip()):
        bare = value.strip()
        if _BARE_HOST.match(bare):
            return f"https://{bare}"
    return value


def _repair_item(item: dict[str, Any], path: list[Any], draft: Draft) -> dict[str, Any]:
    if isinstance(item.get("level"), int | float) and not isinstance(item["level"], bool):
        item["level"] = f"{item['level']:g}"  # a skill level written as a number: 4 → "4"
    for key in DATE_KEYS:
        if key not in item:
            continue
        where = json_path([*path, key])
        try:
            parsed = _date(item[key])
        except UnreadableDate:
            draft.warn("invalid_date", f"{where} {item[key]!r} is not a date; left out", where)
            del item[key]
            continue
        if parsed is None:
            if key != "endDate":
                draft.warn("invalid_date", f"{where} {item[key]!r} is not a date; left out", where)
            del item[key]
        elif parsed != item[key]:
            item[key] = parsed
    for key in URL_KEYS:
        if key in item:
            item[key] = _url(item[key])
    return item


def _repair_profiles(basics: dict[str, Any], draft: Draft) -> None:
    """Non-web profiles (``skype:alice``, ``alice`` with no URL) kept as network + username."""
    kept = []
    for index, link in enumerate(basics.get("profiles") or []):
        if not isinstance(link, dict):
            continue
        link = dict(link)
        url = link.get("url")
        if isinstance(url, str) and url.strip():
            scheme = _SCHEME.match(url.strip())
            if scheme and not url.lower().startswith(("http://", "https://")):
                network = scheme.group(0).rstrip(":")
                link.setdefault("network", network.capitalize())
                link.setdefault("username", url.strip()[len(scheme.group(0)) :].lstrip("/"))
                del link["url"]
                where = json_path(["basics", "profiles", index, "url"])
                draft.warn("kept_as_username", f"{where} {url!r} kept as a username", where)
            else:
                link["url"] = _url(url)
        kept.append(link)
    if "profiles" in basics:
        basics["profiles"] = kept


def _repair_location(basics: dict[str, Any], draft: Draft) -> None:
    location = basics.get("location")
    if not isinstance(location, dict) or not isinstance(location.get("countryCode"), str):
        return
    written = location["countryCode"]
    code = country_code(written)
    where = "basics.location.countryCode"
    if code is None:
        draft.warn("unknown_country", f"{where} {written!r} is not a country we know", where)
        del location["countryCode"]
    elif code != written:
        location["countryCode"] = code


def _repair_extras(key: str, item: dict[str, Any], path: list[Any], draft: Draft) -> None:
    """Fields some generators add: ``technologies`` become keywords, others are named."""
    known = set(mapping.SECTIONS[key][1]) | set(mapping.ALIASES.get(key, {}))
    technologies = item.pop("technologies", None)
    if isinstance(technologies, list) and technologies:
        words = [str(word) for word in technologies if str(word).strip()]
        if key == "projects":
            item["keywords"] = list(dict.fromkeys([*(item.get("keywords") or []), *words]))
        else:
            extra = f"Technologies: {', '.join(words)}"
            item["highlights"] = [*(item.get("highlights") or []), extra]
            known.add("highlights")
    unknown = sorted(name for name in item if name not in known and not name.startswith("x-"))
    if unknown:
        where = json_path(path)
        draft.warn("unknown_field", f"{where}: not imported: {', '.join(unknown)}", where)


def repair(document: dict[str, Any], draft: Draft) -> dict[str, Any]:
    """``document`` with what can be read repaired and what cannot left out (warned)."""
    fixed: dict[str, Any] = _drop_nulls(document)
    basics = fixed.get("basics")
    if isinstance(basics, dict):
        basics = fixed["basics"] = dict(basics)
        if "url" in basics:
            basics["url"] = _url(basics["url"])
        _repair_profiles(basics, draft)
        _repair_location(basics, draft)
    for key in mapping.SECTIONS:
        items = fixed.get(key)
        if not isinstance(items, list):
            continue
        repaired = []
        for index, item in enumerate(items):
            if isinstance(item, dict):
                item = _repair_item(dict(item), [key, index], draft)
                _repair_extras(key, item, [key, index], draft)
            repaired.append(item)
        fixed[key] = repaired
    return drop_invalid(fixed, draft)


def drop_invalid(document: dict[str, Any], draft: Draft) -> dict[str, Any]:
    """Leave out each field (or list entry) the schema refuses, warning with its path."""
    for _ in range(_MAX_PASSES):
        errors = list(validator().iter_errors(document))
        if not errors:
            return document
        # Deepest first, and later list entries before earlier ones (indices stay valid).
        paths = sorted({tuple(error.path) for error in errors}, key=_order, reverse=True)
        for error in errors:
            where = json_path(error.path)
            draft.warn("invalid_field", f"{where} {message_of(error)}; left out", where)
        for path in paths:
            if not path:  # the root itself: parse() already refused non-objects
                return document
            _remove(document, path)
    return document


def _order(path: tuple[Any, ...]) -> tuple[int, list[tuple[int, Any]]]:
    return len(path), [(1, part) if isinstance(part, int) else (0, str(part)) for part in path]


def _remove(document: Any, path: tuple[Any, ...]) -> None:
    container = document
    for part in path[:-1]:
        try:
            container = container[part]
        except (KeyError, IndexError, TypeError):
            return
    if isinstance(container, list) and isinstance(path[-1], int) and path[-1] < len(container):
        container.pop(path[-1])
    elif isinstance(container, dict):
        container.pop(path[-1], None)
