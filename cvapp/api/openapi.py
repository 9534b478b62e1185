"""The OpenAPI document tells the truth about errors and sign-in.

FastAPI documents a 422 body (``{"detail": [...]}``) that this API never sends and no other
error at all. Here every operation gets the contract's error envelope: its documented error
statuses (422 included) and a ``default`` response carry the envelope's schema, so clients
and the schema fuzzer can rely on it. Operations that need a signed-in caller declare the
bearer token (access JWT or ``cvk_`` API key) and the access cookie as their security.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from fastapi import FastAPI
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute, iter_route_contexts
from pydantic import BaseModel, ConfigDict, Field

from cvapp.api.cookies import ACCESS_COOKIE
from cvapp.api.deps import get_current_user

_REF = "#/components/schemas/{model}"
_FASTAPI_ERRORS = ("HTTPValidationError", "ValidationError")
SECURITY: list[dict[str, list[str]]] = [{"bearer": []}, {"cookie": []}]


class ErrorDetail(BaseModel):
    """One problem: the field (dotted path) and what is wrong; some errors add figures."""

    model_config = ConfigDict(extra="allow")
    field: str
    message: str


class ErrorBody(BaseModel):
    code: str = Field(description="VALIDATION_ERROR, UNAUTHENTICATED, NOT_FOUND, PLAN_LIMIT…")
    message: str
    details: list[ErrorDetail]


class ErrorEnvelope(BaseModel):
    """Every error answer, whatever raised it."""

    error: ErrorBody


def _schemas() -> dict[str, Any]:
    schema = ErrorEnvelope.model_json_schema(ref_template=_REF)
    definitions: dict[str, Any] = schema.pop("$defs")
    return {**definitions, "ErrorEnvelope": schema}


def _error_response(description: str, *, page: bool = False) -> dict[str, Any]:
    """The envelope; public pages answer their own errors with an HTML page."""
    content: dict[str, Any] = {
        "application/json": {"schema": {"$ref": _REF.format(model="ErrorEnvelope")}}
    }
    if page:
        content["text/html"] = {"schema": {"type": "string"}}
    return {"description": description, "content": content}


def _needs_user(dependant: Dependant) -> bool:
    return any(dep.call is get_current_user or _needs_user(dep) for dep in dependant.dependencies)


def _signed_in_operations(app: FastAPI) -> Iterator[tuple[str, str]]:
    for context in iter_route_contexts(app.routes):
        route = context.route
        if isinstance(route, APIRoute) and route.include_in_schema and _needs_user(route.dependant):
            for method in context.methods or ():
                yield str(context.path), method.lower()


def describe_errors(document: dict[str, Any], signed_in: set[tuple[str, str]]) -> None:
    """Put the envelope on every error response of ``document`` and declare sign-in."""
    components = document.setdefault("components", {})
    schemas = components.setdefault("schemas", {})
    for name in _FASTAPI_ERRORS:
        schemas.pop(name, None)
    schemas.update(_schemas())
    components["securitySchemes"] = {
        "bearer": {"type": "http", "scheme": "bearer", "description": "Access JWT or cvk_ key"},
        "cookie": {"type": "apiKey", "in": "cookie", "name": ACCESS_COOKIE},
    }
    for path, operations in document.get("paths", {}).items():
        page = not path.startswith("/api/")
        for method, operation in operations.items():
            responses = operation.setdefault("responses", {})
            for status, response in responses.items():
                if status.isdigit() and int(status) >= 400:
                    description = response.get("description", "Error")
                    responses[status] = _error_response(description, page=page)
            responses["default"] = _error_response("Error (the error envelope)", page=page)
            if (path, method) in signed_in:
                operation["security"] = SECURITY


def install_openapi(app: FastAPI) -> None:
    """Serve the document with the error envelope and security described."""
    build: Callable[[], dict[str, Any]] = app.openapi

    def openapi() -> dict[str, Any]:
        document = build()  # FastAPI's, cached until the routes change
        if "ErrorEnvelope" not in document.get("components", {}).get("schemas", {}):
            describe_errors(document, set(_signed_in_operations(app)))
        return document

    app.openapi = openapi  # type: ignore[method-assign]
