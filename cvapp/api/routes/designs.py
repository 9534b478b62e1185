"""The choices of a CV's design (the design itself is a field of the CV: PATCH /cvs/{id}),
and the bundled fonts of its pairings for the browser (public, like static files)."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

from cvapp.domain.cvs import fonts
from cvapp.domain.cvs.design import DesignOptions, options

router = APIRouter(prefix="/designs", tags=["cvs"])
# A font's URL in the stylesheet carries its hash: the bytes behind a URL never change.
FOREVER = "public, max-age=31536000, immutable"
# The stylesheet's URL carries its hash in the app; asked without it, it is checked daily.
DAILY = "public, max-age=86400"


@router.get("/options", response_model=DesignOptions)
def design_options() -> DesignOptions:
    """Accent presets, font pairings, size and margin limits, styles and date formats."""
    return options()


def _cached(request: Request, file: fonts.Served, cache_control: str) -> Response:
    headers = {"ETag": file.etag, "Cache-Control": cache_control}
    if request.headers.get("if-none-match") == file.etag:
        return Response(status_code=304, headers=headers)
    return Response(file.data, media_type=file.media_type, headers=headers)


@router.get(
    "/fonts.css",
    response_class=Response,
    responses={200: {"content": {"text/css": {}}}, 304: {"description": "Not modified"}},
)
def fonts_stylesheet(request: Request) -> Response:
    """``@font-face`` rules of the pairings' families (regular and bold), for a sample."""
    return _cached(request, fonts.stylesheet(), DAILY)


@router.get(
    "/fonts/{file}",
    response_class=Response,
    responses={
        200: {"content": {fonts.WOFF2_TYPE: {}, fonts.CONTENT_TYPE: {}}},
        304: {"description": "Not modified"},
        404: {"description": "NOT_FOUND: not one of the bundled fonts (.ttf, or .woff2)"},
    },
)
def font_file(file: str, request: Request) -> Response:
    """One of the bundled font files (SIL Open Font License), by its exact name, or the
    same font as WOFF2 (``NotoSerif-Regular.woff2``)."""
    return _cached(request, fonts.font_file(file), FOREVER)
