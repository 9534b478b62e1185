"""Parsing an uploaded JSON Resume and validating it against the 1.3.1 schema.

Errors are listed with their JSON path (``work[0].startDate``), so the user can find them.
Formats (``uri``, ``email``) are not enforced, as the schema's own test fixtures expect.
"""

from __future__ import annotations

import codecs
import json
from functools import lru_cache
from pathlib import Path
from typing import Any

from jsonschema import Draft7Validator  # type: ignore[import-untyped]
from jsonschema.exceptions import (  # type: ignore[import-untyped]
    ValidationError as SchemaError,
)

from cvapp.domain.imports import limits
from cvapp.errors import PayloadTooLarge, ValidationFailed

SCHEMA_PATH = Path(__file__).with_name("schema.json")
MAX_ERRORS = 50
MAX_DEPTH = 32  # a JSON Resume nests five levels; deeper is an attack on the parsers
_TYPES = {"string": "a string", "array": "a list", "object": "an object", "number": "a number",
          "null": "null", "boolean": "true or false", "integer": "a whole number"}  # fmt: skip
EXPECTED = "a JSON Resume document (a JSON object with basics, work, education…)"


@lru_cache(maxsize=1)
def validator() -> Draft7Validator:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    Draft7Validator.check_schema(schema)
    return Draft7Validator(schema)


def parse(data: bytes) -> dict[str, Any]:
    """The document in ``data``; a clear error when it is not JSON or not an object."""
    if len(data) > limits.MAX_UPLOAD_BYTES:
        raise PayloadTooLarge(f"The file is larger than {limits.MAX_UPLOAD_BYTES // limits.MB} MB")
    try:
        # Windows tools save UTF-16 with a byte-order mark; everything else is UTF-8.
        utf16 = data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
        text = data.decode("utf-16") if utf16 else data.decode("utf-8-sig")
        document = json.loads(text)
    except UnicodeDecodeError:
        raise _not_json(f"This file is not JSON text (not UTF-8). Expected {EXPECTED}.") from None
    except json.JSONDecodeError as exc:
        where = f"{exc.msg} at line {exc.lineno}, column {exc.colno}"
        raise _not_json(f"This file is not valid JSON ({where}). Expected {EXPECTED}.") from None
    except RecursionError:
        raise _too_deep() from None
    if _depth(document) > MAX_DEPTH:
        raise _too_deep()
    if not isinstance(document, dict):
        raise _not_json(f"The JSON is {_json_type(document)}. Expected {EXPECTED}.")
    return document


def _depth(value: Any) -> int:
    """How deeply ``value`` nests (counted without recursion)."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, level = stack.pop()
        deepest = max(deepest, level)
        if level > MAX_DEPTH:
            break
        children = (
            item.values() if isinstance(item, dict) else item if isinstance(item, list) else ()
        )
        stack.extend((child, level + 1) for child in children)
    return deepest


def _too_deep() -> ValidationFailed:
    return _not_json(f"The JSON is nested more than {MAX_DEPTH} levels deep. Expected {EXPECTED}.")


def _not_json(message: str) -> ValidationFailed:
    return ValidationFailed(message, details=[{"field": "file", "message": message}])


def json_path(parts: Any) -> str:
    """``["work", 0, "startDate"]`` as ``work[0].startDate``."""
    path = ""
    for part in parts:
        path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else str(part))
    return path or "(document)"


def _json_type(value: Any) -> str:
    names = {dict: "an object", list: "a list", str: "a string", bool: "true or false"}
    if value is None:
        return "null"
    return names.get(type(value), "a number")


def message_of(error: SchemaError) -> str:
    """What is wrong with a schema error's value, in words."""
    if error.validator == "type":
        expected = error.validator_value
        wanted = " or ".join(
            str(_TYPES.get(t, t)) for t in (expected if isinstance(expected, list) else [expected])
        )
        return f"must be {wanted}, not {_json_type(error.instance)}"
    if error.validator == "pattern" and "[1-2][0-9]{3}" in str(error.validator_value):
        return f"{error.instance!r} is not a date: use YYYY, YYYY-MM or YYYY-MM-DD"
    return str(error.message)


def validate(document: dict[str, Any]) -> None:
    """Raise ValidationFailed listing every schema error with its path."""
    errors = sorted(validator().iter_errors(document), key=lambda e: [str(p) for p in e.path])
    if not errors:
        return
    details = [{"field": json_path(error.path), "message": message_of(error)} for error in errors]
    count = len(details)
    message = f"This is not a valid JSON Resume document: {count} error{'s' * (count != 1)}"
    raise ValidationFailed(message, details=details[:MAX_ERRORS])
