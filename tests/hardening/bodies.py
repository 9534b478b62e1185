"""The smallest JSON body an operation's documented schema accepts (no tests here).

Required properties only, each with the plainest value of its type, so a request reaches
the route's own checks (ownership, plan, scope) instead of stopping at body validation.
"""

from __future__ import annotations

import re
from typing import Any

Document = dict[str, Any]
# Tried in turn for a string with a pattern (dates, locales, slugs…).
PATTERNED = ("2020", "2020-01", "2020-01-01", "en", "abc", "x")


def resolve(document: Document, schema: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        schema = document["components"]["schemas"][name]
    return schema


def minimal_value(document: Document, schema: dict[str, Any]) -> Any:
    """A value valid for ``schema`` (first choice of unions and enums, shortest strings)."""
    schema = resolve(document, schema)
    for union in ("anyOf", "oneOf", "allOf"):
        if union in schema:
            options = [s for s in schema[union] if resolve(document, s).get("type") != "null"]
            return minimal_value(document, (options or schema[union])[0])
    if "const" in schema:
        return schema["const"]
    if "enum" in schema:
        return schema["enum"][0]
    if "default" in schema:
        return schema["default"]
    kind = schema.get("type", "object")
    if kind == "object":
        required = schema.get("required", [])
        properties = schema.get("properties", {})
        return {name: minimal_value(document, properties[name]) for name in required}
    if kind == "array":
        count = schema.get("minItems", 0)
        return [minimal_value(document, schema.get("items", {})) for _ in range(count)]
    if kind == "string":
        if schema.get("format") == "date-time":
            return "2030-01-01T00:00:00Z"
        if "pattern" in schema:
            return next((c for c in PATTERNED if re.search(schema["pattern"], c)), "x")
        return "x" * max(1, schema.get("minLength", 1))
    if kind in ("integer", "number"):
        return schema.get("minimum", 1)
    if kind == "boolean":
        return False
    return None


def minimal_body(document: Document, method: str, path: str) -> Any:
    """The minimal JSON body of ``method path``, or None when it takes no JSON body."""
    operation = document["paths"].get(path, {}).get(method.lower(), {})
    content = operation.get("requestBody", {}).get("content", {})
    if "application/json" not in content:
        return None
    return minimal_value(document, content["application/json"].get("schema", {}))
