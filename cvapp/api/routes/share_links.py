"""Share links: per-recipient URLs to one CV version, with view and download counts."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Response

from cvapp.api.deps import CurrentUser, SessionDep
from cvapp.api.pagination import Page, PageDep
from cvapp.domain.public import share_links
from cvapp.domain.public.share_links import ShareLinkIn, ShareLinkView

router = APIRouter(tags=["share links"])


@router.post("/cvs/{cv_id}/share-links", status_code=201, response_model=ShareLinkView)
def create_share_link(
    cv_id: str, payload: ShareLinkIn, user: CurrentUser, session: SessionDep, response: Response
) -> ShareLinkView:
    """A new link for one recipient (label, optional expiry); the URL stays visible."""
    link = share_links.create_share_link(session, user_id=user.id, cv_id=cv_id, data=payload)
    response.headers["Location"] = f"/api/v1/cvs/{cv_id}/share-links"
    return link


@router.get("/cvs/{cv_id}/share-links", response_model=Page[ShareLinkView])
def list_share_links(
    cv_id: str, user: CurrentUser, session: SessionDep, params: PageDep
) -> dict[str, Any]:
    """The CV's links with their counts, newest first (revoked ones included)."""
    links, total = share_links.list_share_links(
        session, user_id=user.id, cv_id=cv_id, offset=params.offset, limit=params.size
    )
    return params.page_of(links, total)


@router.delete("/share-links/{link_id}", status_code=204, response_class=Response)
def revoke_share_link(link_id: str, user: CurrentUser, session: SessionDep) -> Response:
    """Revoke a link: it stops working at once."""
    share_links.revoke_share_link(session, user_id=user.id, link_id=link_id)
    return Response(status_code=204)
