"""What the API-key services take and give back."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from pydantic import BaseModel, Field, StringConstraints

from cvapp.domain.sections.fields import Body

Scope = Literal["read", "write"]
KeyName = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]


def _read_only() -> list[Scope]:
    return ["read"]


class ApiKeyIn(Body):
    """``POST /api-keys``: a name to recognise the key by, and what it may do."""

    name: KeyName
    scopes: list[Scope] = Field(
        default_factory=_read_only,
        min_length=1,
        description='"read": GET only; "write": every method (implies read)',
    )


class ApiKeyView(BaseModel):
    """A key as its owner sees it later: never the key itself, only its first characters."""

    id: str
    name: str
    prefix: str = Field(description="The key's first characters, to recognise it")
    scopes: list[Scope]
    created_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None
    active: bool = Field(description="Not revoked, and the plan includes API access")


class ApiKeyCreated(ApiKeyView):
    """The answer to a creation: the only time the full key is shown."""

    key: str = Field(description="Shown once: store it now (cvk_…)")
