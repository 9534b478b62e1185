"""Expert-tier API keys: create (the key is shown once), list, revoke."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request, Response

from cvapp.api.deps import CurrentUser, SessionDep, client_ip
from cvapp.api.pagination import Page, PageDep
from cvapp.domain.apikeys import service
from cvapp.domain.apikeys.schemas import ApiKeyCreated, ApiKeyIn, ApiKeyView

router = APIRouter(
    prefix="/api-keys",
    tags=["api keys"],
    responses={401: {"description": "Not signed in (API keys cannot manage keys)"}},
)


@router.get("", response_model=Page[ApiKeyView])
def list_keys(user: CurrentUser, session: SessionDep, params: PageDep) -> dict[str, Any]:
    """The caller's keys, newest first; never the keys themselves, only their prefix."""
    keys, total = service.list_keys(session, user=user, offset=params.offset, limit=params.size)
    return params.page_of(keys, total)


@router.post(
    "",
    status_code=201,
    response_model=ApiKeyCreated,
    responses={402: {"description": "PLAN_LIMIT: API access is Expert only"}},
)
def create_key(
    body: ApiKeyIn, user: CurrentUser, session: SessionDep, request: Request, response: Response
) -> ApiKeyCreated:
    """A new key (``Authorization: Bearer cvk_…``): ``key`` is in this answer only."""
    created = service.create_key(session, user=user, data=body, ip=client_ip(request))
    response.headers["Location"] = f"/api/v1/api-keys/{created.id}"
    return created


@router.delete("/{key_id}", status_code=204, response_class=Response)
def revoke_key(key_id: str, user: CurrentUser, session: SessionDep, request: Request) -> Response:
    """Revoke a key: requests with it fail at once."""
    service.revoke_key(session, user=user, key_id=key_id, ip=client_ip(request))
    return Response(status_code=204)
