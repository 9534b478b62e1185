"""Field types shared by every section's request schemas: bounded, stripped, strict."""

from __future__ import annotations

from typing import Annotated, Any, TypeVar

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
)
from pydantic import ValidationError as PydanticValidationError

from cvapp.errors import ValidationFailed

MAX_TEXT = 10_000
MAX_ITEMS = 200


def _http_url(value: str) -> str:
    if not value.lower().startswith(("http://", "https://")) or any(c.isspace() for c in value):
        raise ValueError("Use an http:// or https:// URL")
    return value


def _bounded(max_length: int, min_length: int = 0) -> StringConstraints:
    return StringConstraints(strip_whitespace=True, min_length=min_length, max_length=max_length)


Name = Annotated[str, _bounded(200, 1)]
"""A required short name (company, title, institution…)."""
Text32 = Annotated[str, _bounded(32)]
Text50 = Annotated[str, _bounded(50)]
Text64 = Annotated[str, _bounded(64)]
Text100 = Annotated[str, _bounded(100)]
Text200 = Annotated[str, _bounded(200)]
Text500 = Annotated[str, _bounded(500)]
LongText = Annotated[str, _bounded(MAX_TEXT)]
Bullet = Annotated[str, _bounded(2_000, 1)]
Keyword = Annotated[str, _bounded(100, 1)]
Url = Annotated[str, _bounded(500, 1), AfterValidator(_http_url)]
ItemId = Annotated[str, _bounded(26, 1)]
Bullets = Annotated[list[Bullet], Field(max_length=MAX_ITEMS)]
Keywords = Annotated[list[Keyword], Field(max_length=MAX_ITEMS)]
Ids = Annotated[list[ItemId], Field(max_length=MAX_ITEMS)]


def _has_nul(value: Any) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_has_nul(key) or _has_nul(item) for key, item in value.items())
    if isinstance(value, list | tuple | set | frozenset):
        return any(_has_nul(item) for item in value)
    if isinstance(value, BaseModel):
        return any(_has_nul(item) for item in value.__dict__.values())
    return False


class Body(BaseModel):
    """Base of request schemas: unknown fields are refused, strings stripped.

    NUL characters are refused in every field: PostgreSQL cannot store them in text or JSON,
    and DOCX (XML) cannot hold them.
    """

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    @field_validator("*", mode="after")
    @classmethod
    def _refuse_nul(cls, value: Any) -> Any:
        if _has_nul(value):
            raise ValueError("Text may not contain NUL (\\u0000) characters")
        return value


class ReorderIn(Body):
    """A section's new order: its item ids, first to last."""

    ids: Annotated[list[ItemId], Field(min_length=1, max_length=1_000)]


def field_errors(exc: PydanticValidationError) -> ValidationFailed:
    """A pydantic error as the domain's ValidationFailed, one detail per field."""
    details = [
        {"field": ".".join(str(part) for part in err["loc"]) or "body", "message": err["msg"]}
        for err in exc.errors()
    ]
    return ValidationFailed("Invalid input data", details=details)


M = TypeVar("M", bound=BaseModel)


def _no_default(schema: dict[str, Any]) -> None:
    """A PATCH field left out keeps its value: it has no default to document."""
    schema.pop("default", None)


def unset(**field: Any) -> Any:
    """A field of a PATCH body: left out, it keeps its value. Its annotation says whether
    ``null`` is accepted: only where the full schema accepts it, as a required column cannot
    store it."""
    return Field(default=None, json_schema_extra=_no_default, **field)


def validate(schema: type[M], data: object) -> M:
    """``data`` (a mapping or a schema instance) validated by ``schema``, or ValidationFailed."""
    if isinstance(data, schema):
        return data
    if isinstance(data, BaseModel):
        data = data.model_dump(exclude_unset=True)
    try:
        return schema.model_validate(data)
    except PydanticValidationError as exc:
        raise field_errors(exc) from None
