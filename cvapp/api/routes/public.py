"""Public HTML pages outside /api/v1: profiles (``/p/{slug}``) and share links (``/s/{token}``)."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

import structlog
from fastapi import APIRouter, Request, Response
from fastapi.responses import HTMLResponse

from cvapp.api.deps import SessionDep
from cvapp.api.fastpath import MARKER_HEADER
from cvapp.api.routes.exports import file_response
from cvapp.domain.exports.html import environment
from cvapp.domain.public import pages, shared
from cvapp.errors import DomainError, NotFound

router = APIRouter(include_in_schema=True, tags=["public pages"])
PUBLIC_CACHE = "public, no-cache"
log = structlog.get_logger(__name__)


def _error_page(exc: DomainError) -> HTMLResponse:
    if isinstance(exc, NotFound):
        title, message, status = "Not found", "There is nothing at this address.", 404
    else:  # e.g. an anonymization leak: the owner must fix it, the visitor sees nothing
        log.warning("public_page_refused", code=exc.code, details=exc.details)
        title, message, status = "Unavailable", "This page is not available right now.", 503
    html = environment().get_template("public/error.html").render(title=title, message=message)
    return HTMLResponse(html, status_code=status, headers={"X-Robots-Tag": "noindex"})


def html_errors(route: Callable[..., Response]) -> Callable[..., Response]:
    """Answer domain errors with an HTML page instead of the API's JSON envelope."""

    @wraps(route)
    def wrapper(*args: Any, **kwargs: Any) -> Response:
        try:
            return route(*args, **kwargs)
        except DomainError as exc:
            return _error_page(exc)

    return wrapper


@router.get("/p/{slug}", response_class=HTMLResponse)
@html_errors
def public_profile(slug: str, request: Request, session: SessionDep) -> Response:
    """A PUBLIC or UNLISTED profile as a server-rendered page (404 when PRIVATE)."""
    page = pages.public_profile_page(session, slug=slug)
    etag = f'"{page.etag}"'
    # A CDN may keep the page but asks us each time (a 304 costs nothing): unpublishing,
    # or a change, shows at once instead of after a max-age.
    headers = {"ETag": etag, "Cache-Control": PUBLIC_CACHE}
    if not page.indexable:
        headers["X-Robots-Tag"] = "noindex, nofollow"
        headers["Cache-Control"] = "private, no-cache"
    if request.headers.get("if-none-match") == etag:
        return Response(status_code=304, headers=headers)
    # Lets the fast path in front keep this answer in memory (it strips the header).
    headers[MARKER_HEADER] = page.profile_id
    return HTMLResponse(page.html, headers=headers)


@router.get("/p/{slug}/cv.pdf", response_class=Response)
@html_errors
def public_profile_pdf(slug: str, request: Request, session: SessionDep) -> Response:
    """The public profile as a PDF (no contact details), downloaded under the person's name."""
    file = pages.public_profile_pdf(session, slug=slug)
    return file_response(file, request)


@router.get("/s/{token}", response_class=HTMLResponse)
@html_errors
def share_page(token: str, session: SessionDep) -> Response:
    """A shared CV; counts a view (nothing about the visitor is stored)."""
    html = shared.share_page(session, token=token)
    headers = {"X-Robots-Tag": "noindex, nofollow", "Cache-Control": "private, no-store"}
    return HTMLResponse(html, headers=headers)


@router.get("/s/{token}/cv.pdf", response_class=Response)
@html_errors
def share_pdf(token: str, request: Request, session: SessionDep) -> Response:
    """A shared CV's PDF; counts a download."""
    file = shared.share_pdf(session, token=token)
    response = file_response(file, request)
    response.headers["X-Robots-Tag"] = "noindex, nofollow"
    return response
